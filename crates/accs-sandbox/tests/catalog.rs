//! The generated catalog: deterministic, realistic, and served exactly as snapshotted.

mod common;

use std::collections::HashSet;

use accs_sandbox::SandboxConfig;
use common::*;
use serde_json::Value;

#[tokio::test]
async fn same_seed_serves_the_same_catalog_and_another_seed_does_not() {
    let config = |seed| SandboxConfig { products: 500, seed, ..SandboxConfig::default() };
    let first = sandbox_with(config(11)).await;
    let again = sandbox_with(config(11)).await;
    let other = sandbox_with(config(12)).await;
    assert_eq!(first.products(), again.products());
    assert_ne!(first.products(), other.products());
    assert_eq!(first.client_id(), again.client_id());
    assert_eq!(first.client_secret(), again.client_secret());
    assert_ne!(first.client_id(), other.client_id());
}

#[tokio::test]
async fn catalog_has_special_skus_missing_prices_and_unique_skus() {
    let sandbox = sandbox(2_000).await;
    let products = sandbox.products();
    let ids: Vec<u64> = products.iter().map(|p| p["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, (1..=2_000).collect::<Vec<_>>());

    let skus: Vec<&str> = products.iter().map(|p| p["sku"].as_str().unwrap()).collect();
    assert_eq!(skus.iter().map(|s| s.to_lowercase()).collect::<HashSet<_>>().len(), 2_000);
    let special =
        skus.iter().filter(|s| s.contains(['+', '/', ' ', '#', '%', '?']) || !s.is_ascii());
    assert_eq!(special.count(), 2_000 / 97);
    for pattern in ["BAH-SB+", "/6", "ABCD (", "A#", "50%OFF-", "A?B", "Ä-", "sku with spaces "] {
        assert!(skus.iter().any(|s| s.contains(pattern)), "{pattern}");
    }

    let without_price = products.iter().filter(|p| p.get("price").is_none()).count();
    assert!(without_price > 100, "{without_price}");
    assert!(products.iter().any(|p| p.get("name").is_none()));
    assert!(products.iter().all(|p| p.get("price").is_none_or(Value::is_number)));
    assert!(products.iter().all(|p| p["extension_attributes"]["stock_item"].is_object()));
}

#[tokio::test]
async fn list_and_get_serve_exactly_the_snapshot() {
    let sandbox = sandbox(120).await;
    let token = token(&sandbox).await;
    let (_, body) = list(&sandbox, &token, &Criteria::new().page(300, 1).build()).await;
    let snapshot = sandbox.products();
    assert_eq!(body["items"].as_array().unwrap(), &snapshot);
    let url = format!(
        "{}/V1/products/{}",
        sandbox.base_url(),
        encode(snapshot[96]["sku"].as_str().unwrap())
    );
    assert_eq!(get(&url, &token).await.1, snapshot[96]);
}

#[tokio::test]
async fn a_large_catalog_is_generated_whole_with_unique_skus() {
    // How fast it generates is for `cargo xtask bench`; here, that nothing is lost or repeated.
    let products = 20_000;
    let sandbox = sandbox_with(SandboxConfig { products, ..SandboxConfig::default() }).await;
    let snapshot = sandbox.products();
    assert_eq!(sandbox.stats().products, products as u64);
    let ids: Vec<i64> = snapshot.iter().map(|product| product["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, (1..=products as i64).collect::<Vec<_>>());
    let skus: HashSet<String> =
        snapshot.iter().map(|product| product["sku"].as_str().unwrap().to_lowercase()).collect();
    assert_eq!(skus.len(), products, "SKUs are unique, compared without case as Magento does");
}
