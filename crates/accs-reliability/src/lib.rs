//! The reliability suite of the accs workspace: the crates driven over real HTTP against the
//! sandbox under faults, a changing catalog and hostile input, with exact counts.
//!
//! The scenarios are the integration tests in `tests/`, one concern per file, and they run in
//! `cargo xtask ci`. This library holds what they share:
//!
//! - [`Harness`]: a [`Sandbox`] and a [`Client`] of it that gets its tokens from the sandbox's
//!   IMS through a [`CachedTokenProvider`], as a production program would, with a
//!   [`RecordingTokens`] between the cache and IMS that remembers every token issued;
//! - [`LogCapture`]: every `tracing` event at TRACE, kept in memory to search for secrets;
//! - [`by_logical_request`]: the sandbox's request log grouped into the attempts of each
//!   logical request, to prove retry bounds from what the server saw.
//!
//! `docs/RELIABILITY.md` at the workspace root states what the suite measured and the
//! guarantees it backs.
//!
//! # Example
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), accs_reliability::BoxError> {
//! use accs_reliability::Harness;
//! use accs_sandbox::SandboxConfig;
//!
//! let harness = Harness::start(SandboxConfig { products: 10, ..SandboxConfig::default() }).await?;
//! let first = harness.sandbox.products()[0]["sku"].as_str().unwrap_or_default().to_owned();
//! let product = harness.products().get(&first).await?;
//! assert_eq!(product.sku, first);
//! assert_eq!(harness.sandbox.stats().tokens_minted, 1);
//! assert_eq!(harness.tokens.inner().issued().len(), 1);
//! # Ok(())
//! # }
//! ```

mod attempts;
mod logs;
mod tokens;

use std::sync::Arc;
use std::time::Duration;

use accs_auth::{
    AuthError, CachedTokenProvider, DEFAULT_REFRESH_MARGIN, ImsCredentials, ImsTokenProvider,
    StaticTokenProvider,
};
use accs_catalog::Products;
use accs_sandbox::{FaultConfig, Sandbox, SandboxConfig};
use accs_transport::{Client, ClientBuilder, Flavor, RetryPolicy};

pub use attempts::{by_logical_request, is_catalog_request};
pub use logs::{CaptureWriter, LogCapture};
pub use tokens::{IssuedToken, RecordingTokens};

/// The error of a failed setup step.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The token source of a [`Harness`]: the cache over a recorder over the sandbox's IMS.
pub type SuiteTokens = CachedTokenProvider<RecordingTokens<ImsTokenProvider>>;

/// A retry policy for tests under faults: the default attempt limit's worth of safety margin,
/// short backoff waits so that a suite with hundreds of retries stays fast.
///
/// Eight attempts, backoff from 10 ms up to 100 ms, 30 s per request at most; `Retry-After`
/// is honoured up to the default 60 s.
pub fn fast_retry_policy() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(8)
        .with_initial_backoff(Duration::from_millis(10))
        .with_max_backoff(Duration::from_millis(100))
        .with_max_elapsed(Duration::from_secs(30))
}

/// The faults of issue 7's export, drawn from `seed`: 10% HTML 503, 3% 429 (half each
/// `Retry-After` form), 2% dropped connections, 2% 500, and every token revoked once after 30
/// catalog requests.
pub fn export_faults(seed: u64) -> FaultConfig {
    FaultConfig {
        seed,
        http_503_html: 0.10,
        http_429_seconds: 0.015,
        http_429_date: 0.015,
        drop_connection: 0.02,
        http_500: 0.02,
        revoke_tokens_after: Some(30),
        ..FaultConfig::none()
    }
}

/// The attempts [`hostile_client`] makes per request.
pub const HOSTILE_ATTEMPTS: u32 = 3;

/// A builder for a SaaS client of a hostile test server at `base_url`: a fixed token,
/// [`HOSTILE_ATTEMPTS`] attempts with backoff waits of 10 ms to 50 ms, a 2 s timeout.
pub fn hostile_client(base_url: &str) -> ClientBuilder {
    let policy = RetryPolicy::default()
        .with_max_attempts(HOSTILE_ATTEMPTS)
        .with_initial_backoff(Duration::from_millis(10))
        .with_max_backoff(Duration::from_millis(50));
    Client::builder(base_url, Arc::new(StaticTokenProvider::new("hostile-test-token")))
        .flavor(Flavor::Saas)
        .retry_policy(policy)
        .timeout(Duration::from_secs(2))
}

/// An IMS provider for the sandbox's token endpoint with `client_secret`, retrying quickly.
pub fn ims_provider(sandbox: &Sandbox, client_secret: &str) -> Result<ImsTokenProvider, AuthError> {
    let credentials = ImsCredentials::new(sandbox.client_id(), client_secret)?
        .with_org_id(sandbox.org_id())
        .with_token_url(sandbox.ims_token_url())?;
    ImsTokenProvider::builder(credentials).initial_backoff(Duration::from_millis(10)).build()
}

/// How the [`Harness`] client is set up.
#[derive(Debug, Clone)]
pub struct ClientSettings {
    /// The client's retry policy. Defaults to [`fast_retry_policy`].
    pub retry: RetryPolicy,
    /// The cache's refresh margin. Defaults to [`DEFAULT_REFRESH_MARGIN`].
    pub refresh_margin: Duration,
    /// The time limit of one attempt. Defaults to 10 s.
    pub timeout: Duration,
}

impl Default for ClientSettings {
    fn default() -> Self {
        ClientSettings {
            retry: fast_retry_policy(),
            refresh_margin: DEFAULT_REFRESH_MARGIN,
            timeout: Duration::from_secs(10),
        }
    }
}

/// A running sandbox and a SaaS client of it, authenticated through the sandbox's IMS.
#[derive(Debug)]
pub struct Harness {
    /// The sandbox; its stats and request log are what the server saw.
    pub sandbox: Sandbox,
    /// The client, with `x-api-key` and `x-gw-ims-org-id` set as for a real tenant.
    pub client: Client,
    /// The client's token source; `tokens.inner()` knows every token IMS issued to it.
    pub tokens: Arc<SuiteTokens>,
}

impl Harness {
    /// Starts a sandbox with `config` and a client with the default [`ClientSettings`].
    pub async fn start(config: SandboxConfig) -> Result<Harness, BoxError> {
        Self::start_with(config, ClientSettings::default()).await
    }

    /// Starts a sandbox with `config` and a client with `settings`.
    pub async fn start_with(
        config: SandboxConfig,
        settings: ClientSettings,
    ) -> Result<Harness, BoxError> {
        let sandbox = Sandbox::start(config).await?;
        let ims = ims_provider(&sandbox, sandbox.client_secret())?;
        let tokens = Arc::new(CachedTokenProvider::with_margin(
            RecordingTokens::new(ims),
            settings.refresh_margin,
        ));
        let client = Client::builder(sandbox.base_url(), tokens.clone())
            .flavor(Flavor::Saas)
            .api_key(sandbox.client_id())
            .org_id(sandbox.org_id())
            .retry_policy(settings.retry)
            .timeout(settings.timeout)
            .build()?;
        Ok(Harness { sandbox, client, tokens })
    }

    /// The product API over the harness client.
    pub fn products(&self) -> Products {
        Products::new(self.client.clone())
    }

    /// Every token IMS issued to the harness client so far, oldest first.
    pub fn issued_secrets(&self) -> Vec<String> {
        self.tokens.inner().issued().iter().map(|issued| issued.secret().to_owned()).collect()
    }
}
