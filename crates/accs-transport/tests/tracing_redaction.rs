//! Logs at TRACE carry the request span and outcome, never a token or the Authorization header.

#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use accs_auth::{CachedTokenProvider, ImsCredentials, ImsTokenProvider};
use accs_transport::Flavor;
use httpmock::prelude::*;
use serde_json::json;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn trace_logs_show_the_request_but_no_token() {
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        // Everything at TRACE but the mock server's own logs, which echo the requests it saw.
        .with_env_filter("trace,httpmock=off")
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let ims = MockServer::start_async().await;
    for token in ["OLD-token-abc", "NEW-token-xyz"] {
        let mock = ims
            .mock_async(|when, then| {
                when.method(POST).path("/ims/token/v3");
                then.status(200).json_body(
                    json!({"access_token": token, "token_type": "bearer", "expires_in": 3600}),
                );
            })
            .await;
        mock.up_to_n_times_async(1).await;
    }
    let api = MockServer::start_async().await;
    api.mock_async(|when, then| {
        when.header("authorization", "Bearer OLD-token-abc");
        then.status(401).json_body(json!({"message": "The consumer isn't authorized."}));
    })
    .await;
    let throttled = api
        .mock_async(|when, then| {
            when.header("authorization", "Bearer NEW-token-xyz");
            then.status(503).body("busy");
        })
        .await;
    throttled.up_to_n_times_async(1).await;
    api.mock_async(|when, then| {
        when.header("authorization", "Bearer NEW-token-xyz");
        then.status(200).json_body(json!({"sku": "A"}));
    })
    .await;
    let credentials = ImsCredentials::new("client", "CLIENT-secret-123")
        .unwrap()
        .with_token_url(&ims.url("/ims/token/v3"))
        .unwrap();
    let tokens =
        Arc::new(CachedTokenProvider::new(ImsTokenProvider::builder(credentials).build().unwrap()));
    let client = common::client_with(&api.base_url(), Flavor::Paas, tokens);

    let value = client.get(&["products", "SECRET-SKU?"]).send_value().await.unwrap();
    assert_eq!(value["sku"], "A");
    let client_debug = format!("{client:?}");

    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains("accs_request"), "{text}");
    assert!(text.contains("path=/V1/products/{}"), "{text}");
    assert!(text.contains("attempt=2"), "{text}");
    assert!(text.contains("elapsed_ms"), "{text}");
    assert!(text.contains("retrying"), "{text}");
    for leaked in ["OLD-token-abc", "NEW-token-xyz", "CLIENT-secret-123", "Bearer "] {
        assert!(!text.contains(leaked), "{leaked} in logs:\n{text}");
        assert!(!client_debug.contains(leaked), "{leaked} in {client_debug}");
    }
}
