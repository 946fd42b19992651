//! Which answers are retried, for which methods, and the bounds on retrying, over real HTTP.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use accs_transport::{Error, Flavor, Method, RetryPolicy};
use common::{client, quick_retries};
use httpmock::prelude::*;
use serde_json::json;

/// Answers `status` (with a Commerce body, so the status alone decides) to every request of
/// `method` and returns how many requests one call made.
async fn calls_for(method: Method, status: u16) -> usize {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(method.as_str()).path("/rest/V1/products/A");
            then.status(status).json_body(json!({"message": "Status %1", "parameters": [status]}));
        })
        .await;
    let request = client(&server.base_url(), Flavor::Paas).request(method, &["products", "A"]);
    let err = request.json(&json!({})).send_value().await.unwrap_err();
    assert_eq!(err.status(), Some(status), "{err}");
    mock.calls_async().await
}

#[tokio::test]
async fn transient_statuses_are_retried_for_idempotent_methods_only() {
    for status in [408, 500, 502, 503, 504] {
        for method in [Method::GET, Method::PUT, Method::DELETE] {
            assert_eq!(calls_for(method.clone(), status).await, 4, "{method} {status}");
        }
        assert_eq!(calls_for(Method::POST, status).await, 1, "POST {status}");
    }
}

#[tokio::test]
async fn refusals_are_never_retried_whatever_the_method() {
    for status in [400, 403, 404, 405, 409, 422, 501] {
        for method in [Method::GET, Method::PUT, Method::DELETE, Method::POST] {
            assert_eq!(calls_for(method.clone(), status).await, 1, "{method} {status}");
        }
    }
}

#[tokio::test]
async fn throttling_is_retried_even_for_post() {
    assert_eq!(calls_for(Method::POST, 429).await, 4);
}

#[tokio::test]
async fn retrying_stops_when_the_time_budget_is_spent() {
    let server = MockServer::start_async().await;
    let failing = server
        .mock_async(|when, then| {
            when.method(GET).path("/rest/V1/products");
            then.status(503).header("retry-after", "1").body("<html>busy</html>");
        })
        .await;
    let policy = RetryPolicy::default()
        .with_max_attempts(100)
        .with_max_elapsed(Duration::from_millis(2_500));
    let client = accs_transport::Client::builder(
        &server.base_url(),
        std::sync::Arc::new(accs_auth::StaticTokenProvider::new("t")),
    )
    .flavor(Flavor::Paas)
    .retry_policy(policy)
    .build()
    .unwrap();

    let started = Instant::now();
    let err = client.get(&["products"]).send_value().await.unwrap_err();

    // Waits of 1 s each: the third would end past 2.5 s, so it is not waited for.
    assert_eq!(failing.calls_async().await, 3);
    assert!(started.elapsed() < Duration::from_millis(2_500), "{:?}", started.elapsed());
    assert!(matches!(err, Error::NonJson { status: 503, .. }), "{err:?}");
}

#[tokio::test]
async fn a_long_retry_after_on_a_503_keeps_the_503() {
    let server = MockServer::start_async().await;
    let maintenance = server
        .mock_async(|when, then| {
            when.method(GET).path("/rest/V1/products");
            then.status(503).header("retry-after", "3600").body("<html>maintenance</html>");
        })
        .await;
    let started = Instant::now();
    let err = client(&server.base_url(), Flavor::Paas).get(&["products"]).send_value().await;

    maintenance.assert_calls_async(1).await;
    assert!(started.elapsed() < Duration::from_secs(2));
    let err = err.unwrap_err();
    assert_eq!(err.status(), Some(503), "{err:?}");
    assert!(err.to_string().contains("maintenance"), "{err}");
}

#[test]
fn header_values_that_cannot_be_sent_are_refused_at_build() {
    let tokens = std::sync::Arc::new(accs_auth::StaticTokenProvider::new("t"));
    let builder = || accs_transport::Client::builder("https://shop.example.com", tokens.clone());
    let err = builder().api_key("client\nid").build().unwrap_err();
    assert!(err.to_string().contains("x-api-key"), "{err}");
    let err = builder().org_id("org\u{0}").build().unwrap_err();
    assert!(err.to_string().contains("x-gw-ims-org-id"), "{err}");
    assert!(builder().retry_policy(quick_retries()).api_key("ok").build().is_ok());
}
