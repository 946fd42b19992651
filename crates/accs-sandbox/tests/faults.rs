//! Injected faults over HTTP, each at rate 1.0, plus churn, latency and the counters.

mod common;

use std::time::{Duration, Instant, SystemTime};

use accs_sandbox::{Churn, FaultConfig, InjectedFault, Sandbox, SandboxConfig};
use common::*;
use reqwest::StatusCode;

async fn faulty(faults: FaultConfig) -> (Sandbox, String, String) {
    let sandbox = sandbox_with(SandboxConfig { products: 30, ..SandboxConfig::default() }).await;
    let token = token(&sandbox).await;
    sandbox.set_faults(faults);
    let url = format!("{}/V1/products?{}", sandbox.base_url(), Criteria::new().page(10, 1).build());
    (sandbox, token, url)
}

#[tokio::test]
async fn http_503_is_a_varnish_html_page() {
    let (sandbox, token, url) =
        faulty(FaultConfig { http_503_html: 1.0, ..FaultConfig::none() }).await;
    let response = client().get(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let body = response.text().await.unwrap();
    assert!(body.contains("Backend fetch failed") && body.contains("Varnish"), "{body}");
    assert_eq!(sandbox.stats().http_503, 1);
    assert_eq!(sandbox.request_log().last().unwrap().fault, Some(InjectedFault::Http503Html));
}

#[tokio::test]
async fn http_500_carries_a_report_id() {
    let (sandbox, token, url) = faulty(FaultConfig { http_500: 1.0, ..FaultConfig::none() }).await;
    let (status, body) = get(&url, &token).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    let message = body["message"].as_str().unwrap();
    let prefix = "Internal Error. Details are available in Magento log file. Report ID: webapi-";
    let report = message.strip_prefix(prefix).unwrap();
    assert!(!report.is_empty() && report.bytes().all(|b| b.is_ascii_hexdigit()), "{message}");
    assert_eq!(sandbox.stats().http_500, 1);
}

#[tokio::test]
async fn http_429_says_retry_after_in_seconds() {
    let (sandbox, token, url) =
        faulty(FaultConfig { http_429_seconds: 1.0, ..FaultConfig::none() }).await;
    let response = client().get(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "1");
    assert!(response.text().await.unwrap().is_empty());
    assert_eq!(sandbox.stats().http_429, 1);
}

#[tokio::test]
async fn http_429_says_retry_after_as_a_date_one_to_two_seconds_ahead() {
    let (sandbox, token, url) =
        faulty(FaultConfig { http_429_date: 1.0, ..FaultConfig::none() }).await;
    let response = client().get(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let header = response.headers()["retry-after"].to_str().unwrap().to_owned();
    let at = httpdate::parse_http_date(&header).unwrap();
    let ahead = at.duration_since(SystemTime::now()).unwrap_or_default();
    assert!(ahead <= Duration::from_secs(2), "{header} is {ahead:?} ahead");
    assert!(at > SystemTime::now() - Duration::from_secs(1), "{header} is in the past");
    assert!(response.text().await.unwrap().contains("429 Too Many Requests"));
    assert_eq!(sandbox.stats().http_429, 1);
}

#[tokio::test]
async fn dropped_connection_breaks_the_body_and_the_server_carries_on() {
    let (sandbox, token, url) =
        faulty(FaultConfig { drop_connection: 1.0, ..FaultConfig::none() }).await;
    let response = client().get(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.bytes().await.is_err(), "the body must not complete");
    assert_eq!(sandbox.stats().dropped, 1);

    sandbox.set_faults(FaultConfig::none());
    let (status, body) = get(&url, &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["total_count"], 30);
}

#[tokio::test]
async fn latency_delays_catalog_answers() {
    let delay = Duration::from_millis(300);
    let (_sandbox, token, url) =
        faulty(FaultConfig { latency: Some((delay, delay)), ..FaultConfig::none() }).await;
    let started = Instant::now();
    assert_eq!(get(&url, &token).await.0, StatusCode::OK);
    assert!(started.elapsed() >= delay, "{:?}", started.elapsed());
}

#[tokio::test]
async fn churn_changes_the_catalog_between_list_calls() {
    let churn = Churn { inserts_per_list: 3, deletes_per_list: 2 };
    let (sandbox, token, url) =
        faulty(FaultConfig { churn: Some(churn), ..FaultConfig::none() }).await;
    let before = sandbox.products();
    let (_, first) = get(&url, &token).await;
    assert_eq!(first["total_count"], 31);
    let (_, second) = get(&url, &token).await;
    assert_eq!(second["total_count"], 32);

    let after = sandbox.products();
    assert_eq!(after.len(), 32);
    let ids: Vec<u64> = after.iter().map(|p| p["id"].as_u64().unwrap()).collect();
    let inserted: Vec<u64> = ids.iter().copied().filter(|id| *id > 30).collect();
    assert!(inserted.iter().all(|id| (31..=36).contains(id)), "fresh ids: {inserted:?}");
    let deleted_old = before.iter().filter(|p| !after.contains(p)).count();
    assert_eq!(deleted_old + (6 - inserted.len()), 4, "two deletes per list");
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]));
    assert_eq!(sandbox.stats().products, 32);

    let unchanged = sandbox.products();
    let sku = unchanged[0]["sku"].as_str().unwrap();
    get(&format!("{}/V1/products/{}", sandbox.base_url(), encode(sku)), &token).await;
    assert_eq!(sandbox.products(), unchanged, "only list requests churn");
}

