//! [`Client`]: the shared, cheaply cloned entry point, and its builder.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use accs_auth::{
    CachedTokenProvider, ImsCredentials, ImsTokenProvider, StaticTokenProvider, TokenProvider,
};
use reqwest::Method;
use url::Url;

use crate::{Error, Flavor, Request, RetryPolicy, StoreScope};

/// The variable holding the API base URL.
pub const ENV_API_ENDPOINT: &str = "API_ENDPOINT";
/// The variable holding the store view code; optional.
pub const ENV_STORE: &str = "ACCS_STORE";
/// The variable forcing the flavour, `saas` or `paas`; optional.
pub const ENV_FLAVOR: &str = "ACCS_FLAVOR";
/// The variable holding a fixed access token; when set, IMS is not used.
pub const ENV_ACCESS_TOKEN: &str = "ACCS_ACCESS_TOKEN";

/// The default limit on a response body: 64 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// A client of one Commerce REST API: base URL, flavour, store scope, token source, retry
/// policy and one connection pool.
///
/// Build it once and clone it freely: clones share the pool, the token source and the
/// [`stats`](Client::stats).
#[derive(Clone)]
pub struct Client {
    pub(crate) shared: Arc<Shared>,
    pub(crate) store: Option<StoreScope>,
}

pub(crate) struct Shared {
    pub(crate) http: reqwest::Client,
    pub(crate) base: String,
    pub(crate) flavor: Flavor,
    pub(crate) tokens: Arc<dyn TokenProvider>,
    pub(crate) api_key: Option<String>,
    pub(crate) org_id: Option<String>,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_response_bytes: usize,
    pub(crate) counters: Counters,
}

#[derive(Default)]
pub(crate) struct Counters {
    pub(crate) requests: AtomicU64,
    pub(crate) retries: AtomicU64,
    pub(crate) token_refreshes: AtomicU64,
}

/// Counts of what a client (and all its clones) did so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClientStats {
    /// HTTP requests sent, retries and replays included.
    pub requests: u64,
    /// Attempts repeated after a transient failure.
    pub retries: u64,
    /// Requests replayed with a new token after a 401.
    pub token_refreshes: u64,
}

impl Client {
    /// A builder for a client of the API at `base_url` using `tokens`.
    ///
    /// `base_url` is the tenant URL for ACCS (`https://na1.api.commerce.adobe.com/<tenant>`)
    /// or the store's host for PaaS (`https://shop.example.com`).
    pub fn builder(base_url: &str, tokens: Arc<dyn TokenProvider>) -> ClientBuilder {
        ClientBuilder {
            base_url: base_url.to_owned(),
            tokens,
            flavor: None,
            store: None,
            api_key: None,
            org_id: None,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            retry: RetryPolicy::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            http: None,
        }
    }

    /// A client configured from the process environment; see [`Client::from_lookup`].
    pub fn from_env() -> Result<Client, Error> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// A client configured from variables looked up through `lookup`:
    ///
    /// - `API_ENDPOINT` (required): the base URL;
    /// - `ACCS_STORE`: the store view code; `ACCS_FLAVOR`: `saas` or `paas` (else detected);
    /// - `ACCS_ACCESS_TOKEN`: a fixed token, which selects [`StaticTokenProvider`]; otherwise
    ///   the IMS variables of [`ImsCredentials::from_lookup`] select a cached
    ///   [`ImsTokenProvider`]. `IMS_CLIENT_ID` and `IMS_ORG_ID`, when set, are also sent as
    ///   `x-api-key` and `x-gw-ims-org-id`.
    ///
    /// A missing or empty required variable is an error naming it.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Client, Error> {
        let present = |name: &str| lookup(name).map(|v| v.trim().to_owned());
        let endpoint = match present(ENV_API_ENDPOINT) {
            Some(value) if !value.is_empty() => value,
            Some(_) => return Err(Error::Config(format!("{ENV_API_ENDPOINT} is set but empty"))),
            None => return Err(Error::Config(format!("{ENV_API_ENDPOINT} is not set"))),
        };

