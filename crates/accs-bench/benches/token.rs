//! The token hot path: `token()` on a warm [`CachedTokenProvider`], called the way the
//! transport calls it, through an `Arc<dyn TokenProvider>`.
//!
//! `cargo xtask bench` runs it with a short warm-up and measurement; `accs-bench` then reads
//! the median from `target/criterion/token/cached_warm/new/estimates.json`.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use accs_auth::{AccessToken, CachedTokenProvider, StaticTokenProvider, TokenProvider};
use criterion::{Criterion, criterion_group, criterion_main};

fn cached_token_warm(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime");

    // An IMS-like token: 24 hours, so the cache serves it for the whole run.
    let token = AccessToken::new("eyJ-bench-token", "bearer", Duration::from_secs(86_399));
    let provider: Arc<dyn TokenProvider> =
        Arc::new(CachedTokenProvider::new(StaticTokenProvider::from_token(token)));
    runtime.block_on(provider.token()).expect("the first call fills the cache");

    let mut group = c.benchmark_group("token");
    group.bench_function("cached_warm", |b| {
        // One `block_on` per batch, not per call, so the runtime's entry cost stays out.
        b.iter_custom(|iterations| {
            runtime.block_on(async {
                let started = Instant::now();
                for _ in 0..iterations {
                    black_box(provider.token().await.expect("a cached token"));
                }
                started.elapsed()
            })
        })
    });
    group.finish();
}

criterion_group!(benches, cached_token_warm);
criterion_main!(benches);
