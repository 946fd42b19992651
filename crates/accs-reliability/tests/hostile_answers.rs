//! Answers no well-behaved server gives: HTML, empty bodies, truncated or wrongly shaped JSON,
//! huge bodies, a `Retry-After` of an hour. Each ends in its documented error, within a time
//! bound and a counted number of requests.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant, SystemTime};

use accs_catalog::{CatalogError, Products, SearchCriteria};
use accs_reliability::{HOSTILE_ATTEMPTS, hostile_client};
use accs_transport::Error;
use httpmock::Mock;
use httpmock::prelude::*;

const HTML: &str = "<!DOCTYPE html><html><head><title>503 Backend fetch failed</title></head>\
                    <body><h1>Error 503 Backend fetch failed</h1></body></html>";

/// A server answering every request with `status`, `headers` and `body`, the mock to count
/// its requests with, and the products API of a client of it.
async fn answering<'a>(
    server: &'a MockServer,
    status: u16,
    headers: &[(&str, &str)],
    body: impl Into<Vec<u8>>,
) -> (Mock<'a>, Products) {
    let body = body.into();
    let mock = server
        .mock_async(|when, then| {
            when.any_request();
            let mut then = then.status(status).body(body);
            for (name, value) in headers {
                then = then.header(*name, *value);
            }
        })
        .await;
    let products = Products::new(hostile_client(&server.base_url()).build().unwrap());
    (mock, products)
}

/// The transport error inside `err`.
fn transport(err: CatalogError) -> Error {
    match err {
        CatalogError::Transport(inner) => inner,
        other => panic!("not a transport error: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_is_an_http_error_naming_the_status_and_retried_only_when_transient() {
    let html = [("content-type", "text/html; charset=utf-8")];
    for (status, attempts) in [(200, 1), (404, 1), (503, HOSTILE_ATTEMPTS as usize)] {
        let server = MockServer::start_async().await;
        let (mock, products) = answering(&server, status, &html, HTML).await;
        let started = Instant::now();
        let err = transport(products.get("A").await.unwrap_err());
        assert!(started.elapsed() < Duration::from_secs(2), "{status}: {:?}", started.elapsed());
        let Error::NonJson { status: seen, content_type, excerpt } = &err else {
            panic!("{status}: {err:?}");
        };
        assert_eq!(*seen, status);
        assert!(content_type.starts_with("text/html"), "{content_type}");
        assert!(excerpt.contains("Backend fetch failed"), "{excerpt}");
        assert!(err.to_string().contains(&format!("HTTP {status}")), "{err}");
        assert!(!err.is_not_found(), "an HTML 404 is not 'no such product'");
        assert_eq!(mock.calls_async().await, attempts, "{status}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_body_is_an_error_not_an_empty_list_c09() {
    for (status, attempts) in [(200, 1), (503, HOSTILE_ATTEMPTS as usize)] {
        let server = MockServer::start_async().await;
        let (mock, products) = answering(&server, status, &[], "").await;
        let err = transport(products.list(&SearchCriteria::new()).await.unwrap_err());
        assert!(matches!(err, Error::EmptyBody { status: s } if s == status), "{err:?}");
        assert_eq!(err.to_string(), format!("HTTP {status} with an empty body"));
        assert_eq!(mock.calls_async().await, attempts);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn truncated_or_wrongly_shaped_json_is_a_decode_error_sent_once() {
    let json = [("content-type", "application/json")];
    let bodies: [&[u8]; 5] = [
        b"{\"items\":[{\"id\":1,\"sku\":\"A\"",
        b"{\"products\":[]}",
        b"{\"items\":\"none\",\"total_count\":0}",
        b"[1,2,3]",
        b"\"just a string\"",
    ];
    for body in bodies {
        let server = MockServer::start_async().await;
        let (mock, products) = answering(&server, 200, &json, body).await;
        let err = transport(products.list(&SearchCriteria::new()).await.unwrap_err());
        let Error::Decode { status: 200, what, .. } = &err else { panic!("{err:?}") };
        assert_eq!(what, "ProductPage");
        assert_eq!(mock.calls_async().await, 1);

        let err = transport(products.get("A").await.unwrap_err());
        assert!(matches!(err, Error::Decode { status: 200, .. }), "{err:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delete_answering_anything_but_true_is_unexpected() {
    let json = [("content-type", "application/json")];
    for body in ["false", "{\"ok\":true}", "1"] {
        let server = MockServer::start_async().await;
        let (mock, products) = answering(&server, 200, &json, body).await;
        let err = products.delete("A").await.unwrap_err();
        assert!(matches!(err, CatalogError::UnexpectedResponse { .. }), "{body}: {err:?}");
        assert_eq!(mock.calls_async().await, 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_over_the_limit_is_refused_once_without_retry() {
    const LIMIT: usize = 64 * 1024;
    let server = MockServer::start_async().await;
    let huge = format!("{{\"items\":[{}]}}", "{\"id\":1,\"sku\":\"A\"},".repeat(LIMIT / 8));
    let mock = server
        .mock_async(|when, then| {
            when.any_request();
            then.status(200).header("content-type", "application/json").body(huge);
        })
        .await;
    let client = hostile_client(&server.base_url()).max_response_bytes(LIMIT).build().unwrap();
    let err = transport(Products::new(client).list(&SearchCriteria::new()).await.unwrap_err());
    assert!(matches!(err, Error::BodyTooLarge { status: 200, limit: LIMIT }), "{err:?}");
    assert_eq!(err.to_string(), format!("HTTP 200 body exceeds the {LIMIT}-byte limit"));
    assert_eq!(mock.calls_async().await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_after_of_an_hour_ends_the_request_at_once() {
    let in_an_hour = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(3600));
    for retry_after in ["3600", in_an_hour.as_str()] {
        let header = [("retry-after", retry_after)];
        let server = MockServer::start_async().await;
        let (mock, products) = answering(&server, 429, &header, "").await;
        let started = Instant::now();
        let err = transport(products.get("A").await.unwrap_err());
        assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
        let wait = err.retry_after().unwrap_or_else(|| panic!("{err:?}"));
        assert!(wait > Duration::from_secs(3590) && wait <= Duration::from_secs(3600), "{wait:?}");
        assert_eq!(err.status(), Some(429));
        assert!(err.to_string().contains("asked to wait"), "{err}");
        assert_eq!(mock.calls_async().await, 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_503_asking_for_an_hour_stays_a_503_and_ends_at_once() {
    let headers = [("retry-after", "3600"), ("content-type", "text/html")];
    let server = MockServer::start_async().await;
    let (mock, products) = answering(&server, 503, &headers, HTML).await;
    let started = Instant::now();
    let err = transport(products.get("A").await.unwrap_err());
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert_eq!(err.status(), Some(503), "{err:?}");
    assert!(matches!(err, Error::NonJson { status: 503, .. }), "{err:?}");
    assert_eq!(mock.calls_async().await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttling_without_a_usable_retry_after_stops_after_the_attempt_limit() {
    for headers in [&[][..], &[("retry-after", "0")][..], &[("retry-after", "soon")][..]] {
        let server = MockServer::start_async().await;
        let (mock, products) = answering(&server, 429, headers, "").await;
        let started = Instant::now();
        let err = transport(products.get("A").await.unwrap_err());
        assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
        assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
        assert_eq!(mock.calls_async().await, HOSTILE_ATTEMPTS as usize, "{headers:?}");
    }
}
