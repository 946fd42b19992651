//! `CachedTokenProvider`: single flight over real HTTP, and refresh timing on tokio's paused
//! clock.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use accs_auth::{
    AccessToken, AuthError, CachedTokenProvider, ImsCredentials, ImsTokenProvider, TokenProvider,
};
use async_trait::async_trait;
use httpmock::prelude::*;
use secrecy::ExposeSecret;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_callers_on_a_cold_cache_make_one_ims_request() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST).path("/ims/token/v3");
            then.status(200)
                .delay(Duration::from_millis(300))
                .json_body(json!({"access_token": "shared", "token_type": "bearer",
                                  "expires_in": 86399}));
        })
        .await;
    let credentials = ImsCredentials::new("id", "secret")
        .unwrap()
        .with_token_url(&server.url("/ims/token/v3"))
        .unwrap();
    let provider =
        Arc::new(CachedTokenProvider::new(ImsTokenProvider::builder(credentials).build().unwrap()));

    let tasks: Vec<_> = (0..1000)
        .map(|_| {
            let provider = provider.clone();
            tokio::spawn(async move { provider.token().await })
        })
        .collect();
    for task in tasks {
        let token = task.await.unwrap().unwrap();
        assert_eq!(token.secret().expose_secret(), "shared");
    }

    mock.assert_calls_async(1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_callers_all_receive_the_one_error_and_it_is_not_cached() {
    let server = MockServer::start_async().await;
    let refusal = server
        .mock_async(|when, then| {
            when.method(POST).path("/ims/token/v3");
            then.status(400)
                .delay(Duration::from_millis(200))
                .json_body(json!({"error": "invalid_scope", "error_description": "bad scope"}));
        })
        .await;
    refusal.up_to_n_times_async(1).await;
    let ok = server
        .mock_async(|when, then| {
            when.method(POST).path("/ims/token/v3");
            then.status(200)
                .json_body(json!({"access_token": "t", "token_type": "bearer", "expires_in": 60}));
        })
        .await;
    let credentials = ImsCredentials::new("id", "secret")
        .unwrap()
        .with_token_url(&server.url("/ims/token/v3"))
        .unwrap();
    let provider =
        Arc::new(CachedTokenProvider::new(ImsTokenProvider::builder(credentials).build().unwrap()));

    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let provider = provider.clone();
            tokio::spawn(async move { provider.token().await })
        })
        .collect();
    for task in tasks {
        let err = task.await.unwrap().unwrap_err();
        assert!(matches!(&err, AuthError::Refused { error, .. } if error == "invalid_scope"));
    }
    refusal.assert_calls_async(1).await;

    // The error was not cached: the next call asks again and succeeds.
    provider.token().await.unwrap();
    ok.assert_calls_async(1).await;
}

/// Counts calls and hands out numbered tokens of a fixed lifetime; fails when told to.
#[derive(Debug)]
struct Numbered {
    lifetime: Duration,
    calls: AtomicUsize,
    failing: std::sync::atomic::AtomicBool,
}

impl Numbered {
    fn new(lifetime: Duration) -> Self {
        Numbered { lifetime, calls: AtomicUsize::new(0), failing: false.into() }
    }
    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

#[async_trait]
impl TokenProvider for Numbered {
    async fn token(&self) -> Result<AccessToken, AuthError> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        tokio::time::sleep(Duration::from_millis(50)).await;
        if self.failing.load(Ordering::SeqCst) {
            return Err(AuthError::Provider(format!("down at call {n}")));
        }
        Ok(AccessToken::new(format!("token-{n}"), "bearer", self.lifetime))
    }
}

fn secret(token: &AccessToken) -> String {
    token.secret().expose_secret().to_owned()
}

