//! Many concurrent calls share one token: a cold cache mints one, a token expiring mid-run
//! one more, whether the client refreshes early or the server refuses the old token first.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::time::Duration;

use accs_reliability::{ClientSettings, Harness};
use accs_sandbox::{FaultConfig, SandboxConfig};
use futures::StreamExt;
use tokio::sync::Barrier;
use tokio::time::Instant;

const CALLS: usize = 500;

fn first_skus(harness: &Harness, count: usize) -> Vec<String> {
    let products = harness.sandbox.products();
    let skus = products.iter().map(|p| p["sku"].as_str().unwrap().to_owned());
    skus.cycle().take(count).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_concurrent_gets_on_a_cold_cache_mint_one_token() {
    let config = SandboxConfig { products: 100, ..SandboxConfig::default() };
    let harness = Harness::start(config).await.unwrap();
    let products = harness.products();
    let barrier = Arc::new(Barrier::new(CALLS));

    let tasks: Vec<_> = first_skus(&harness, CALLS)
        .into_iter()
        .map(|sku| {
            let (products, barrier) = (products.clone(), barrier.clone());
            tokio::spawn(async move {
                // Every task asks for its token at the same moment.
                barrier.wait().await;
                let product = products.get(&sku).await.unwrap();
                assert_eq!(product.sku, sku);
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }

    let server = harness.sandbox.stats();
    assert_eq!(server.tokens_minted, 1);
    assert_eq!(server.token_requests, 1);
    assert_eq!(harness.tokens.inner().calls(), 1);
    assert_eq!(server.requests, CALLS as u64);
    assert_eq!(server.unauthorized, 0);
    assert_eq!(harness.client.stats().requests, CALLS as u64);
}

/// Runs [`CALLS`] gets, 25 at a time; returns when each finished. With the sandbox holding
/// each request for a fixed latency, the run lasts 20 times that latency and a little more.
async fn gets_across_an_expiry(harness: &Harness) -> Vec<Instant> {
    const IN_FLIGHT: usize = 25;
    let products = harness.products();
    let finished: Vec<Instant> = futures::stream::iter(first_skus(harness, CALLS))
        .map(|sku| {
            let products = products.clone();
            async move {
                let product = products.get(&sku).await.unwrap();
                assert_eq!(product.sku, sku);
                Instant::now()
            }
        })
        .buffer_unordered(IN_FLIGHT)
        .collect()
        .await;
    finished
}

/// A sandbox issuing tokens of `lifetime` and answering after `latency`, and a client whose
/// cache refreshes `refresh_margin` before expiry.
async fn harness(lifetime: Duration, latency: Duration, refresh_margin: Duration) -> Harness {
    let config = SandboxConfig {
        products: 100,
        token_lifetime: lifetime,
        faults: FaultConfig { latency: Some((latency, latency)), ..FaultConfig::none() },
        ..SandboxConfig::default()
    };
    let settings = ClientSettings { refresh_margin, ..ClientSettings::default() };
    Harness::start_with(config, settings).await.unwrap()
}

/// Checks that the second token came mid-run, and returns how many gets finished before it.
fn second_token_mid_run(harness: &Harness, finished: &[Instant]) -> usize {
    let issued = harness.tokens.inner().issued();
    assert_eq!(issued.len(), 2, "{issued:?}");
    let before = finished.iter().filter(|at| **at < issued[1].at()).count();
    assert!(before > 0 && before < CALLS, "the token did not expire mid-run: {before} before");
    before
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_due_mid_run_is_refreshed_early_once() {
    // The default ten-minute margin is clamped to half of a 4 s token: the refresh comes
    // after 2 s, before the server would refuse it, and the run of 2.4 s and more ends before
    // the new token's own refresh at 4 s.
    let margin = accs_auth::DEFAULT_REFRESH_MARGIN;
    let harness = harness(Duration::from_secs(4), Duration::from_millis(120), margin).await;
    let finished = gets_across_an_expiry(&harness).await;

    let before = second_token_mid_run(&harness, &finished);
    let server = harness.sandbox.stats();
    assert_eq!(server.tokens_minted, 2);
    assert_eq!(server.token_requests, 2);
    assert_eq!(server.unauthorized, 0, "a request went out with an expired token");
    assert_eq!(server.requests, CALLS as u64);
    eprintln!("early refresh: second token after {before} of {CALLS} gets, no 401");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_refused_mid_run_is_replaced_once_for_every_caller() {
    // No margin: the client uses the token to its last moment, so requests in flight when the
    // server's copy expires are refused, and each is replayed once with the one new token.
    // The run, 2.4 s and more, crosses the 2 s expiry once.
    let latency = Duration::from_millis(120);
    let harness = harness(Duration::from_secs(2), latency, Duration::ZERO).await;
    let finished = gets_across_an_expiry(&harness).await;

    let before = second_token_mid_run(&harness, &finished);
    let server = harness.sandbox.stats();
    let client = harness.client.stats();
    assert_eq!(server.tokens_minted, 2);
    assert_eq!(server.token_requests, 2);
    assert_eq!(client.token_refreshes, server.unauthorized);
    assert_eq!(server.requests, CALLS as u64 + server.unauthorized);
    assert_eq!(client.retries, 0);
    eprintln!(
        "expiry at the server: second token after {before} of {CALLS} gets, {} refused and \
         replayed",
        server.unauthorized
    );
}
