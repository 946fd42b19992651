//! Adobe IMS access tokens for server-to-server integrations with Adobe Commerce as a Cloud
//! Service (ACCS).
//!
//! Every call to ACCS carries a bearer token from Adobe IMS, minted with the OAuth
//! `client_credentials` grant. This crate hides where tokens come from behind one trait,
//! [`TokenProvider`], with three implementations:
//!
//! - [`ImsTokenProvider`] asks IMS for a new token on each call, retrying transient failures;
//! - [`StaticTokenProvider`] hands out one fixed token (a PaaS integration token, tests);
//! - [`CachedTokenProvider`] wraps any provider, yours included, and shares one token between
//!   all tasks: it refreshes before expiry and mints once however many tasks ask at once.
//!
//! Secrets are [`secrecy::SecretString`]s: no `Debug`, `Display`, error or log line of this
//! crate shows a client secret or a token.
//!
//! # A cached IMS provider
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let ims = httpmock::MockServer::start_async().await;
//! # ims.mock_async(|when, then| {
//! #     when.method("POST").path("/ims/token/v3");
//! #     then.status(200).json_body(serde_json::json!(
//! #         {"access_token": "eyJ-example", "token_type": "bearer", "expires_in": 86399}));
//! # }).await;
//! # let token_url = ims.url("/ims/token/v3");
//! use accs_auth::{CachedTokenProvider, ImsCredentials, ImsTokenProvider, TokenProvider};
//! use secrecy::ExposeSecret;
//!
//! // In production: `ImsCredentials::from_env()?` reads IMS_CLIENT_ID, IMS_CLIENT_SECRET,
//! // IMS_ORG_ID and optionally IMS_TOKEN_URL and IMS_SCOPES.
//! let credentials = ImsCredentials::new("my-client-id", "my-client-secret")?
//!     .with_org_id("0123456789ABCDEF@AdobeOrg")
//!     .with_token_url(&token_url)?;
//! let provider = CachedTokenProvider::new(ImsTokenProvider::builder(credentials).build()?);
//!
//! let token = provider.token().await?;
//! assert_eq!(token.token_type(), "bearer");
//! let header = format!("Bearer {}", token.secret().expose_secret());
//! # assert_eq!(header, "Bearer eyJ-example");
//! // Served from the cache: no second request to IMS.
//! let again = provider.token().await?;
//! assert!(again.same_secret(&token));
//! # Ok(())
//! # }
//! ```
//!
//! # Your own provider
//!
//! Implement [`TokenProvider`] for your token source and wrap it in the cache; it then gets
//! early refresh and single flight for free.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), accs_auth::AuthError> {
//! use std::time::Duration;
//! use accs_auth::{AccessToken, AuthError, CachedTokenProvider, TokenProvider};
//!
//! /// Reads tokens that a sidecar keeps fresh.
//! #[derive(Debug)]
//! struct SidecarTokens;
//!
//! #[async_trait::async_trait]
//! impl TokenProvider for SidecarTokens {
//!     async fn token(&self) -> Result<AccessToken, AuthError> {
//!         // A real provider would read a file or call a local service here.
//!         Ok(AccessToken::new("token-from-sidecar", "bearer", Duration::from_secs(3600)))
//!     }
//! }
//!
//! let provider = std::sync::Arc::new(CachedTokenProvider::new(SidecarTokens));
//! let shared: std::sync::Arc<dyn TokenProvider> = provider.clone();
//! let token = shared.token().await?;
//! assert_eq!(token.lifetime(), Duration::from_secs(3600));
//! # Ok(())
//! # }
//! ```

mod cache;
mod config;
mod error;
mod ims;
mod provider;
mod redact;
mod retry_after;
mod token;

pub use cache::{CachedTokenProvider, DEFAULT_REFRESH_MARGIN};
pub use config::{
    DEFAULT_SCOPES, DEFAULT_TOKEN_URL, ENV_CLIENT_ID, ENV_CLIENT_SECRET, ENV_ORG_ID, ENV_SCOPES,
    ENV_TOKEN_URL, ImsCredentials, check_secure_url, parse_token_url,
};
pub use error::AuthError;
pub use ims::{ImsTokenProvider, ImsTokenProviderBuilder};
pub use provider::{StaticTokenProvider, TokenProvider};
pub use redact::{MIN_REDACTED_LEN, REDACTED, redact};
pub use retry_after::parse_retry_after;
pub use token::AccessToken;

/// Re-exported so that users name the same secret types this crate uses.
pub use secrecy;
