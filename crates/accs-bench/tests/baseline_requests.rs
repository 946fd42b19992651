//! The baseline must read the catalog with the very requests our stream sends, or the
//! throughput ratio compares different work.

use accs_bench::{Endpoint, PlainClient, catalog};
use accs_catalog::{DEFAULT_CONCURRENCY, DEFAULT_STREAM_PAGE_SIZE, StreamOptions};
use accs_sandbox::{Sandbox, SandboxConfig};
use futures::TryStreamExt;

const PRODUCTS: usize = 2_345;

async fn sandbox() -> (Sandbox, Endpoint) {
    let sandbox = Sandbox::start(SandboxConfig { products: PRODUCTS, ..SandboxConfig::default() })
        .await
        .expect("the sandbox starts");
    let endpoint = Endpoint {
        api_endpoint: sandbox.base_url().to_owned(),
        ims_token_url: sandbox.ims_token_url().to_owned(),
        client_id: sandbox.client_id().to_owned(),
        client_secret: sandbox.client_secret().to_owned(),
        org_id: sandbox.org_id().to_owned(),
    };
    (sandbox, endpoint)
}

/// The catalog requests a sandbox received, as `path?query`, sorted.
fn catalog_requests(sandbox: &Sandbox) -> Vec<String> {
    let mut requests: Vec<String> = sandbox
        .request_log()
        .into_iter()
        .filter(|request| request.path.contains("/V1/"))
        .map(|request| {
            format!("{} {}?{}", request.method, request.path, request.query.unwrap_or_default())
        })
        .collect();
    requests.sort();
    requests
}

#[tokio::test]
async fn baseline_export_sends_the_same_requests_as_the_stream() {
    let (ours_sandbox, ours_endpoint) = sandbox().await;
    let products = catalog(&ours_endpoint).unwrap();
    let streamed: Vec<_> =
        products.stream_raw(StreamOptions::default()).try_collect().await.unwrap();
    assert_eq!(streamed.len(), PRODUCTS);

    let (baseline_sandbox, baseline_endpoint) = sandbox().await;
    let baseline = PlainClient::connect(&baseline_endpoint).await.unwrap();
    let count = baseline.export(DEFAULT_STREAM_PAGE_SIZE, DEFAULT_CONCURRENCY).await.unwrap();
    assert_eq!(count, PRODUCTS as u64);

    let ours = catalog_requests(&ours_sandbox);
    assert!(ours.len() > 4, "{ours:#?}");
    assert_eq!(ours, catalog_requests(&baseline_sandbox));
}

#[tokio::test]
async fn baseline_get_reads_the_product_our_get_reads() {
    let (_sandbox, endpoint) = sandbox().await;
    let ours = catalog(&endpoint).unwrap().get_raw("MS-1").await;
    let sku = match &ours {
        Ok(product) => product["sku"].as_str().unwrap().to_owned(),
        Err(_) => {
            // The generator may name product 1 otherwise; take the first SKU it lists.
            let page = catalog(&endpoint).unwrap().list_raw(&Default::default()).await.unwrap();
            page["items"][0]["sku"].as_str().unwrap().to_owned()
        }
    };
    let baseline = PlainClient::connect(&endpoint).await.unwrap();
    let plain = baseline.get_product(&sku).await.unwrap();
    let ours = catalog(&endpoint).unwrap().get_raw(&sku).await.unwrap();
    assert_eq!(plain, ours);
}
