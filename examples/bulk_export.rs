//! Bulk export: stream a whole catalog, each product exactly once, in bounded memory.

use std::sync::Arc;
use std::time::Instant;

use accs_auth::{CachedTokenProvider, ImsCredentials, ImsTokenProvider};
use accs_catalog::{Products, StreamOptions};
use accs_sandbox::{Sandbox, SandboxConfig};
use accs_transport::{Client, Flavor};
use futures::TryStreamExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox =
        Sandbox::start(SandboxConfig { products: 10_000, ..SandboxConfig::default() }).await?;
    let credentials = ImsCredentials::new(sandbox.client_id(), sandbox.client_secret())?
        .with_token_url(sandbox.ims_token_url())?;
    let tokens =
        Arc::new(CachedTokenProvider::new(ImsTokenProvider::builder(credentials).build()?));
    let client = Client::builder(sandbox.base_url(), tokens).flavor(Flavor::Saas).build()?;
    let products = Products::new(client.clone());

    let started = Instant::now();
    let options = StreamOptions::new().concurrency(4);
    let (count, with_price) = products
        .stream(options)
        .try_fold((0u64, 0u64), |(count, priced), product| async move {
            Ok((count + 1, priced + u64::from(product.price.is_some())))
        })
        .await?;
    let elapsed = started.elapsed().as_secs_f64();

    println!(
        "exported {count} products ({with_price} with a price) in {elapsed:.2} s, {:.0} products/s, {} requests",
        count as f64 / elapsed,
        client.stats().requests
    );
    assert_eq!(count as usize, sandbox.products().len());
    Ok(())
}
