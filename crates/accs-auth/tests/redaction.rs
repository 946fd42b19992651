//! No public type or error of this crate shows a secret or a token in `Debug` or `Display`,
//! nor in log lines at TRACE.

#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use accs_auth::{
    AccessToken, AuthError, CachedTokenProvider, ImsCredentials, ImsTokenProvider,
    StaticTokenProvider, TokenProvider,
};
use httpmock::prelude::*;
use serde_json::json;

const SECRET: &str = "client-SECRET-9f8e7d";
const TOKEN: &str = "eyJhbGciOi-ISSUED-TOKEN";

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
async fn secrets_and_tokens_never_show_in_debug_display_or_logs() {
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start_async().await;
    let refusal = server
        .mock_async(|when, then| {
            when.method(POST).path("/ims/token/v3").form_urlencoded_tuple("scope", "bad");
            then.status(400)
                .json_body(json!({"error": "invalid_scope", "error_description": "no"}));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/ims/token/v3");
            then.status(200).json_body(
                json!({"access_token": TOKEN, "token_type": "bearer", "expires_in": 99}),
            );
        })
        .await;
    let credentials = ImsCredentials::new("client-id", SECRET)
        .unwrap()
        .with_org_id("ORG@AdobeOrg")
        .with_token_url(&server.url("/ims/token/v3"))
        .unwrap();
    let ims = ImsTokenProvider::builder(credentials.clone()).build().unwrap();
    let cache = CachedTokenProvider::with_margin(ims.clone(), Duration::from_secs(1));

    let token = cache.token().await.unwrap();
    let bad_scope = ImsTokenProvider::builder(credentials.clone().with_scopes(["bad"]).unwrap())
        .build()
        .unwrap();
    let refused = bad_scope.token().await.unwrap_err();
    refusal.assert_calls_async(1).await;
    // Through a cache too, whose failed refresh is logged at `warn`.
    let cached_refusal = CachedTokenProvider::new(bad_scope).token().await.unwrap_err();
    refusal.assert_calls_async(2).await;
    let builder = ImsTokenProvider::builder(credentials.clone());

    let mut shown = vec![
        format!("{credentials:?}"),
        format!("{ims:?}"),
        format!("{cache:?}"),
        format!("{token:?}"),
        format!("{:?}", StaticTokenProvider::new(TOKEN)),
        format!("{:?}", StaticTokenProvider::from_token(AccessToken::non_expiring(TOKEN))),
        format!("{refused} {refused:?}"),
        format!("{cached_refusal} {cached_refusal:?}"),
        format!("{builder:?}"),
    ];
    let errors = [
        AuthError::Config("x".into()),
        AuthError::Unavailable {
            status: Some(503),
            reason: "r".into(),
            attempts: 2,
            retry_after: None,
        },
        AuthError::InvalidResponse { status: 200, reason: "r".into() },
        AuthError::Provider("p".into()),
    ];
    shown.extend(errors.iter().map(|err| format!("{err} {err:?}")));
    shown.push(String::from_utf8(logs.0.lock().unwrap().clone()).unwrap());

    let everything = shown.join("\n");
    assert!(everything.contains("minted IMS token"), "the logs were not captured");
    assert!(everything.contains("token refresh failed"), "the cache's warning was not captured");
    assert!(!everything.contains(SECRET), "secret leaked:\n{everything}");
    assert!(!everything.contains(TOKEN), "token leaked:\n{everything}");
}