        let (tokens, api_key, org_id): (Arc<dyn TokenProvider>, _, _) =
            match present(ENV_ACCESS_TOKEN) {
                Some(token) if token.is_empty() => {
                    return Err(Error::Config(format!("{ENV_ACCESS_TOKEN} is set but empty")));
                }
                Some(token) => (
                    Arc::new(StaticTokenProvider::new(token)),
                    present(accs_auth::ENV_CLIENT_ID).filter(|v| !v.is_empty()),
                    present(accs_auth::ENV_ORG_ID).filter(|v| !v.is_empty()),
                ),
                None => {
                    let credentials = ImsCredentials::from_lookup(&lookup)?;
                    let api_key = credentials.client_id().to_owned();
                    let org_id = credentials.org_id().map(str::to_owned);
                    let ims = ImsTokenProvider::builder(credentials).build()?;
                    (Arc::new(CachedTokenProvider::new(ims)), Some(api_key), org_id)
                }
            };

        let mut builder = Client::builder(&endpoint, tokens);
        builder.api_key = api_key;
        builder.org_id = org_id;
        if let Some(store) = present(ENV_STORE).filter(|v| !v.is_empty()) {
            builder = builder.store(
                StoreScope::new(store)
                    .map_err(|err| Error::Config(format!("{ENV_STORE}: {err}")))?,
            );
        }
        if let Some(flavor) = present(ENV_FLAVOR).filter(|v| !v.is_empty()) {
            builder = builder.flavor(flavor.parse()?);
        }
        builder.build()
    }

    /// The base URL requests are made under.
    pub fn base_url(&self) -> &str {
        &self.shared.base
    }

    /// The API flavour in use.
    pub fn flavor(&self) -> Flavor {
        self.shared.flavor
    }

    /// The store scope of this client, if any.
    pub fn store(&self) -> Option<&StoreScope> {
        self.store.as_ref()
    }

    /// A clone of this client with another store scope; it shares everything else.
    pub fn with_store(&self, store: Option<StoreScope>) -> Client {
        Client { shared: self.shared.clone(), store }
    }

    /// The token source.
    pub fn tokens(&self) -> &Arc<dyn TokenProvider> {
        &self.shared.tokens
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.shared.retry
    }

    /// What this client and its clones did so far.
    pub fn stats(&self) -> ClientStats {
        let counters = &self.shared.counters;
        ClientStats {
            requests: counters.requests.load(Ordering::Relaxed),
            retries: counters.retries.load(Ordering::Relaxed),
            token_refreshes: counters.token_refreshes.load(Ordering::Relaxed),
        }
    }

    /// A request of `method` to the endpoint whose path after `/V1/` is `segments`.
    ///
    /// Each segment is percent-encoded as exactly one path segment, so a SKU such as
    /// `AB-100/6` or `BAH-SB+7` is addressed as itself.
    pub fn request(&self, method: Method, segments: &[&str]) -> Request {
        Request::new(self.clone(), method, segments)
    }

    /// A `GET` request; see [`request`](Client::request).
    pub fn get(&self, segments: &[&str]) -> Request {
        self.request(Method::GET, segments)
    }

    /// A `POST` request; see [`request`](Client::request).
    pub fn post(&self, segments: &[&str]) -> Request {
        self.request(Method::POST, segments)
    }

    /// A `PUT` request; see [`request`](Client::request).
    pub fn put(&self, segments: &[&str]) -> Request {
        self.request(Method::PUT, segments)
    }

    /// A `DELETE` request; see [`request`](Client::request).
    pub fn delete(&self, segments: &[&str]) -> Request {
        self.request(Method::DELETE, segments)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.shared.base)
            .field("flavor", &self.shared.flavor)
            .field("store", &self.store)
            .field("tokens", &self.shared.tokens)
            .field("retry", &self.shared.retry)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`]; see [`Client::builder`].
pub struct ClientBuilder {
    base_url: String,
    tokens: Arc<dyn TokenProvider>,
    flavor: Option<Flavor>,
    store: Option<StoreScope>,
    api_key: Option<String>,
    org_id: Option<String>,
    connect_timeout: Duration,
    timeout: Duration,
    retry: RetryPolicy,
    max_response_bytes: usize,
    http: Option<reqwest::Client>,
}

impl ClientBuilder {
    /// Sets the flavour. Defaults to [`Flavor::detect`] on the base URL.
    pub fn flavor(mut self, flavor: Flavor) -> Self {
        self.flavor = Some(flavor);
        self
    }

    /// Sets the store scope of every request. Defaults to none: the server's default store
    /// view for reads and, on writes, the default view only.
    pub fn store(mut self, store: StoreScope) -> Self {
        self.store = Some(store);
        self
    }

    /// Sends `x-api-key` (the IMS client id) on every request. Defaults to not sending it.
    pub fn api_key(mut self, client_id: impl Into<String>) -> Self {
        self.api_key = Some(client_id.into());
        self
    }

    /// Sends `x-gw-ims-org-id` on every request. Defaults to not sending it.
    pub fn org_id(mut self, org_id: impl Into<String>) -> Self {
        self.org_id = Some(org_id.into());
        self
    }

    /// The time limit for opening a connection. Defaults to 10 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The time limit of one attempt, body included. Defaults to 60 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the retry policy. Defaults to [`RetryPolicy::default`].
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The largest response body accepted. Defaults to [`DEFAULT_MAX_RESPONSE_BYTES`].
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Uses `client` for HTTP (its timeouts and redirect policy then apply instead of this
    /// builder's). Defaults to a client of this crate's own that follows no redirects.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Checks the settings and builds the client.
    ///
    /// Refuses a base URL that is not `https` (plain `http` only to loopback hosts), that
    /// carries a query or fragment, or, for SaaS, that ends in `/rest` (ACCS has no `/rest`);
    /// and an API key or org id that cannot be a header value.
    pub fn build(self) -> Result<Client, Error> {
        let base = Url::parse(self.base_url.trim())
            .map_err(|err| Error::Config(format!("invalid base URL {:?}: {err}", self.base_url)))?;
        accs_auth::check_secure_url(&base)?;
        if base.query().is_some() || base.fragment().is_some() {
            return Err(Error::Config(format!("the base URL {base} must not have a query")));
        }
        let flavor = self.flavor.unwrap_or_else(|| Flavor::detect(&base));
        let path = base.path().trim_end_matches('/');
        if path.ends_with("/V1") {
            return Err(Error::Config(format!("the base URL {base} must not include /V1")));
        }
        if flavor == Flavor::Saas && path.ends_with("/rest") {
            return Err(Error::Config(format!(
                "the ACCS base URL {base} must not end in /rest: ACCS paths have no /rest"
            )));
        }

        for (name, value) in [("x-api-key", &self.api_key), ("x-gw-ims-org-id", &self.org_id)] {
            if let Some(value) = value
                && reqwest::header::HeaderValue::from_str(value).is_err()
            {
                return Err(Error::Config(format!(
                    "the {name} value {value:?} cannot be sent as an HTTP header"
                )));
            }
        }

        let http = match self.http {
            Some(client) => client,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .timeout(self.timeout)
                .redirect(reqwest::redirect::Policy::none())
                .user_agent(concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|err| Error::Config(format!("HTTP client: {err}")))?,
        };
        Ok(Client {
            shared: Arc::new(Shared {
                http,
                base: base.as_str().trim_end_matches('/').to_owned(),
                flavor,
                tokens: self.tokens,
                api_key: self.api_key,
                org_id: self.org_id,
                retry: self.retry,
                max_response_bytes: self.max_response_bytes,
                counters: Counters::default(),
            }),
            store: self.store,
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("flavor", &self.flavor)
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}
