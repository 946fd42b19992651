//! One request pipeline for the Adobe Commerce REST API, for ACCS (SaaS) and Adobe Commerce
//! on cloud / Magento 2 (PaaS).
//!
//! A [`Client`] adds what every call needs: the bearer token from any
//! [`TokenProvider`](accs_auth::TokenProvider), `Accept`/`Content-Type`, `x-api-key` and
//! `x-gw-ims-org-id`, and the store scope (a `Store` header on SaaS, a `/rest/<store>` path on
//! PaaS). It encodes each path segment as exactly one segment, retries only what is safe
//! ([`RetryPolicy`]), honours `Retry-After`, refreshes a rejected token once, and turns
//! Commerce error bodies into [`Error`]s a program can act on.
//!
//! Use it directly for endpoints the API crates do not wrap:
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let server = httpmock::MockServer::start_async().await;
//! # server.mock_async(|when, then| {
//! #     when.method("GET").path("/rest/V1/store/storeViews");
//! #     then.status(200).json_body(serde_json::json!([
//! #         {"id": 1, "code": "default", "name": "Default Store View", "website_id": 1}]));
//! # }).await;
//! # let base_url = server.base_url();
//! use std::sync::Arc;
//! use accs_auth::StaticTokenProvider;
//! use accs_transport::{Client, Flavor};
//! use serde::Deserialize;
//!
//! #[derive(Deserialize)]
//! struct StoreView {
//!     code: String,
//!     name: String,
//! }
//!
//! // For ACCS: Client::from_env() reads API_ENDPOINT and the IMS variables.
//! let client = Client::builder(&base_url, Arc::new(StaticTokenProvider::new("token")))
//!     .flavor(Flavor::Paas)
//!     .build()?;
//! let views: Vec<StoreView> = client.get(&["store", "storeViews"]).send().await?;
//! assert_eq!(views[0].code, "default");
//! # assert_eq!(views[0].name, "Default Store View");
//! # Ok(())
//! # }
//! ```

mod client;
mod error;
mod message;
mod path;
mod request;
mod response;
mod retry;
mod scope;

pub use client::{
    Client, ClientBuilder, ClientStats, DEFAULT_MAX_RESPONSE_BYTES, ENV_ACCESS_TOKEN,
    ENV_API_ENDPOINT, ENV_FLAVOR, ENV_STORE,
};
pub use error::Error;
pub use message::{CommerceMessage, render};
pub use path::encode_segment;
pub use request::Request;
pub use reqwest::Method;
pub use retry::{Backoff, RetryPolicy};
pub use scope::{Flavor, StoreScope};
