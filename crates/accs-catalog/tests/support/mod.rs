//! Clients of a sandbox or of an httpmock server, shared by the integration tests.

#![allow(dead_code, clippy::unwrap_used)]

use std::sync::Arc;

use accs_auth::StaticTokenProvider;
use accs_catalog::Products;
use accs_sandbox::{FaultConfig, LoggedRequest, Sandbox, SandboxConfig};
use accs_transport::{Client, Flavor, RetryPolicy};

/// A sandbox holding `products` generated products and injecting `faults`.
pub(crate) async fn sandbox(products: usize, faults: FaultConfig) -> Sandbox {
    Sandbox::start(SandboxConfig { products, faults, ..SandboxConfig::default() }).await.unwrap()
}

/// The product API of `sandbox`, SaaS flavour, with a token issued without IMS.
pub(crate) fn sandbox_products(sandbox: &Sandbox) -> Products {
    let tokens = Arc::new(StaticTokenProvider::new(sandbox.issue_token()));
    let client = Client::builder(sandbox.base_url(), tokens).flavor(Flavor::Saas).build().unwrap();
    Products::new(client)
}

/// The product API of an httpmock server at `base_url`, SaaS paths (`/V1/...`), no retries.
pub(crate) fn mock_products(base_url: &str) -> Products {
    let tokens = Arc::new(StaticTokenProvider::new("test-token"));
    let client = Client::builder(base_url, tokens)
        .flavor(Flavor::Saas)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    Products::new(client)
}

/// The list requests (`GET .../V1/products`) the sandbox answered, oldest first.
pub(crate) fn list_requests(sandbox: &Sandbox) -> Vec<LoggedRequest> {
    sandbox
        .request_log()
        .into_iter()
        .filter(|request| request.method == "GET" && request.path.ends_with("/V1/products"))
        .collect()
}

/// The query pair `searchCriteria[filter_groups][g][filters][0][part]`.
pub(crate) fn filter_key(group: usize, part: &str) -> String {
    format!("searchCriteria[filter_groups][{group}][filters][0][{part}]")
}
