//! Quick start: mint a token, list products with a filter, fetch one by SKU.
//!
//! Runs against an embedded sandbox. Against a real tenant, build the client with
//! `Client::from_env()` instead (API_ENDPOINT, IMS_CLIENT_ID, IMS_CLIENT_SECRET, IMS_ORG_ID).

use std::sync::Arc;

use accs_auth::{CachedTokenProvider, ImsCredentials, ImsTokenProvider, TokenProvider};
use accs_catalog::{Condition, Filter, Products, SearchCriteria, SortDirection};
use accs_sandbox::{Sandbox, SandboxConfig};
use accs_transport::{Client, Flavor};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox =
        Sandbox::start(SandboxConfig { products: 1_000, ..SandboxConfig::default() }).await?;

    // One cached token source for the whole program.
    let credentials = ImsCredentials::new(sandbox.client_id(), sandbox.client_secret())?
        .with_org_id(sandbox.org_id())
        .with_token_url(sandbox.ims_token_url())?;
    let tokens =
        Arc::new(CachedTokenProvider::new(ImsTokenProvider::builder(credentials).build()?));
    let token = tokens.token().await?;
    println!("token: {} valid for {} s", token.token_type(), token.remaining().as_secs());

    let client = Client::builder(sandbox.base_url(), tokens).flavor(Flavor::Saas).build()?;
    let products = Products::new(client);

    // Enabled simple products that have a price, cheapest first.
    let criteria = SearchCriteria::new()
        .filter(Filter::new("type_id", Condition::Eq, "simple")?)
        .filter(Filter::new("status", Condition::Eq, "1")?)
        .filter(Filter::not_null("price")?)
        .sort_by("price", SortDirection::Asc)?
        .with_page_size(5)?;
    let page = products.list(&criteria).await?;
    println!("{} matching products; the first {}:", page.total_count, page.items.len());
    for product in &page.items {
        let name = product.name.as_deref().unwrap_or("(no name)");
        let price = product.price_f64().map_or_else(|| "-".to_owned(), |p| format!("{p:.2}"));
        println!("  {:<24} {price:>10}  {name}", product.sku);
    }

    if let Some(first) = page.items.first() {
        let product = products.get(&first.sku).await?;
        println!("fetched {} by SKU: type {:?}", product.sku, product.type_id);
    }
    Ok(())
}
