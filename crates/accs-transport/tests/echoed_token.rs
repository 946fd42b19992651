//! Errors built from an answer that echoes the request never repeat the bearer token sent.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use accs_auth::StaticTokenProvider;
use accs_transport::{Client, Error, Flavor, RetryPolicy};
use httpmock::prelude::*;
use serde::Deserialize;

const TOKEN: &str = "eyJ-echoed-bearer-token-0123456789";

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Count {
    count: u64,
}

#[tokio::test]
async fn every_error_quoting_an_echoing_answer_leaves_the_token_out() {
    let server = MockServer::start_async().await;
    let echo = format!("<pre>GET /V1/x\nAuthorization: Bearer {TOKEN}</pre>");
    let cases = [
        ("html", 502, "text/html", echo),
        (
            "message",
            400,
            "application/json",
            format!(r#"{{"message":"Bad %1","parameters":["{TOKEN}"]}}"#),
        ),
        ("denied", 401, "application/json", format!(r#"{{"message":"Token {TOKEN} refused"}}"#)),
        ("shape", 200, "application/json", format!(r#"{{"echo":"Bearer {TOKEN}"}}"#)),
        ("typed", 200, "application/json", format!(r#"{{"count":"{TOKEN}"}}"#)),
        ("page", 200, "text/html", echo_page()),
    ];
    for (path, status, content_type, body) in &cases {
        server
            .mock_async(|when, then| {
                when.path(format!("/V1/{path}"));
                then.status(*status).header("content-type", *content_type).body(body);
            })
            .await;
    }
    let client = Client::builder(&server.base_url(), Arc::new(StaticTokenProvider::new(TOKEN)))
        .flavor(Flavor::Saas)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();

    for (path, status, _, _) in &cases {
        let err = client.get(&[path]).send::<Count>().await.unwrap_err();
        assert_eq!(err.status(), Some(*status), "{err:?}");
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains(TOKEN), "{path}: {shown}");
        assert!(shown.contains("[REDACTED]"), "{path}: {shown}");
    }
    let err = client.get(&["typed"]).send::<Count>().await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

fn echo_page() -> String {
    format!("<html><body>You sent: Bearer {TOKEN}</body></html>")
}
