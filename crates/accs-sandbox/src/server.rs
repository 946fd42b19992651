//! Starting, inspecting and stopping a sandbox.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tracing::{debug, warn};

use crate::catalog::Catalog;
use crate::credentials::Credentials;
use crate::dispatch::dispatch;
use crate::fault_injection::FaultState;
use crate::ims::IMS_TOKEN_PATH;
use crate::state::SharedState;
use crate::tokens::TokenStore;
use crate::{FaultConfig, LoggedRequest, SandboxConfig, SandboxError, SandboxStats};

/// How long [`Sandbox::shutdown`] waits for open requests before cutting them off.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A running fake of ACCS and IMS on `127.0.0.1`. Dropping it stops the server.
pub struct Sandbox {
    state: Arc<SharedState>,
    base_url: String,
    paas_base_url: String,
    ims_token_url: String,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Generates the catalog, binds `127.0.0.1:<port>` and serves until shut down or dropped.
    ///
    /// Must be called within a Tokio runtime. Fails when the configuration is invalid or the
    /// port cannot be bound.
    pub async fn start(config: SandboxConfig) -> Result<Sandbox, SandboxError> {
        config.validate()?;
        let port = config.port;
        let bind_error = |source| SandboxError::Bind { port, source };
        let listener = TcpListener::bind(("127.0.0.1", port)).await.map_err(bind_error)?;
        let address = listener.local_addr().map_err(bind_error)?;

        let (seed, products) = (config.seed, config.products);
        let catalog = tokio::task::spawn_blocking(move || Catalog::generate(seed, products))
            .await
            .map_err(SandboxError::Generation)?;
        let state = Arc::new(SharedState::new(
            config.tenant.clone(),
            Credentials::from_seed(config.seed),
            TokenStore::new(config.token_lifetime),
            catalog,
            FaultState::new(config.seed, config.faults),
        ));

        let router = Router::new().fallback(dispatch).with_state(Arc::clone(&state));
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            let shutdown = async {
                // A dropped sender also means stop.
                let _ = stopped.await;
            };
            if let Err(error) = axum::serve(listener, router).with_graceful_shutdown(shutdown).await
            {
                warn!(%error, "sandbox server stopped with an error");
            }
        });
        debug!(%address, products, "sandbox started");

        let origin = format!("http://{address}");
        Ok(Sandbox {
            base_url: format!("{origin}/{}", config.tenant),
            ims_token_url: format!("{origin}{IMS_TOKEN_PATH}"),
            paas_base_url: origin,
            state,
            stop: Some(stop),
            server: Some(server),
        })
    }

    /// The ACCS (SaaS) base URL, `http://127.0.0.1:<port>/<tenant>`; the product list is
    /// `<base_url>/V1/products`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The Magento (PaaS) base URL, `http://127.0.0.1:<port>`, serving `/rest/V1/...` and
    /// `/rest/<store>/V1/...`.
    pub fn paas_base_url(&self) -> String {
        self.paas_base_url.clone()
    }

    /// The IMS token endpoint, `http://127.0.0.1:<port>/ims/token/v3`.
    pub fn ims_token_url(&self) -> &str {
        &self.ims_token_url
    }

    /// The tenant id in [`Sandbox::base_url`].
    pub fn tenant(&self) -> &str {
        &self.state.tenant
    }

    /// The OAuth client id IMS accepts (32 hex digits, derived from the seed).
    pub fn client_id(&self) -> &str {
        &self.state.credentials.client_id
    }

    /// The OAuth client secret IMS accepts (`p8e-...`, derived from the seed).
    pub fn client_secret(&self) -> &str {
        &self.state.credentials.client_secret
    }

    /// The IMS organisation id, ending in `@AdobeOrg` (derived from the seed).
    pub fn org_id(&self) -> &str {
        &self.state.credentials.org_id
    }

    /// Issues a token without an HTTP request, as if IMS had; counted in
    /// [`SandboxStats::tokens_minted`] but not in `token_requests`.
    pub fn issue_token(&self) -> String {
        crate::stats::Counters::bump(&self.state.counters.tokens_minted);
        self.state.tokens.mint()
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> SandboxStats {
        let products = self.state.catalog().len();
        self.state.counters.snapshot(products)
    }

    /// Replaces the fault configuration from the next request on, restarting its random
    /// stream and its `revoke_tokens_after` count.
    ///
    /// Unlike [`Sandbox::start`], this does not refuse invalid rates: they are tested in order
    /// as cumulative probabilities, so an excess only starves the faults tested last. A
    /// warning is logged.
    pub fn set_faults(&self, faults: FaultConfig) {
        if let Err(error) = faults.validate() {
            warn!(%error, "fault configuration applied as given");
        }
        self.state.faults().reconfigure(faults);
    }

    /// Revokes every token issued so far: they answer `401` from now on; new ones work.
    pub fn revoke_tokens(&self) {
        self.state.tokens.revoke_all();
    }

    /// Every product, sorted by id, each exactly the JSON the list and get endpoints serve.
    pub fn products(&self) -> Vec<Value> {
        self.state.catalog().products().iter().map(|product| product.to_value()).collect()
    }

    /// The product with this SKU (compared case-insensitively, as Magento does), if any.
    pub fn product(&self, sku: &str) -> Option<Value> {
        self.state.catalog().get(sku).map(|product| product.to_value())
    }

    /// The last 10 000 requests, oldest first.
    pub fn request_log(&self) -> Vec<LoggedRequest> {
        self.state.log.snapshot()
    }

    /// Stops accepting connections, lets open requests finish (up to 5 s), then returns.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut server) = self.server.take()
            && tokio::time::timeout(SHUTDOWN_GRACE, &mut server).await.is_err()
        {
            warn!("sandbox requests still open after the grace period, cutting them off");
            server.abort();
        }
    }
}

impl Drop for Sandbox {
    /// Signals the server to stop; it finishes open requests in the background.
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("base_url", &self.base_url)
            .field("ims_token_url", &self.ims_token_url)
            .field("client_id", &self.state.credentials.client_id)
            .field("products", &self.state.catalog().len())
            .finish_non_exhaustive()
    }
}
