//! Exports while other writers insert and delete products on every list request, under the
//! same faults as `export_under_faults.rs`: a product present throughout appears exactly once,
//! no product twice, and nothing that never existed.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use accs_catalog::StreamOptions;
use accs_reliability::{Harness, export_faults};
use accs_sandbox::{Churn, FaultConfig, SandboxConfig};
use futures::TryStreamExt;
use serde_json::Value;

/// The faults of the export under faults, and five inserts and five deletes per list request.
fn faults_with_churn() -> FaultConfig {
    let churn = Churn { inserts_per_list: 5, deletes_per_list: 5 };
    FaultConfig { churn: Some(churn), ..export_faults(11) }
}

fn by_id(products: &[Value]) -> BTreeMap<i64, &Value> {
    products.iter().map(|product| (product["id"].as_i64().unwrap(), product)).collect()
}

/// Exports `products` products with `concurrency` requests in flight under churn and checks
/// the export against the catalog before and after.
async fn export_under_churn(products: usize, concurrency: usize) {
    let config = SandboxConfig { products, faults: faults_with_churn(), ..Default::default() };
    let harness = Harness::start(config).await.unwrap();
    let before = harness.sandbox.products();
    let started = Instant::now();

    let options = StreamOptions::new().concurrency(concurrency);
    let exported: Vec<Value> = harness.products().stream_raw(options).try_collect().await.unwrap();
    let elapsed = started.elapsed();
    let after = harness.sandbox.products();

    let (before, after) = (by_id(&before), by_id(&after));
    let highest_before = *before.keys().last().unwrap();
    let mut seen: HashMap<i64, usize> = HashMap::new();
    for product in &exported {
        *seen.entry(product["id"].as_i64().unwrap()).or_default() += 1;
    }
    let exported_by_id = by_id(&exported);

    // None twice, in id order.
    assert!(seen.values().all(|count| *count == 1), "a product was exported twice");
    let ids: Vec<i64> = exported.iter().map(|p| p["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]), "the export is not in id order");

    // Every product present from start to end, exactly once and as the catalog holds it.
    let survivors: Vec<i64> = before.keys().filter(|id| after.contains_key(id)).copied().collect();
    let mut survivors_exported = 0;
    for id in &survivors {
        let product = exported_by_id.get(id).copied();
        assert_eq!(product, Some(after[id]), "product {id} missing or changed");
        survivors_exported += 1;
    }

    // Nothing that never existed: every other product exported was deleted or inserted
    // during the run.
    for id in seen.keys() {
        let known = before.contains_key(id) || *id > highest_before;
        assert!(known, "product {id} was never in the catalog");
    }

    let deleted = before.len() - survivors.len();
    let inserted = after.keys().filter(|id| **id > highest_before).count();
    assert!(deleted > 0 && inserted > 0, "the catalog did not change");
    eprintln!(
        "export under churn (concurrency {concurrency}): {} products exported in {:.1} s, \
         {survivors_exported} of {} survivors, {deleted} deleted and {inserted} inserted during \
         the run, {} requests, {} retries",
        exported.len(),
        elapsed.as_secs_f64(),
        survivors.len(),
        harness.sandbox.stats().requests,
        harness.client.stats().retries,
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_concurrent_export_under_churn_and_faults_keeps_survivors_exactly_once() {
    export_under_churn(20_000, 4).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sequential_export_under_churn_and_faults_keeps_survivors_exactly_once() {
    export_under_churn(5_000, 1).await;
}
