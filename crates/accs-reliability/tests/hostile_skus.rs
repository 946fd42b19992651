//! SKUs that break naive URL building: get, put and delete reach exactly that product, as the
//! server decodes it, or fail with a clear local or server error; no request reaches another
//! path.

#![allow(clippy::unwrap_used)]

use accs_catalog::{CatalogError, Product, Products};
use accs_reliability::{Harness, is_catalog_request};
use accs_sandbox::{LoggedRequest, Sandbox, SandboxConfig};
use accs_transport::{Client, Error, Flavor, StoreScope};
use serde_json::json;

/// Every character class of case C02 and the same classes in harder spots, whitespace at the
/// edges, path syntax, non-ASCII and control characters: all of them valid Magento SKUs.
const WRITABLE: &[&str] = &[
    "AB-100/6",
    "BAH-SB+7",
    "ABCD (20-B)",
    "A#1",
    "50%OFF",
    "A?B",
    "Ä-1",
    "a/../b",
    "/lead-slash",
    "%2F",
    "%2E%2E",
    "...",
    "A&b=c;d",
    "x\\y",
    " lead-space",
    "trail-space ",
    "🦀 ünïcödé",
    "tab\there",
    "line\nbreak",
    "cr\rlf",
    "nul\0byte",
    "del\u{7f}bell\u{7}",
];

/// What the server answered to the one request sent since `seen` requests, after checking that
/// it went to `prefix` followed by one encoded segment that decodes to exactly `sku`.
fn last_request_reached(
    sandbox: &Sandbox,
    prefix: &str,
    seen: &mut usize,
    method: &str,
    sku: &str,
) -> u16 {
    let log: Vec<LoggedRequest> =
        sandbox.request_log().into_iter().filter(is_catalog_request).collect();
    assert_eq!(log.len(), *seen + 1, "{method} {sku:?} sent other than one request");
    *seen = log.len();
    let request = log.last().unwrap();
    assert_eq!(request.method, method);
    assert_eq!(request.sku.as_deref(), Some(sku), "{method} reached {:?}", request.path);
    let segment = request.path.strip_prefix(prefix);
    let segment = segment.unwrap_or_else(|| panic!("{method} {sku:?} went to {}", request.path));
    let unreserved = |b: u8| b.is_ascii_alphanumeric() || b"-._~%".contains(&b);
    assert!(segment.bytes().all(unreserved), "{sku:?} sent as {segment:?}");
    request.status
}

fn product(sku: &str) -> Product {
    Product::from_value(json!({"sku": sku, "name": format!("named {sku}"), "price": 9.5})).unwrap()
}

