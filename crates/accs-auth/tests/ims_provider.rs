//! `ImsTokenProvider` against a local IMS stand-in over real HTTP.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use accs_auth::{AuthError, ImsCredentials, ImsTokenProvider, TokenProvider};
use httpmock::prelude::*;
use secrecy::ExposeSecret;
use serde_json::json;

const SECRET: &str = "p8e-SECRET-value-123";

fn provider(server: &MockServer) -> ImsTokenProvider {
    let credentials = ImsCredentials::new("client-abc", SECRET)
        .unwrap()
        .with_org_id("ORG123@AdobeOrg")
        .with_token_url(&server.url("/ims/token/v3"))
        .unwrap();
    ImsTokenProvider::builder(credentials)
        .initial_backoff(Duration::from_millis(10))
        .max_attempts(3)
        .build()
        .unwrap()
}

#[tokio::test]
async fn sends_client_credentials_as_a_form_body_with_the_commerce_scopes() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/ims/token/v3")
                .header("content-type", "application/x-www-form-urlencoded")
                .form_urlencoded_tuple("grant_type", "client_credentials")
                .form_urlencoded_tuple("client_id", "client-abc")
                .form_urlencoded_tuple("client_secret", SECRET)
                .form_urlencoded_tuple(
                    "scope",
                    "openid,AdobeID,email,profile,additional_info.roles,\
                     additional_info.projectedProductContext,commerce.accs",
                )
                .query_param_missing("client_secret");
            then.status(200).json_body(
                json!({"access_token": "tok-1", "token_type": "bearer", "expires_in": 86399}),
            );
        })
        .await;

    let token = provider(&server).token().await.unwrap();

    mock.assert_calls_async(1).await;
    assert_eq!(token.secret().expose_secret(), "tok-1");
    assert_eq!(token.token_type(), "bearer");
    let lifetime = token.lifetime();
    assert_eq!(lifetime, Duration::from_secs(86_399));
    assert!(token.remaining() <= lifetime && token.remaining() > lifetime - Duration::from_secs(5));
}

#[tokio::test]
async fn each_oauth_refusal_maps_to_a_typed_error_and_is_sent_once() {
    for (status, error, description) in [
        (400, "invalid_client", "invalid client_secret parameter"),
        (400, "invalid_scope", "scope commerce.accs is not allowed"),
        (400, "invalid_request", "missing grant_type"),
        (400, "unsupported_grant_type", "grant not supported"),
        (401, "invalid_client", "unknown client"),
    ] {
        let server = MockServer::start_async().await;
        let mock = server
            .mock_async(|when, then| {
                when.method(POST).path("/ims/token/v3");
                then.status(status)
                    .json_body(json!({"error": error, "error_description": description}));
            })
            .await;

        let err = provider(&server).token().await.unwrap_err();

        mock.assert_calls_async(1).await;
        match &err {
            AuthError::Refused { status: got, error: code, description: text } => {
                assert_eq!(*got, status);
                assert_eq!(code, error);
                assert_eq!(text.as_deref(), Some(description));
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert!(!err.is_transient());
        let shown = format!("{err} {err:?}");
        assert!(shown.contains(error) && shown.contains(description), "{shown}");
        assert!(!shown.contains(SECRET), "{shown}");
    }
}

#[tokio::test]
async fn a_503_then_success_is_retried() {
    let server = MockServer::start_async().await;
    let failing = server
        .mock_async(|when, then| {
            when.method(POST).path("/ims/token/v3");
            then.status(503).header("content-type", "text/html").body("<html>busy</html>");
        })
        .await;
    failing.up_to_n_times_async(1).await;
    let ok = server
        .mock_async(|when, then| {
            when.method(POST).path("/ims/token/v3");
            then.status(200).json_body(
                json!({"access_token": "tok", "token_type": "bearer", "expires_in": 60}),
            );
        })
        .await;

    let token = provider(&server).token().await.unwrap();

    assert_eq!(token.secret().expose_secret(), "tok");
    failing.assert_calls_async(1).await;
    ok.assert_calls_async(1).await;
}

#[tokio::test]
async fn transient_failures_stop_after_the_attempt_limit() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST).path("/ims/token/v3");
            then.status(502).body("bad gateway");
        })
        .await;

    let err = provider(&server).token().await.unwrap_err();

    mock.assert_calls_async(3).await;
    assert!(err.is_transient());
    assert!(matches!(err, AuthError::Unavailable { status: Some(502), attempts: 3, .. }), "{err}");
}

#[tokio::test]
async fn a_429_retry_after_is_honoured_and_a_long_one_ends_at_once() {
    let server = MockServer::start_async().await;
    let throttled = server
        .mock_async(|when, then| {
            when.method(POST).path("/ims/token/v3");
            then.status(429).header("retry-after", "1");
        })
        .await;
    throttled.up_to_n_times_async(1).await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/ims/token/v3");
            then.status(200).json_body(
                json!({"access_token": "tok", "token_type": "bearer", "expires_in": 60}),
            );
        })
        .await;
    let started = std::time::Instant::now();
    provider(&server).token().await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(900), "{:?}", started.elapsed());

    let server = MockServer::start_async().await;
    let throttled = server
        .mock_async(|when, then| {
            when.method(POST).path("/ims/token/v3");
            then.status(429).header("retry-after", "3600");
        })
        .await;
    let err = provider(&server).token().await.unwrap_err();
    throttled.assert_calls_async(1).await;
    match err {
        AuthError::Unavailable { status: Some(429), retry_after, .. } => {
            assert_eq!(retry_after, Some(Duration::from_secs(3600)));
        }
        other => panic!("expected unavailable, got {other:?}"),
    }
}

#[tokio::test]
async fn connection_refused_is_transient() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let credentials = ImsCredentials::new("id", SECRET)
        .unwrap()
        .with_token_url(&format!("http://127.0.0.1:{port}/ims/token/v3"))
        .unwrap();
    let provider = ImsTokenProvider::builder(credentials)
        .initial_backoff(Duration::from_millis(5))
        .max_attempts(2)
        .build()
        .unwrap();

    let err = provider.token().await.unwrap_err();

    assert!(matches!(err, AuthError::Unavailable { status: None, attempts: 2, .. }), "{err:?}");
    assert!(!format!("{err} {err:?}").contains(SECRET));
}

#[test]
fn plain_http_to_a_remote_host_is_refused() {
    let err = ImsCredentials::new("id", SECRET)
        .unwrap()
        .with_token_url("http://ims.example.com/ims/token/v3")
        .unwrap_err();
    assert!(matches!(err, AuthError::Config(_)));
    assert!(err.to_string().contains("https"), "{err}");
}
