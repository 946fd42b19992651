//! The [`TokenProvider`] trait and the fixed-token provider.

use std::fmt;

use async_trait::async_trait;
use secrecy::SecretString;

use crate::{AccessToken, AuthError};

/// A source of access tokens.
///
/// Implement it to plug in your own source (a vault, a sidecar); wrap any provider in
/// [`CachedTokenProvider`](crate::CachedTokenProvider) to share one token between tasks.
/// Object safe: use it as `Arc<dyn TokenProvider>`.
#[async_trait]
pub trait TokenProvider: Send + Sync + fmt::Debug {
    /// A token valid now.
    async fn token(&self) -> Result<AccessToken, AuthError>;

    /// Forgets `rejected`, a token a server refused (HTTP 401), so the next
    /// [`token`](TokenProvider::token) call fetches a new one.
    ///
    /// Only that token is forgotten: if the provider already holds a newer one, it keeps it.
    /// The default does nothing, which suits providers that fetch on every call.
    fn invalidate(&self, rejected: &AccessToken) {
        let _ = rejected;
    }
}

#[async_trait]
impl<P: TokenProvider + ?Sized> TokenProvider for std::sync::Arc<P> {
    async fn token(&self) -> Result<AccessToken, AuthError> {
        (**self).token().await
    }

    fn invalidate(&self, rejected: &AccessToken) {
        (**self).invalidate(rejected)
    }
}

/// A provider that always hands out one fixed bearer token.
///
/// For an integration access token on Adobe Commerce PaaS, a token made elsewhere, or tests.
/// The token never expires on the client side; if the server rejects it there is nothing to
/// refresh, so the caller sees the server's 401.
#[derive(Clone)]
pub struct StaticTokenProvider {
    token: AccessToken,
}

impl StaticTokenProvider {
    /// A provider of the bearer `token`.
    pub fn new(token: impl Into<SecretString>) -> Self {
        StaticTokenProvider { token: AccessToken::non_expiring(token) }
    }

    /// A provider that hands out `token` as it is, expiry included.
    pub fn from_token(token: AccessToken) -> Self {
        StaticTokenProvider { token }
    }
}

impl fmt::Debug for StaticTokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StaticTokenProvider").field("token", &self.token).finish()
    }
}

#[async_trait]
impl TokenProvider for StaticTokenProvider {
    async fn token(&self) -> Result<AccessToken, AuthError> {
        Ok(self.token.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;
    use std::sync::Arc;

    #[tokio::test]
    async fn static_provider_serves_its_token_through_a_trait_object() {
        let provider: Arc<dyn TokenProvider> = Arc::new(StaticTokenProvider::new("fixed-token"));
        let token = provider.token().await.unwrap();
        assert_eq!(token.secret().expose_secret(), "fixed-token");
        assert!(!token.is_expired());
        assert!(!format!("{provider:?}").contains("fixed-token"));
    }
}
