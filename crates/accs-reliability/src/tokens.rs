//! [`RecordingTokens`]: a token provider that remembers every token its inner provider issued.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use accs_auth::{AccessToken, AuthError, TokenProvider};
use async_trait::async_trait;
use secrecy::ExposeSecret;
use tokio::time::Instant;

/// Wraps a provider and records each token it hands out and each call made to it.
///
/// Put it under a [`CachedTokenProvider`](accs_auth::CachedTokenProvider) to count how often
/// the cache really asked for a token, and to know every secret that must never show in a log
/// or an error. `Debug` shows counts only, never a secret.
pub struct RecordingTokens<P> {
    inner: P,
    calls: AtomicUsize,
    issued: Mutex<Vec<IssuedToken>>,
}

/// One token a [`RecordingTokens`] handed out.
#[derive(Clone)]
pub struct IssuedToken {
    secret: String,
    at: Instant,
}

impl IssuedToken {
    /// The bearer secret, to search logs and errors for.
    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// When the inner provider returned it.
    pub fn at(&self) -> Instant {
        self.at
    }
}

impl fmt::Debug for IssuedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuedToken").field("at", &self.at).finish_non_exhaustive()
    }
}

impl<P> RecordingTokens<P> {
    /// Records the tokens of `inner`.
    pub fn new(inner: P) -> Self {
        RecordingTokens { inner, calls: AtomicUsize::new(0), issued: Mutex::new(Vec::new()) }
    }

    /// How many times a token was asked for, failures included.
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    /// The tokens handed out so far, oldest first.
    pub fn issued(&self) -> Vec<IssuedToken> {
        self.issued.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl<P> fmt::Debug for RecordingTokens<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let issued = self.issued.lock().unwrap_or_else(PoisonError::into_inner).len();
        f.debug_struct("RecordingTokens")
            .field("calls", &self.calls())
            .field("issued", &issued)
            .finish_non_exhaustive()
    }
}

#[async_trait]
impl<P: TokenProvider> TokenProvider for RecordingTokens<P> {
    async fn token(&self) -> Result<AccessToken, AuthError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let token = self.inner.token().await?;
        let issued =
            IssuedToken { secret: token.secret().expose_secret().to_owned(), at: Instant::now() };
        self.issued.lock().unwrap_or_else(PoisonError::into_inner).push(issued);
        Ok(token)
    }

    fn invalidate(&self, rejected: &AccessToken) {
        self.inner.invalidate(rejected);
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use accs_auth::StaticTokenProvider;

    use super::*;

    #[tokio::test]
    async fn every_token_and_call_is_recorded_and_debug_shows_no_secret() {
        let recording = RecordingTokens::new(StaticTokenProvider::from_token(AccessToken::new(
            "eyJ-recorded",
            "bearer",
            Duration::from_secs(60),
        )));
        for _ in 0..2 {
            assert!(recording.token().await.is_ok());
        }
        assert_eq!(recording.calls(), 2);
        let issued = recording.issued();
        assert_eq!(issued.len(), 2);
        assert_eq!(issued[0].secret(), "eyJ-recorded");
        let debug = format!("{recording:?} {issued:?}");
        assert!(!debug.contains("eyJ-recorded"), "{debug}");
    }
}
