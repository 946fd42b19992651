//! A refusal that echoes the form it refused does not carry the client secret into the error.

#![allow(clippy::unwrap_used)]

use accs_auth::{AuthError, ImsCredentials, ImsTokenProvider, TokenProvider};
use httpmock::prelude::*;
use serde_json::json;

/// A secret whose form encoding differs from its raw text.
const SECRET: &str = "p8e-echo+me/now=please";
const FORM_ENCODED: &str = "p8e-echo%2Bme%2Fnow%3Dplease";

async fn refusal_answering(status: u16, content_type: &str, body: String) -> AuthError {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST).path("/ims/token/v3");
            then.status(status).header("content-type", content_type).body(body);
        })
        .await;
    let credentials = ImsCredentials::new("client-id", SECRET)
        .unwrap()
        .with_token_url(&server.url("/ims/token/v3"))
        .unwrap();
    let provider = ImsTokenProvider::builder(credentials).build().unwrap();
    let err = provider.token().await.unwrap_err();
    mock.assert_calls_async(1).await;
    err
}

#[tokio::test]
async fn an_echoed_secret_raw_or_form_encoded_is_redacted_from_the_refusal() {
    let page = format!(
        "<html><pre>client_id=client-id&client_secret={FORM_ENCODED}</pre><p>{SECRET}</p></html>"
    );
    let oauth = json!({"error": "invalid_request",
                       "error_description": format!("bad client_secret={SECRET}")});
    for (content_type, body) in [("text/html", page), ("application/json", oauth.to_string())] {
        let err = refusal_answering(400, content_type, body).await;
        assert!(matches!(err, AuthError::Refused { status: 400, .. }), "{err:?}");
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains(SECRET) && !shown.contains(FORM_ENCODED), "{shown}");
        assert!(shown.contains("client_secret=[REDACTED]"), "{shown}");
    }
}