/// The SaaS path prefix of product `{sku}` routes on the harness sandbox.
fn saas_prefix(harness: &Harness) -> String {
    format!("/{}/V1/products/", harness.sandbox.tenant())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_put_and_delete_reach_exactly_the_product_named() {
    let harness =
        Harness::start(SandboxConfig { products: 10, ..Default::default() }).await.unwrap();
    let paas = Client::builder(&harness.sandbox.paas_base_url(), harness.tokens.clone())
        .flavor(Flavor::Paas)
        .build()
        .unwrap();
    let store = StoreScope::new("default").unwrap();
    // Each URL shape: SaaS with the tenant, PaaS `/rest/V1`, PaaS with a store view.
    let targets = [
        (harness.products(), saas_prefix(&harness)),
        (Products::new(paas.clone()), "/rest/V1/products/".to_owned()),
        (Products::new(paas.with_store(Some(store))), "/rest/default/V1/products/".to_owned()),
    ];
    let mut seen = 0;

    for (products, prefix) in &targets {
        for sku in WRITABLE {
            let reached = |seen: &mut usize, method| {
                last_request_reached(&harness.sandbox, prefix, seen, method, sku)
            };
            let saved = products.upsert(&product(sku)).await.unwrap();
            assert_eq!(saved.sku, *sku);
            assert_eq!(reached(&mut seen, "PUT"), 200);
            assert_eq!(harness.sandbox.product(sku).unwrap()["sku"], *sku);

            let read = products.get(sku).await.unwrap();
            let named = Some(format!("named {sku}"));
            assert_eq!((read.sku.as_str(), read.name.clone()), (*sku, named));
            assert_eq!(reached(&mut seen, "GET"), 200);

            products.delete(sku).await.unwrap();
            assert_eq!(reached(&mut seen, "DELETE"), 200);
            assert_eq!(harness.sandbox.product(sku), None);
        }
    }
    // The generated catalog was not touched: no write reached another product.
    assert_eq!(harness.sandbox.stats().products, 10);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_character_sku_reaches_the_server_and_is_refused_there() {
    let harness =
        Harness::start(SandboxConfig { products: 10, ..Default::default() }).await.unwrap();
    let products = harness.products();
    let sku = "x/+ä".repeat(250);
    assert_eq!(sku.chars().count(), 1000);
    let prefix = saas_prefix(&harness);
    let reached = |seen: &mut usize, method| {
        last_request_reached(&harness.sandbox, &prefix, seen, method, &sku)
    };
    let mut seen = 0;

    let refused = products.upsert(&product(&sku)).await.unwrap_err();
    assert_eq!(reached(&mut seen, "PUT"), 400);
    let CatalogError::Transport(Error::Validation { status: 400, message }) = &refused else {
        panic!("{refused:?}");
    };
    assert_eq!(message.rendered, "The sku attribute can't be longer than 64 characters.");

    let missing = products.get(&sku).await.unwrap_err();
    assert!(missing.is_not_found(), "{missing:?}");
    assert_eq!(reached(&mut seen, "GET"), 404);
    assert!(products.delete(&sku).await.unwrap_err().is_not_found());
    assert_eq!(reached(&mut seen, "DELETE"), 404);
    assert_eq!(harness.sandbox.stats().products, 10);
}

/// Errors for a SKU no request can carry, made before anything is sent.
async fn refused_locally(harness: &Harness, products: &Products, sku: &str) -> Vec<CatalogError> {
    let before = harness.sandbox.stats().requests;
    let errors = vec![
        products.upsert(&product(sku)).await.unwrap_err(),
        products.delete(sku).await.unwrap_err(),
    ];
    for err in &errors {
        assert!(matches!(err, CatalogError::InvalidSku { .. }), "{sku:?}: {err:?}");
        assert!(err.to_string().starts_with(&format!("invalid sku {sku:?}: ")), "{err}");
    }
    assert_eq!(harness.sandbox.stats().requests, before, "{sku:?} was sent");
    errors
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn empty_and_blank_skus_are_refused_before_any_request() {
    let harness =
        Harness::start(SandboxConfig { products: 10, ..Default::default() }).await.unwrap();
    let products = harness.products();
    for sku in ["", " ", "   ", "\t \n"] {
        refused_locally(&harness, &products, sku).await;
        let err = products.get(sku).await.unwrap_err();
        assert!(matches!(err, CatalogError::InvalidSku { .. }), "{sku:?}: {err:?}");
        let err = products.create(&product(sku)).await.unwrap_err();
        assert!(matches!(err, CatalogError::InvalidSku { .. }), "{sku:?}: {err:?}");
    }
    assert_eq!(harness.sandbox.stats().requests, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dot_skus_are_read_by_search_and_never_written_to_another_path() {
    let harness =
        Harness::start(SandboxConfig { products: 10, ..Default::default() }).await.unwrap();
    let products = harness.products();
    for sku in [".", ".."] {
        // Created through the collection path, which carries the SKU in the body only.
        let created = products.create(&product(sku)).await.unwrap();
        assert_eq!(created.sku, sku);
        refused_locally(&harness, &products, sku).await;

        let requests_before = harness.sandbox.request_log().len();
        let read = products.get(sku).await.unwrap();
        assert_eq!((read.sku.as_str(), read.name.clone()), (sku, Some(format!("named {sku}"))));
        let log = harness.sandbox.request_log();
        let search = &log[requests_before..];
        assert_eq!(search.len(), 1, "{search:?}");
        assert_eq!(search[0].path, format!("/{}/V1/products", harness.sandbox.tenant()));
        let query = search[0].query.as_deref().unwrap_or_default();
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
            .map(|(key, value)| (key.into_owned(), value.into_owned()))
            .collect();
        let filter = |part: &str| {
            let key = format!("searchCriteria[filter_groups][0][filters][0][{part}]");
            pairs.iter().find(|(k, _)| *k == key).map(|(_, value)| value.clone())
        };
        assert_eq!(filter("field").as_deref(), Some("sku"));
        assert_eq!(filter("value").as_deref(), Some(sku));
    }

    // Nothing but the two creates and the two searches was sent, none to a product path.
    let log = harness.sandbox.request_log();
    assert_eq!(log.iter().filter(|r| is_catalog_request(r)).count(), 4);
    assert!(log.iter().all(|r| r.sku.is_none()), "{log:?}");
    assert_eq!(harness.sandbox.stats().products, 12);
}
