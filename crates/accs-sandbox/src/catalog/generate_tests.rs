use std::collections::HashSet;

use serde_json::Value;

use super::*;

#[test]
fn same_seed_gives_the_same_bytes_and_another_seed_does_not() {
    let first = generate_products(7, 300);
    let again = generate_products(7, 300);
    let other = generate_products(8, 300);
    assert!(first.iter().zip(&again).all(|(a, b)| a.json == b.json));
    assert!(first.iter().zip(&other).any(|(a, b)| a.json != b.json));
}

#[test]
fn ids_are_consecutive_and_skus_unique() {
    let products = generate_products(1, 2_000);
    let ids: Vec<u64> = products.iter().map(|product| product.id).collect();
    assert_eq!(ids, (1..=2_000).collect::<Vec<_>>());
    let skus: HashSet<String> = products.iter().map(|product| product.sku.to_lowercase()).collect();
    assert_eq!(skus.len(), 2_000);
}

#[test]
fn parsed_core_fields_equal_the_ones_kept_beside_the_json() {
    for product in generate_products(3, 500) {
        let json: Value = serde_json::from_slice(&product.json).unwrap();
        assert_eq!(CoreFields::from_json(&json), product.core, "{}", product.sku);
        assert_eq!(json["id"], product.id);
        assert_eq!(json["sku"].as_str(), Some(&*product.sku));
    }
}

#[test]
fn catalog_looks_real() {
    let products: Vec<Value> = generate_products(42, 2_000)
        .iter()
        .map(|product| serde_json::from_slice(&product.json).unwrap())
        .collect();
    let count = |test: &dyn Fn(&Value) -> bool| products.iter().filter(|p| test(p)).count();

    for type_id in ["simple", "configurable", "virtual", "bundle", "downloadable"] {
        assert!(count(&|p| p["type_id"] == type_id) > 0, "{type_id}");
    }
    assert!(count(&|p| p.get("price").is_none()) > 50);
    assert!(count(&|p| p.get("name").is_none()) > 0);
    assert!(count(&|p| p["extension_attributes"]["stock_item"]["qty"].is_null()) > 20);
    assert!(count(&|p| p.get("media_gallery_entries").is_none()) > 20);
    assert!(count(&|p| p["name"].as_str().is_some_and(|n| n.chars().any(|c| c > '\u{2E80}'))) > 50);
    assert!(count(&|p| p["status"] == 2) > 20);
    let attribute = |p: &Value, code: &str| {
        p["custom_attributes"]
            .as_array()
            .and_then(|list| list.iter().find(|a| a["attribute_code"] == code))
            .map(|a| a["value"].clone())
    };
    assert!(products.iter().all(|p| attribute(p, "category_ids").is_some_and(|v| v.is_array())));
    assert!(products.iter().all(|p| attribute(p, "description").is_some()));
    let special = products.iter().filter_map(|p| attribute(p, "special_price")).collect::<Vec<_>>();
    assert!(!special.is_empty());
    assert!(
        special.iter().all(|v| v.as_str().is_some_and(|s| s.ends_with("00") && s.contains('.')))
    );
    for timestamp in products.iter().flat_map(|p| [&p["created_at"], &p["updated_at"]]) {
        let text = timestamp.as_str().unwrap();
        assert_eq!(text.len(), 19, "{text}");
        assert_eq!(&text[10..11], " ");
    }
}

#[test]
fn every_97th_product_has_a_sku_that_needs_encoding() {
    let products = generate_products(42, 97 * 8);
    let special: Vec<&str> = products
        .iter()
        .filter(|product| product.id % SPECIAL_SKU_EVERY == 0)
        .map(|product| &*product.sku)
        .collect();
    assert_eq!(
        special,
        [
            "AB-97/6",
            "ABCD (194-B)",
            "A#291",
            "50%OFF-388",
            "A?B485",
            "Ä-582",
            "sku with spaces 679",
            "BAH-SB+776",
        ]
    );
    let plain = products.iter().filter(|product| product.id % SPECIAL_SKU_EVERY != 0);
    assert!(
        plain
            .into_iter()
            .all(|product| { product.sku.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') })
    );
}
