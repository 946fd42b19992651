//! A success answer of the wrong kind is described without quoting it: it may echo the token.

#![allow(clippy::unwrap_used)]

mod support;

use accs_catalog::CatalogError;
use httpmock::prelude::*;
use serde_json::json;
use support::mock_products;

#[tokio::test]
async fn a_delete_answering_other_than_true_is_described_not_quoted() {
    let echo = json!({"echo": "Authorization: Bearer eyJ-echoed-token-0123456789"});
    for (body, described) in [
        (json!(false), "answered false instead of true"),
        (json!(0), "answered 0 instead of true"),
        (echo, "answered a JSON object of 60 bytes instead of true"),
        (
            json!(["eyJ-echoed-token-0123456789"]),
            "answered a JSON array of 31 bytes instead of true",
        ),
        (
            json!("eyJ-echoed-token-0123456789"),
            "answered a JSON string of 29 bytes instead of true",
        ),
    ] {
        let server = MockServer::start_async().await;
        server
            .mock_async(|when, then| {
                when.method(DELETE).path("/V1/products/A");
                then.status(200).json_body(body);
            })
            .await;
        let err = mock_products(&server.base_url()).delete("A").await.unwrap_err();
        assert!(matches!(err, CatalogError::UnexpectedResponse { .. }), "{err:?}");
        let shown = format!("{err} {err:?}");
        assert!(shown.contains(described), "{shown}");
        assert!(!shown.contains("eyJ-echoed-token"), "{shown}");
    }
}
