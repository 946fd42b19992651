//! An in-process fake of Adobe Commerce as a Cloud Service (ACCS) and of the Adobe IMS token
//! endpoint, for tests, demos and benchmarks.
//!
//! A [`Sandbox`] listens on `127.0.0.1`, mints OAuth server-to-server tokens, and serves a
//! generated, deterministic product catalog through the Commerce REST API with the real
//! services' quirks: `searchCriteria` filters and paging (a page past the end repeats the last
//! page), PHP-style decoding of SKUs in paths (`+` is a space), Magento's error bodies, the
//! SaaS (`/<tenant>/V1/...` with a `Store` header) and PaaS (`/rest/<store>/V1/...`) URL
//! shapes. On demand it injects the faults clients must survive: HTML `503` pages, `500`s,
//! `429`s with both `Retry-After` forms, broken connections, latency, revoked tokens and a
//! catalog that changes while it is listed.
//!
//! # Example
//!
//! Start a sandbox, mint a token, list the first page of products:
//!
//! ```
//! use accs_sandbox::{Sandbox, SandboxConfig};
//! use serde_json::Value;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sandbox = Sandbox::start(SandboxConfig { products: 50, ..SandboxConfig::default() }).await?;
//! let http = reqwest::Client::new();
//!
//! let token: Value = http
//!     .post(sandbox.ims_token_url())
//!     .form(&[
//!         ("grant_type", "client_credentials"),
//!         ("client_id", sandbox.client_id()),
//!         ("client_secret", sandbox.client_secret()),
//!         ("scope", "openid,AdobeID,commerce.accs"),
//!     ])
//!     .send()
//!     .await?
//!     .json()
//!     .await?;
//! let access_token = token["access_token"].as_str().ok_or("no token")?;
//!
//! let url = format!(
//!     "{}/V1/products?searchCriteria[pageSize]=20&searchCriteria[currentPage]=1",
//!     sandbox.base_url()
//! );
//! let page: Value = http.get(url).bearer_auth(access_token).send().await?.json().await?;
//! assert_eq!(page["total_count"], 50);
//! assert_eq!(page["items"].as_array().map(Vec::len), Some(20));
//!
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! # Faults
//!
//! [`FaultConfig`] sets rates per fault kind, or use a named profile with
//! [`FaultConfig::profile`]; [`Sandbox::set_faults`] changes them while running, and
//! [`Sandbox::stats`] and [`Sandbox::request_log`] show what happened.

mod catalog;
mod catalog_api;
mod config;
mod credentials;
mod dispatch;
mod error;
mod fault_injection;
mod faults;
mod ims;
mod php_url;
mod request_log;
mod responses;
mod routes;
mod search;
mod server;
mod state;
mod stats;
mod timestamp;
mod tokens;

pub use config::{DEFAULT_TENANT, SandboxConfig};
pub use error::SandboxError;
pub use faults::{Churn, FAULT_PROFILES, FaultConfig, InjectedFault};
pub use ims::REQUIRED_SCOPE;
pub use request_log::LoggedRequest;
pub use server::Sandbox;
pub use stats::SandboxStats;
