//! A whole-catalog export while the sandbox fails about one request in five and revokes the
//! token once: nothing lost, nothing doubled, one token refresh, every retry accounted for.

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::time::Instant;

use accs_catalog::StreamOptions;
use accs_reliability::{ClientSettings, Harness, by_logical_request, export_faults};
use accs_sandbox::{FaultConfig, InjectedFault, SandboxConfig};
use accs_transport::RetryPolicy;
use futures::{StreamExt, TryStreamExt};
use serde_json::Value;

const PRODUCTS: usize = 20_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_under_faults_holds_every_product_once_with_two_tokens() {
    let config =
        SandboxConfig { products: PRODUCTS, faults: export_faults(7), ..SandboxConfig::default() };
    let harness = Harness::start(config).await.unwrap();
    let started = Instant::now();

    let exported: Vec<Value> =
        harness.products().stream_raw(StreamOptions::new()).try_collect().await.unwrap();
    let elapsed = started.elapsed();

    // Every product exactly once, byte for byte what the sandbox holds, in id order.
    assert_eq!(exported.len(), PRODUCTS);
    let ids: HashSet<i64> = exported.iter().map(|p| p["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), PRODUCTS, "a product was exported twice");
    assert!(exported == harness.sandbox.products(), "the export differs from the catalog");

    // One token at the start, one after the revocation, never more.
    let server = harness.sandbox.stats();
    assert_eq!(server.tokens_minted, 2);
    assert_eq!(server.token_requests, 2);
    assert_eq!(harness.issued_secrets().len(), 2);

    // Every fault the sandbox injected cost exactly one retry, every 401 one replay, and the
    // client sent exactly what the server received.
    let injected = server.http_503 + server.http_500 + server.http_429 + server.dropped;
    let client = harness.client.stats();
    assert_eq!(client.retries, injected);
    assert_eq!(client.token_refreshes, server.unauthorized);
    assert_eq!(client.requests, server.requests);
    assert!(server.unauthorized >= 1, "the revocation was never noticed");

    // The faults asked for did happen: each kind, both Retry-After forms.
    let log = harness.sandbox.request_log();
    for kind in [
        InjectedFault::Http503Html,
        InjectedFault::Http500,
        InjectedFault::Http429Seconds,
        InjectedFault::Http429Date,
        InjectedFault::DroppedConnection,
    ] {
        assert!(log.iter().any(|r| r.fault == Some(kind)), "no {kind:?} was injected");
    }

    // Seen from the server: each logical request succeeded exactly once, after at most the
    // policy's attempts (a 401 replay is not an attempt), and nothing else was sent.
    let max_attempts = harness.client.retry_policy().max_attempts() as usize;
    let groups = by_logical_request(&log);
    let mut most = 0;
    for group in &groups {
        let successes = group.iter().filter(|r| r.status == 200 && r.fault.is_none()).count();
        assert_eq!(successes, 1, "{group:?}");
        let attempts = group.iter().filter(|r| r.status != 401).count();
        assert!(attempts <= max_attempts, "{attempts} attempts: {group:?}");
        most = most.max(attempts);
    }
    let sent: usize = groups.iter().map(Vec::len).sum();
    let count = |kind| log.iter().filter(|r| r.fault == Some(kind)).count();
    let (seconds, date) = (count(InjectedFault::Http429Seconds), count(InjectedFault::Http429Date));
    assert_eq!((seconds + date) as u64, server.http_429);
    assert_eq!(sent as u64, server.requests);
    assert_eq!((sent - groups.len()) as u64, client.retries + client.token_refreshes);

    eprintln!(
        "export under faults: {PRODUCTS} products in {:.1} s; {} requests for {} logical ones, \
         {injected} faults (503 {}, 500 {}, 429 {seconds}+{date}, dropped {}), {} retries, {} 401 replays, \
         at most {most} attempts, {} tokens",
        elapsed.as_secs_f64(),
        server.requests,
        groups.len(),
        server.http_503,
        server.http_500,
        server.dropped,
        client.retries,
        client.token_refreshes,
        server.tokens_minted,
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_failing_every_attempt_gets_exactly_the_default_attempts() {
    let faults = FaultConfig { http_503_html: 1.0, ..FaultConfig::none() };
    let config = SandboxConfig { products: 1_000, faults, ..SandboxConfig::default() };
    let settings = ClientSettings { retry: RetryPolicy::default(), ..ClientSettings::default() };
    let harness = Harness::start_with(config, settings).await.unwrap();
    let started = Instant::now();

    let results: Vec<_> = harness.products().stream_raw(StreamOptions::new()).collect().await;
    let elapsed = started.elapsed();
    assert_eq!(results.len(), 1, "one error ends the stream");
    let err = results.into_iter().next().unwrap().unwrap_err();
    assert_eq!(err.status(), Some(503), "{err:?}");
    assert!(err.to_string().contains("Backend fetch failed"), "{err}");

    // Five attempts of the first page, four backoff waits between them, and nothing more.
    let attempts = RetryPolicy::default().max_attempts();
    let log = harness.sandbox.request_log();
    let groups = by_logical_request(&log);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].len(), attempts as usize);
    assert_eq!(harness.sandbox.stats().requests, u64::from(attempts));
    assert_eq!(harness.client.stats().retries, u64::from(attempts - 1));
    assert!(elapsed < RetryPolicy::default().max_elapsed(), "{elapsed:?}");
    eprintln!("retry budget: {attempts} attempts in {:.1} s, then the 503", elapsed.as_secs_f64());
}