#[tokio::test]
async fn same_fault_seed_fails_the_same_requests() {
    let run = || async {
        let faults = FaultConfig { seed: 5, ..FaultConfig::profile("flaky").unwrap() };
        let sandbox =
            sandbox_with(SandboxConfig { products: 5, faults, ..SandboxConfig::default() }).await;
        let token = token(&sandbox).await;
        let url = format!("{}/V1/products?searchCriteria[pageSize]=1", sandbox.base_url());
        let mut statuses = Vec::new();
        for _ in 0..40 {
            let response = client().get(&url).bearer_auth(&token).send().await.unwrap();
            let status = response.status().as_u16();
            statuses.push(if response.bytes().await.is_err() { 0 } else { status });
        }
        statuses
    };
    let first = run().await;
    assert_eq!(first, run().await);
    assert!(first.iter().any(|status| *status != 200), "{first:?}");
    assert!(first.iter().filter(|status| **status == 200).count() > 20, "{first:?}");
}

#[tokio::test]
async fn stats_count_what_happened() {
    let sandbox = sandbox(7).await;
    let token = token(&sandbox).await;
    let form =
        token_form(&sandbox).into_iter().filter(|(key, _)| *key != "scope").collect::<Vec<_>>();
    client().post(sandbox.ims_token_url()).form(&form).send().await.unwrap();
    let query = Criteria::new().page(5, 1).build();
    list(&sandbox, &token, &query).await;
    list(&sandbox, "bad", &query).await;
    sandbox.set_faults(FaultConfig { http_500: 1.0, ..FaultConfig::none() });
    list(&sandbox, &token, &query).await;

    let stats = sandbox.stats();
    assert_eq!(stats.token_requests, 2);
    assert_eq!(stats.tokens_minted, 1);
    assert_eq!(stats.requests, 3);
    assert_eq!(stats.unauthorized, 1);
    assert_eq!(stats.http_500, 1);
    assert_eq!((stats.http_503, stats.http_429, stats.dropped), (0, 0, 0));
    assert_eq!(stats.products, 7);
    let statuses: Vec<u16> = sandbox.request_log().iter().map(|entry| entry.status).collect();
    assert_eq!(statuses, [200, 400, 200, 401, 500]);
}

#[tokio::test]
async fn shutdown_stops_serving() {
    let sandbox = sandbox(3).await;
    let url = sandbox.ims_token_url().to_owned();
    let form = token_form(&sandbox);
    sandbox.shutdown().await;
    assert!(client().post(&url).form(&form).send().await.is_err());
}
