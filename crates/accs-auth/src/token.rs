//! The bearer token handed out by every [`TokenProvider`](crate::TokenProvider).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use tokio::time::Instant;

/// An access token: the bearer secret, its type and when it stops being valid.
///
/// The expiry is a monotonic instant computed when the token was received, so wall-clock
/// changes never make a token look fresh or stale. Cloning is cheap (the token is shared, not
/// copied), and `Debug` never shows the secret.
#[derive(Clone)]
pub struct AccessToken {
    inner: Arc<Inner>,
}

struct Inner {
    secret: SecretString,
    token_type: String,
    received_at: Instant,
    expires_at: Instant,
}

impl AccessToken {
    /// A token received now that is valid for `lifetime`.
    ///
    /// `token_type` is what the issuer said (`bearer` for Adobe IMS).
    pub fn new(
        secret: impl Into<SecretString>,
        token_type: impl Into<String>,
        lifetime: Duration,
    ) -> Self {
        let received_at = Instant::now();
        let expires_at = received_at.checked_add(lifetime).unwrap_or_else(far_future);
        AccessToken {
            inner: Arc::new(Inner {
                secret: secret.into(),
                token_type: token_type.into(),
                received_at,
                expires_at,
            }),
        }
    }

    /// A bearer token that never expires, for a fixed token made elsewhere.
    pub fn non_expiring(secret: impl Into<SecretString>) -> Self {
        let received_at = Instant::now();
        AccessToken {
            inner: Arc::new(Inner {
                secret: secret.into(),
                token_type: "bearer".to_owned(),
                received_at,
                expires_at: far_future(),
            }),
        }
    }

    /// The secret, to be placed in an `Authorization: Bearer` header and nowhere else.
    pub fn secret(&self) -> &SecretString {
        &self.inner.secret
    }

    /// The token type the issuer gave, usually `bearer`.
    pub fn token_type(&self) -> &str {
        &self.inner.token_type
    }

    /// When the token was received.
    pub fn received_at(&self) -> Instant {
        self.inner.received_at
    }

    /// When the token stops being valid.
    pub fn expires_at(&self) -> Instant {
        self.inner.expires_at
    }

    /// The whole validity the issuer granted, from receipt to expiry.
    pub fn lifetime(&self) -> Duration {
        self.inner.expires_at.saturating_duration_since(self.inner.received_at)
    }

    /// The validity left now; zero once expired.
    pub fn remaining(&self) -> Duration {
        self.inner.expires_at.saturating_duration_since(Instant::now())
    }

    /// Whether the token has expired.
    pub fn is_expired(&self) -> bool {
        Instant::now() >= self.inner.expires_at
    }

    /// Whether `other` carries the same secret as this token.
    ///
    /// Providers use it to forget only the token a server rejected, not a newer one.
    pub fn same_secret(&self, other: &AccessToken) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
            || self.inner.secret.expose_secret() == other.inner.secret.expose_secret()
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("secret", &"[REDACTED]")
            .field("token_type", &self.inner.token_type)
            .field("remaining", &self.remaining())
            .finish()
    }
}

/// About thirty years ahead: far enough to mean "never", near enough not to overflow.
fn far_future() -> Instant {
    Instant::now() + Duration::from_secs(30 * 365 * 24 * 3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_secret() {
        let token = AccessToken::new("eyJ-very-secret", "bearer", Duration::from_secs(60));
        let debug = format!("{token:?}");
        assert!(!debug.contains("eyJ-very-secret"), "{debug}");
        assert!(debug.contains("REDACTED"));
    }

    #[tokio::test(start_paused = true)]
    async fn expiry_counts_from_receipt_in_seconds() {
        let token = AccessToken::new("t", "bearer", Duration::from_secs(86_399));
        assert_eq!(token.lifetime(), Duration::from_secs(86_399));
        tokio::time::advance(Duration::from_secs(86_398)).await;
        assert!(!token.is_expired());
        assert_eq!(token.remaining(), Duration::from_secs(1));
        tokio::time::advance(Duration::from_secs(1)).await;
        assert!(token.is_expired());
        assert_eq!(token.remaining(), Duration::ZERO);
    }

    #[test]
    fn same_secret_compares_the_secret_not_the_allocation() {
        let a = AccessToken::new("one", "bearer", Duration::from_secs(1));
        let b = AccessToken::new("one", "bearer", Duration::from_secs(1));
        let c = AccessToken::new("two", "bearer", Duration::from_secs(1));
        assert!(a.same_secret(&b));
        assert!(!a.same_secret(&c));
    }
}