#[tokio::test(start_paused = true)]
async fn refresh_happens_before_expiry_and_only_once() {
    let cache = CachedTokenProvider::with_margin(
        Numbered::new(Duration::from_secs(3600)),
        Duration::from_secs(600),
    );
    assert_eq!(secret(&cache.token().await.unwrap()), "token-1");

    // Up to the refresh point (expiry minus ten minutes) the cached token is served.
    tokio::time::advance(Duration::from_secs(2999)).await;
    assert_eq!(secret(&cache.token().await.unwrap()), "token-1");
    assert_eq!(cache.inner().calls(), 1);

    // Past it, many callers at once cause one refresh, while token-1 is still valid.
    tokio::time::advance(Duration::from_secs(2)).await;
    let results = futures_join(&cache, 50).await;
    assert!(results.iter().all(|token| secret(token) == "token-2"));
    assert_eq!(cache.inner().calls(), 2);
    assert_eq!(secret(&cache.token().await.unwrap()), "token-2");
    assert_eq!(cache.inner().calls(), 2);
}

async fn futures_join(cache: &CachedTokenProvider<Numbered>, n: usize) -> Vec<AccessToken> {
    let results = futures::future::join_all((0..n).map(|_| cache.token())).await;
    results.into_iter().map(Result::unwrap).collect()
}

#[tokio::test(start_paused = true)]
async fn a_short_lived_token_is_not_refreshed_in_a_loop() {
    // A 60 s token with the default ten-minute margin: the margin is clamped to half the life.
    let cache = CachedTokenProvider::new(Numbered::new(Duration::from_secs(60)));
    cache.token().await.unwrap();
    for _ in 0..10 {
        cache.token().await.unwrap();
    }
    assert_eq!(cache.inner().calls(), 1);
    tokio::time::advance(Duration::from_secs(29)).await;
    cache.token().await.unwrap();
    assert_eq!(cache.inner().calls(), 1);
    tokio::time::advance(Duration::from_secs(2)).await;
    cache.token().await.unwrap();
    assert_eq!(cache.inner().calls(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_token_expired_on_arrival_is_an_error_and_never_cached() {
    let cache = CachedTokenProvider::new(Numbered::new(Duration::ZERO));
    let err = cache.token().await.unwrap_err();
    assert!(err.to_string().contains("expired token"), "{err}");
    assert!(cache.token().await.is_err());
    assert_eq!(cache.inner().calls(), 2, "one upstream request per call, not a loop");
}

#[tokio::test(start_paused = true)]
async fn a_failed_refresh_serves_the_still_valid_old_token() {
    let cache = CachedTokenProvider::with_margin(
        Numbered::new(Duration::from_secs(3600)),
        Duration::from_secs(600),
    );
    assert_eq!(secret(&cache.token().await.unwrap()), "token-1");
    cache.inner().failing.store(true, Ordering::SeqCst);
    tokio::time::advance(Duration::from_secs(3100)).await;

    assert_eq!(secret(&cache.token().await.unwrap()), "token-1");
    assert_eq!(cache.inner().calls(), 2);

    // Once the old token has expired, the failure reaches the caller.
    tokio::time::advance(Duration::from_secs(600)).await;
    let err = cache.token().await.unwrap_err();
    assert!(matches!(err, AuthError::Provider(_)), "{err:?}");

    // And recovery is immediate once the source works again.
    cache.inner().failing.store(false, Ordering::SeqCst);
    assert!(secret(&cache.token().await.unwrap()).starts_with("token-"));
}

#[tokio::test(start_paused = true)]
async fn invalidate_forgets_only_the_rejected_token() {
    let cache = CachedTokenProvider::new(Numbered::new(Duration::from_secs(3600)));
    let first = cache.token().await.unwrap();

    cache.invalidate(&first);
    let second = cache.token().await.unwrap();
    assert_eq!(secret(&second), "token-2");

    // A late caller reporting the old token must not throw away the new one.
    cache.invalidate(&first);
    assert_eq!(secret(&cache.token().await.unwrap()), "token-2");
    assert_eq!(cache.inner().calls(), 2);
}
