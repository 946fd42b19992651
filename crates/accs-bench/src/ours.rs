//! Our side of each comparison: the crates as an application uses them.

use std::sync::Arc;

use accs_auth::{CachedTokenProvider, ImsCredentials, ImsTokenProvider};
use accs_catalog::Products;
use accs_transport::{Client, Flavor};

use crate::{BenchError, Endpoint};

/// The product API of the sandbox at `endpoint` through a cached IMS token provider and the
/// transport client, configured as `accs` configures itself from the environment.
pub fn catalog(endpoint: &Endpoint) -> Result<Products, BenchError> {
    let failed = |err: &dyn std::fmt::Display| BenchError::new(format!("our client: {err}"));
    let credentials =
        ImsCredentials::new(endpoint.client_id.as_str(), endpoint.client_secret.as_str())
            .map_err(|err| failed(&err))?
            .with_org_id(endpoint.org_id.as_str())
            .with_token_url(&endpoint.ims_token_url)
            .map_err(|err| failed(&err))?;
    let tokens = ImsTokenProvider::builder(credentials).build().map_err(|err| failed(&err))?;
    let client =
        Client::builder(&endpoint.api_endpoint, Arc::new(CachedTokenProvider::new(tokens)))
            .flavor(Flavor::Saas)
            .api_key(endpoint.client_id.as_str())
            .org_id(endpoint.org_id.as_str())
            .build()
            .map_err(|err| failed(&err))?;
    Ok(Products::new(client))
}
