//! Retries, Retry-After, and what is never retried, over real HTTP.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant, SystemTime};

use accs_transport::{Error, Flavor};
use common::client;
use httpmock::prelude::*;
use serde_json::{Value, json};

async fn sequence(server: &MockServer, method: &str, statuses: &[(u16, &str)]) {
    for (status, body) in statuses {
        let mock = server
            .mock_async(|when, then| {
                when.method(method).path("/rest/V1/products");
                then.status(*status).header("content-type", "text/html").body(*body);
            })
            .await;
        mock.up_to_n_times_async(1).await;
    }
}

#[tokio::test]
async fn get_survives_503_503_then_200() {
    let server = MockServer::start_async().await;
    sequence(&server, "GET", &[(503, "<html>Backend fetch failed</html>"), (503, "<html/>")]).await;
    let ok = server
        .mock_async(|when, then| {
            when.method(GET).path("/rest/V1/products");
            then.status(200).json_body(json!({"items": [], "total_count": 0}));
        })
        .await;
    let client = client(&server.base_url(), Flavor::Paas);

    let value: Value = client.get(&["products"]).send().await.unwrap();

    assert_eq!(value["total_count"], 0);
    ok.assert_calls_async(1).await;
    let stats = client.stats();
    assert_eq!((stats.requests, stats.retries), (3, 2));
}

#[tokio::test]
async fn retries_stop_at_the_attempt_limit_with_the_last_error() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(GET).path("/rest/V1/products");
            then.status(500).json_body(json!({"message": "Internal Error. Report ID: webapi-1"}));
        })
        .await;
    let err = client(&server.base_url(), Flavor::Paas).get(&["products"]).send_value().await;

    mock.assert_calls_async(4).await;
    match err.unwrap_err() {
        Error::Server { status: 500, message } => assert!(message.rendered.contains("webapi-1")),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn post_is_not_retried_on_503_but_is_on_429() {
    let server = MockServer::start_async().await;
    let unavailable = server
        .mock_async(|when, then| {
            when.method(POST).path("/rest/V1/products");
            then.status(503).header("content-type", "text/html").body("<h1>503</h1>");
        })
        .await;
    let client = client(&server.base_url(), Flavor::Paas);
    let err = client.post(&["products"]).json(&json!({"product": {}})).send_value().await;
    unavailable.assert_calls_async(1).await;
    let err = err.unwrap_err();
    assert!(matches!(err, Error::NonJson { status: 503, .. }), "{err:?}");
    assert!(err.to_string().contains("503"), "{err}");

    let server = MockServer::start_async().await;
    sequence(&server, "POST", &[(429, "")]).await;
    let created = server
        .mock_async(|when, then| {
            when.method(POST).path("/rest/V1/products");
            then.status(200).json_body(json!({"sku": "A"}));
        })
        .await;
    let client = common::client(&server.base_url(), Flavor::Paas);
    let value = client.post(&["products"]).json(&json!({})).send_value().await.unwrap();
    assert_eq!(value["sku"], "A");
    created.assert_calls_async(1).await;
}

#[tokio::test]
async fn retry_after_in_seconds_and_as_a_date_is_waited_for() {
    for retry_after in
        ["1".to_owned(), httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(3))]
    {
        let server = MockServer::start_async().await;
        let throttled = server
            .mock_async(|when, then| {
                when.method(GET).path("/rest/V1/products");
                then.status(429).header("retry-after", retry_after.as_str());
            })
            .await;
        throttled.up_to_n_times_async(1).await;
        server
            .mock_async(|when, then| {
                when.method(GET).path("/rest/V1/products");
                then.status(200).json_body(json!(true));
            })
            .await;

        let started = Instant::now();
        let _: bool =
            client(&server.base_url(), Flavor::Paas).get(&["products"]).send().await.unwrap();
        // A date has one-second resolution: three seconds ahead waits at least two.
        assert!(started.elapsed() >= Duration::from_millis(900), "{retry_after}");
        assert!(started.elapsed() < Duration::from_secs(5), "{retry_after}");
    }
}

#[tokio::test]
async fn retry_after_above_the_cap_gives_up_at_once_with_the_servers_wait() {
    let server = MockServer::start_async().await;
    let throttled = server
        .mock_async(|when, then| {
            when.method(GET).path("/rest/V1/products");
            then.status(429).header("retry-after", "3600");
        })
        .await;
    let started = Instant::now();
    let err = client(&server.base_url(), Flavor::Paas).get(&["products"]).send_value().await;

    throttled.assert_calls_async(1).await;
    assert!(started.elapsed() < Duration::from_secs(2));
    let err = err.unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(err.to_string(), "rate limited (HTTP 429): the server asked to wait 3600 s");
}

#[tokio::test]
async fn throttling_without_retry_after_backs_off_a_bounded_number_of_times() {
    let server = MockServer::start_async().await;
    let throttled = server
        .mock_async(|when, then| {
            when.method(GET).path("/rest/V1/products");
            then.status(429).body("");
        })
        .await;
    let err = client(&server.base_url(), Flavor::Paas).get(&["products"]).send_value().await;

    throttled.assert_calls_async(4).await;
    let err = err.unwrap_err();
    assert!(matches!(err, Error::RateLimited { retry_after: None }), "{err:?}");
    assert!(err.to_string().contains("no Retry-After"), "{err}");
}

#[tokio::test]
async fn a_slow_server_times_out_and_writes_say_the_outcome_is_unknown() {
    let server = MockServer::start_async().await;
    let slow = server
        .mock_async(|when, then| {
            when.path_prefix("/rest/V1/products");
            then.status(200).delay(Duration::from_secs(3)).json_body(json!(true));
        })
        .await;
    let client = accs_transport::Client::builder(
        &server.base_url(),
        std::sync::Arc::new(accs_auth::StaticTokenProvider::new("t")),
    )
    .flavor(Flavor::Paas)
    .timeout(Duration::from_millis(200))
    .retry_policy(common::quick_retries().with_max_attempts(2))
    .build()
    .unwrap();

    let get = client.get(&["products", "A"]).send_value().await.unwrap_err();
    assert!(matches!(get, Error::Timeout { outcome_unknown: false }), "{get:?}");
    let put = client.put(&["products", "A"]).json(&1).send_value().await.unwrap_err();
    assert!(matches!(put, Error::Timeout { outcome_unknown: true }), "{put:?}");
    assert!(put.is_outcome_unknown());
    let post = client.post(&["products"]).json(&1).send_value().await.unwrap_err();
    assert!(post.to_string().contains("may or may not have been applied"), "{post}");
    // GET and PUT are idempotent and were retried; the POST went once.
    slow.assert_calls_async(2 + 2 + 1).await;
}

#[tokio::test]
async fn connection_refused_is_a_connect_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = client(&format!("http://127.0.0.1:{port}"), Flavor::Paas);
    let err = client.post(&["products"]).json(&1).send_value().await.unwrap_err();
    assert!(matches!(err, Error::Connect { .. }), "{err:?}");
    // Nothing was sent, so even the POST was tried again.
    assert_eq!(client.stats().requests, 4);
}
