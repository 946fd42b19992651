//! [`CachedTokenProvider`]: one shared token, refreshed early, minted once at a time.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{PoisonError, RwLock};
use std::time::Duration;

use async_trait::async_trait;
use tokio::time::Instant;
use tracing::{debug, warn};

use crate::{AccessToken, AuthError, TokenProvider};

/// The default refresh margin: ten minutes before expiry.
///
/// Adobe's own JavaScript library reuses a token while more than ten minutes remain. With IMS's
/// 24-hour tokens that costs under 1% of each token's life, and leaves a long outage window in
/// which a failing refresh can fall back on the still-valid old token.
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(600);

/// After a refresh fails while the old token is still valid, the wait before trying again, so
/// an IMS outage is not hammered by every call.
const FAILED_REFRESH_PAUSE: Duration = Duration::from_secs(5);

/// Caches the token of any provider and shares it between all tasks.
///
/// - Serves the cached token until `expires_at - margin`. The margin defaults to
///   [`DEFAULT_REFRESH_MARGIN`] and is clamped to half the token's lifetime, so a short-lived
///   token is still used for half its life instead of being refreshed on every call.
/// - Single flight: however many tasks ask at once on a cold or expiring cache, the inner
///   provider is asked once, and every waiting task receives that answer, token or error.
/// - A refresh that fails while the old token is still valid serves the old token, logs a
///   warning, and is tried again at the next call after a short pause.
/// - Errors are never cached: the next call after a failure asks again.
/// - [`invalidate`](TokenProvider::invalidate) forgets only the rejected token.
pub struct CachedTokenProvider<P> {
    inner: P,
    margin: Duration,
    current: RwLock<Option<Cached>>,
    // Bumped each time a flight ends; a task that saw an older value while waiting takes the
    // outcome of the flight that ended instead of starting another.
    generation: AtomicU64,
    flight: tokio::sync::Mutex<Flight>,
}

#[derive(Clone)]
struct Cached {
    token: AccessToken,
    refresh_at: Instant,
}

struct Flight {
    generation: u64,
    outcome: Option<Result<AccessToken, AuthError>>,
    retry_not_before: Option<Instant>,
}

impl<P: TokenProvider> CachedTokenProvider<P> {
    /// Caches the tokens of `inner` with the [`DEFAULT_REFRESH_MARGIN`].
    pub fn new(inner: P) -> Self {
        Self::with_margin(inner, DEFAULT_REFRESH_MARGIN)
    }

    /// Caches the tokens of `inner`, refreshing `margin` before expiry (clamped to half of
    /// each token's lifetime).
    pub fn with_margin(inner: P, margin: Duration) -> Self {
        CachedTokenProvider {
            inner,
            margin,
            current: RwLock::new(None),
            generation: AtomicU64::new(0),
            flight: tokio::sync::Mutex::new(Flight {
                generation: 0,
                outcome: None,
                retry_not_before: None,
            }),
        }
    }

    /// The wrapped provider.
    pub fn inner(&self) -> &P {
        &self.inner
    }

    /// The refresh margin asked for (before clamping to half a token's lifetime).
    pub fn margin(&self) -> Duration {
        self.margin
    }

    fn cached(&self) -> Option<Cached> {
        self.current.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn fresh(&self, now: Instant) -> Option<AccessToken> {
        let guard = self.current.read().unwrap_or_else(PoisonError::into_inner);
        guard.as_ref().filter(|cached| now < cached.refresh_at).map(|cached| cached.token.clone())
    }

    fn store(&self, token: AccessToken) {
        let margin = self.margin.min(token.lifetime() / 2);
        let refresh_at = token.expires_at().checked_sub(margin).unwrap_or_else(Instant::now);
        *self.current.write().unwrap_or_else(PoisonError::into_inner) =
            Some(Cached { token, refresh_at });
    }

    async fn refresh(&self, flight: &mut Flight) -> Result<AccessToken, AuthError> {
        let old = self.cached().map(|cached| cached.token).filter(|token| !token.is_expired());
        if let (Some(old), Some(not_before)) = (&old, flight.retry_not_before)
            && Instant::now() < not_before
        {
            return Ok(old.clone());
        }

        debug!(had_token = old.is_some(), "refreshing cached token");
        // A token already expired on arrival would be fetched again on every call.
        let fetched = self.inner.token().await.and_then(|token| match token.is_expired() {
            true => Err(AuthError::Provider("the token provider returned an expired token".into())),
            false => Ok(token),
        });
        match fetched {
            Ok(token) => {
                self.store(token.clone());
                flight.retry_not_before = None;
                Ok(token)
            }
            Err(err) => match old.filter(|token| !token.is_expired()) {
                Some(old) => {
                    warn!(
                        error = %err,
                        remaining_s = old.remaining().as_secs(),
                        "token refresh failed; serving the still-valid old token"
                    );
                    flight.retry_not_before = Some(Instant::now() + FAILED_REFRESH_PAUSE);
                    Ok(old)
                }
                None => {
                    warn!(error = %err, "token refresh failed");
                    Err(err)
                }
            },
        }
    }
}

#[async_trait]
impl<P: TokenProvider> TokenProvider for CachedTokenProvider<P> {
    async fn token(&self) -> Result<AccessToken, AuthError> {
        if let Some(token) = self.fresh(Instant::now()) {
            return Ok(token);
        }

        let seen = self.generation.load(Ordering::Acquire);
        let mut flight = self.flight.lock().await;
        if flight.generation != seen
            && let Some(outcome) = &flight.outcome
        {
            return outcome.clone();
        }
        if let Some(token) = self.fresh(Instant::now()) {
            return Ok(token);
        }

        let outcome = self.refresh(&mut flight).await;
        flight.outcome = Some(outcome.clone());
        flight.generation += 1;
        self.generation.store(flight.generation, Ordering::Release);
        outcome
    }

    fn invalidate(&self, rejected: &AccessToken) {
        let mut current = self.current.write().unwrap_or_else(PoisonError::into_inner);
        if current.as_ref().is_some_and(|cached| cached.token.same_secret(rejected)) {
            debug!("forgetting a token the server rejected");
            *current = None;
        }
        drop(current);
        self.inner.invalidate(rejected);
    }
}

impl<P: fmt::Debug> fmt::Debug for CachedTokenProvider<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cached = self.current.read().unwrap_or_else(PoisonError::into_inner);
        f.debug_struct("CachedTokenProvider")
            .field("inner", &self.inner)
            .field("margin", &self.margin)
            .field("cached", &cached.as_ref().map(|cached| &cached.token))
            .finish()
    }
}
