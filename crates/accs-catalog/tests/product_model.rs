//! The product model is lossless: what is read is written back equal, typed where it can be.

#![allow(clippy::unwrap_used)]

use accs_catalog::{AttributeValue, CustomAttribute, Product};
use serde_json::{Value, json};

fn round_trip(json: &Value) -> (Product, Value) {
    let product: Product = serde_json::from_value(json.clone()).unwrap();
    let from_text: Product = serde_json::from_str(&json.to_string()).unwrap();
    assert_eq!(product, from_text);
    let back = serde_json::to_value(&product).unwrap();
    assert_eq!(&back, json);
    (product, back)
}

#[test]
fn a_full_product_round_trips_with_typed_fields() {
    let json = json!({
        "id": 42, "sku": "AB-100/6", "name": "Adapter", "attribute_set_id": 4,
        "price": 19.99, "status": 1, "visibility": 4, "type_id": "simple",
        "created_at": "2024-01-02 03:04:05", "updated_at": "2024-02-03 04:05:06", "weight": 1.5,
        "extension_attributes": {"website_ids": [1], "stock_item": {"qty": null}},
        "product_links": [], "options": [],
        "media_gallery_entries": [{"id": 7, "file": "/a/b.jpg"}],
        "tier_prices": [],
        "custom_attributes": [{"attribute_code": "description", "value": "<p>Text</p>"}]
    });
    let (product, _) = round_trip(&json);
    assert_eq!(product.id, Some(42));
    assert_eq!(product.sku, "AB-100/6");
    assert_eq!(product.name.as_deref(), Some("Adapter"));
    assert_eq!(product.price_f64(), Some(19.99));
    assert_eq!(product.weight_f64(), Some(1.5));
    assert_eq!((product.status, product.visibility), (Some(1), Some(4)));
    assert_eq!(product.media_gallery_entries.as_ref().unwrap().len(), 1);
    assert!(product.extra.is_empty());
    let stock = &product.extension_attributes.as_ref().unwrap()["stock_item"];
    assert_eq!(stock["qty"], Value::Null);
}

#[test]
fn integer_prices_stay_integers() {
    let (product, back) = round_trip(&json!({"sku": "A", "price": 10, "weight": 0}));
    assert_eq!(serde_json::to_string(&product).unwrap(), r#"{"sku":"A","price":10,"weight":0}"#);
    assert_eq!(back["price"].to_string(), "10");
}

#[test]
fn custom_attribute_values_keep_their_shapes_c10() {
    let json = json!({"sku": "A", "custom_attributes": [
        {"attribute_code": "description", "value": "<p>Text</p>"},
        {"attribute_code": "category_ids", "value": ["3", "5"]},
        {"attribute_code": "special_price", "value": "1500.0000"},
        {"attribute_code": "odd", "value": [1, "2"]},
        {"attribute_code": "nothing", "value": null}
    ]});
    let (product, back) = round_trip(&json);
    assert_eq!(product.custom_attribute("description").unwrap().as_text(), Some("<p>Text</p>"));
    assert_eq!(
        product.custom_attribute("category_ids"),
        Some(&AttributeValue::List(vec!["3".into(), "5".into()]))
    );
    assert_eq!(product.custom_attribute("special_price").unwrap().as_text(), Some("1500.0000"));
    assert_eq!(product.custom_attribute("odd"), Some(&AttributeValue::Other(json!([1, "2"]))));
    assert_eq!(product.custom_attribute("nothing"), Some(&AttributeValue::Other(Value::Null)));
    assert_eq!(product.custom_attribute("missing"), None);
    assert!(serde_json::to_string(&back).unwrap().contains(r#""value":"1500.0000""#));
}

#[test]
fn missing_fields_are_unknown_and_missing_collections_not_loaded_c11() {
    let (product, _) = round_trip(&json!({"sku": "A", "id": 1}));
    assert_eq!(product.price, None);
    assert_eq!(product.price_f64(), None);
    assert_eq!(product.media_gallery_entries, None);
    assert_eq!(product.custom_attributes, None);

    let (product, _) = round_trip(&json!({"sku": "A", "media_gallery_entries": []}));
    assert_eq!(product.media_gallery_entries, Some(vec![]));
    assert_ne!(product.media_gallery_entries, None);
}

#[test]
fn explicit_nulls_read_as_none_and_are_written_back() {
    let json = json!({
        "sku": "A", "price": null, "name": null, "media_gallery_entries": null,
        "custom_attributes": null, "extension_attributes": null, "id": null
    });
    let (product, back) = round_trip(&json);
    assert_eq!((product.price, product.name, product.id), (None, None, None));
    assert_eq!(product.media_gallery_entries, None);
    assert_eq!(product.custom_attributes, None);
    assert_eq!(back["price"], Value::Null);
}

#[test]
fn unknown_fields_and_unexpected_types_are_kept() {
    let json = json!({
        "sku": "A", "brand_new_field": {"nested": [1, 2, {"x": null}]}, "status": "1",
        "weight": "1.0000", "options": {"weird": true}, "zeta": 1e300, "big": 18446744073709551615u64
    });
    let (product, _) = round_trip(&json);
    assert_eq!(product.status, None);
    assert_eq!(product.extra["status"], json!("1"));
    assert_eq!(product.extra["brand_new_field"]["nested"][2]["x"], Value::Null);
    assert_eq!(product.options, None);
}

#[test]
fn a_typed_value_set_later_wins_over_a_kept_null() {
    let mut product: Product = serde_json::from_value(json!({"sku": "A", "price": null})).unwrap();
    product.price = Some(12.into());
    product.set_custom_attribute("color", "red");
    product.set_custom_attribute("color", "blue");
    assert_eq!(
        product.to_value().unwrap(),
        json!({"sku": "A", "price": 12,
               "custom_attributes": [{"attribute_code": "color", "value": "blue"}]})
    );
    assert_eq!(product.custom_attributes.unwrap(), vec![CustomAttribute::new("color", "blue")]);
}

#[test]
fn a_product_without_a_string_sku_is_refused() {
    let message = serde_json::from_value::<Product>(json!({"id": 1})).unwrap_err().to_string();
    assert!(message.contains("sku"), "{message}");
    assert!(serde_json::from_value::<Product>(json!({"sku": 5})).is_err());
}

#[test]
fn custom_attributes_of_another_shape_are_kept_whole() {
    let odd = [
        json!([{"attribute_code": "a", "value": "b", "scope": "global"}]),
        json!([{"attribute_code": 7, "value": "b"}]),
        json!([{"attribute_code": "a"}]),
        json!([{"attribute_code": "a", "value": "b"}, "not an entry"]),
        json!({"a": "b"}),
    ];
    for attributes in odd {
        let json = json!({"sku": "A", "name": "n", "custom_attributes": attributes});
        let product = Product::from_value(json.clone()).unwrap();
        assert_eq!(product.custom_attributes, None, "{attributes}");
        assert_eq!(product.name.as_deref(), Some("n"));
        assert_eq!(product.to_value().unwrap(), json, "written back as it came");
    }
}

#[test]
fn product_new_writes_only_the_sku() {
    assert_eq!(Product::new("AB-1").to_value().unwrap(), json!({"sku": "AB-1"}));
    let product = Product::from_value(json!({"sku": "AB-1", "name": "x"})).unwrap();
    assert_eq!(product.name.as_deref(), Some("x"));
}
