//! Turning configuration into a client: from the environment, or from an embedded sandbox.

use std::sync::Arc;

use accs_auth::{CachedTokenProvider, ImsCredentials, ImsTokenProvider, TokenProvider};
use accs_sandbox::{Sandbox, SandboxConfig};
use accs_transport::{Client, Flavor, StoreScope};

use crate::failure::Failure;

/// Where commands send their requests, and the sandbox kept alive while they run.
pub(crate) struct Target {
    pub(crate) client: Client,
    pub(crate) tokens: Arc<dyn TokenProvider>,
    _sandbox: Option<Sandbox>,
}

/// Loads `.env` from the working directory, if there is one. Variables already set win.
pub(crate) fn load_dotenv() -> Result<(), Failure> {
    match dotenvy::from_path(".env") {
        Ok(()) => Ok(()),
        Err(dotenvy::Error::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(Failure::Usage(format!(".env: {err}"))),
    }
}

/// The client for this run: an embedded sandbox when `sandbox` is set, else the environment.
pub(crate) async fn target(sandbox: bool, store: Option<&str>) -> Result<Target, Failure> {
    let store = match store {
        Some(code) => Some(StoreScope::new(code).map_err(|err| Failure::Usage(err.to_string()))?),
        None => None,
    };
    let (client, sandbox) = if sandbox {
        let sandbox = Sandbox::start(SandboxConfig::default()).await?;
        let credentials = ImsCredentials::new(sandbox.client_id(), sandbox.client_secret())?
            .with_org_id(sandbox.org_id())
            .with_token_url(sandbox.ims_token_url())?;
        let tokens = CachedTokenProvider::new(ImsTokenProvider::builder(credentials).build()?);
        let client = Client::builder(sandbox.base_url(), Arc::new(tokens))
            .flavor(Flavor::Saas)
            .api_key(sandbox.client_id())
            .org_id(sandbox.org_id())
            .build()?;
        (client, Some(sandbox))
    } else {
        let client = Client::from_env().map_err(|err| match err {
            accs_transport::Error::Config(_) => Failure::Usage(format!(
                "{err}; the configuration is read from the environment and ./.env (see the \
                 README), or use --sandbox"
            )),
            other => other.into(),
        })?;
        (client, None)
    };
    let client = match store {
        Some(store) => client.with_store(Some(store)),
        None => client,
    };
    let tokens = client.tokens().clone();
    Ok(Target { client, tokens, _sandbox: sandbox })
}
