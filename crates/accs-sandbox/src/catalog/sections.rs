//! The nested parts of a generated product: stock, links, options, images, prices, attributes.

use rand::Rng;
use serde_json::json;

use super::document::*;
use super::generate::generated_sku;
use super::product_rng::ProductRng;
use super::words::FEATURES;

pub(super) fn extension_attributes(
    rng: &mut ProductRng,
    id: u64,
    type_id: &str,
    categories: &[String],
) -> ExtensionAttributes {
    let qty = (!rng.gen_ratio(8, 100)).then(|| rng.gen_range(0..500));
    let stock_item = StockItem {
        item_id: id,
        product_id: id,
        stock_id: 1,
        qty,
        is_in_stock: qty != Some(0),
        is_qty_decimal: false,
        use_config_min_qty: true,
        min_qty: 0,
        min_sale_qty: 1,
        max_sale_qty: 10_000,
        use_config_backorders: true,
        backorders: 0,
        manage_stock: type_id != "virtual",
        low_stock_date: None,
        stock_status_changed_auto: 0,
    };
    let category_links = categories
        .iter()
        .enumerate()
        .map(|(position, category_id)| CategoryLink {
            position: position as u32,
            category_id: category_id.clone(),
        })
        .collect();
    let mut attributes = ExtensionAttributes {
        website_ids: if rng.gen_ratio(1, 5) { vec![1, 2] } else { vec![1] },
        category_links,
        stock_item,
        configurable_product_options: None,
        configurable_product_links: None,
        bundle_product_options: None,
        downloadable_product_links: None,
    };
    match type_id {
        "configurable" => {
            attributes.configurable_product_options = Some(vec![json!({
                "id": id,
                "attribute_id": "93",
                "label": "Color",
                "position": 0,
                "values": [{"value_index": 49}, {"value_index": 50}],
                "product_id": id,
            })]);
            attributes.configurable_product_links = Some(vec![id + 100_000, id + 100_001]);
        }
        "bundle" => {
            attributes.bundle_product_options = Some(vec![json!({
                "option_id": id,
                "title": "Pick one",
                "required": true,
                "type": "select",
                "position": 1,
                "product_links": [],
            })]);
        }
        "downloadable" => {
            attributes.downloadable_product_links = Some(vec![json!({
                "id": id,
                "title": "Download",
                "sort_order": 1,
                "is_shareable": 0,
                "price": 0,
                "number_of_downloads": 0,
                "link_type": "url",
                "link_url": format!("https://downloads.example.com/{id}.zip"),
            })]);
        }
        _ => {}
    }
    attributes
}

pub(super) fn product_links(
    rng: &mut ProductRng,
    seed: u64,
    id: u64,
    sku: &str,
) -> Vec<ProductLink> {
    if id < 2 || !rng.gen_ratio(1, 10) {
        return Vec::new();
    }
    vec![ProductLink {
        sku: sku.to_owned(),
        link_type: "related",
        linked_product_sku: generated_sku(seed, id - 1),
        linked_product_type: "simple",
        position: 0,
    }]
}

pub(super) fn custom_options<'a>(
    rng: &mut ProductRng,
    id: u64,
    sku: &'a str,
) -> Vec<CustomOption<'a>> {
    if !rng.gen_ratio(3, 100) {
        return Vec::new();
    }
    vec![CustomOption {
        product_sku: sku,
        option_id: id,
        title: "Engraving",
        kind: "field",
        sort_order: 1,
        is_require: false,
        price: 5.0,
        price_type: "fixed",
        max_characters: 20,
    }]
}

/// Images for some products, an empty gallery for others, and for a few no gallery field at
/// all (Magento leaves collections out when it did not load them).
pub(super) fn media_gallery<'a>(
    rng: &mut ProductRng,
    id: u64,
    sku: &str,
    name: Option<&'a str>,
) -> Option<Vec<MediaEntry<'a>>> {
    let roll = rng.gen_range(0..100);
    if roll < 10 {
        return None;
    }
    if roll < 45 {
        return Some(Vec::new());
    }
    let stem: String = sku
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
        .collect();
    let first = stem.chars().next().unwrap_or('x');
    let second = stem.chars().nth(1).unwrap_or('x');
    let count = rng.gen_range(1..=3);
    let entries = (0..count)
        .map(|index| MediaEntry {
            id: id * 4 + index,
            media_type: "image",
            label: if index == 0 { name } else { None },
            position: index as u32 + 1,
            disabled: false,
            types: if index == 0 { vec!["image", "small_image", "thumbnail"] } else { Vec::new() },
            file: format!("/{first}/{second}/{stem}_{index}.jpg"),
        })
        .collect();
    Some(entries)
}

pub(super) fn tier_prices(rng: &mut ProductRng, price: Option<f64>) -> Vec<TierPrice> {
    match price {
        Some(price) if rng.gen_ratio(1, 10) => vec![TierPrice {
            customer_group_id: 32_000,
            qty: 5.0,
            value: (price * 90.0).round() / 100.0,
            extension_attributes: TierPriceExtension { website_id: 0 },
        }],
        _ => Vec::new(),
    }
}

pub(super) fn custom_attributes(
    rng: &mut ProductRng,
    id: u64,
    name: Option<&str>,
    price: Option<f64>,
    categories: Vec<String>,
) -> Vec<CustomAttribute> {
    let text = |code, value: String| CustomAttribute {
        attribute_code: code,
        value: AttributeValue::Text(value),
    };
    let first = FEATURES[rng.gen_range(0..FEATURES.len())];
    let second = FEATURES[rng.gen_range(0..FEATURES.len())];
    let title = name.unwrap_or("Untitled product");
    let description = format!(
        "<p>{}</p><ul><li>{first}</li><li>{second}</li></ul>",
        title.replace('&', "&amp;").replace('<', "&lt;")
    );
    let mut attributes = vec![
        text("description", description),
        text("url_key", url_key(name, id)),
        CustomAttribute { attribute_code: "category_ids", value: AttributeValue::List(categories) },
        text("options_container", "container2".to_owned()),
        text("required_options", "0".to_owned()),
        text("has_options", "0".to_owned()),
        text("tax_class_id", "2".to_owned()),
    ];
    if let Some(price) = price.filter(|_| rng.gen_ratio(12, 100)) {
        let special = (price * 80.0).round() / 100.0;
        attributes.push(text("special_price", format!("{special:.4}")));
    }
    if rng.gen_ratio(1, 3) {
        attributes.push(text("color", rng.gen_range(49..60u32).to_string()));
    }
    if rng.gen_ratio(1, 4) {
        attributes.push(text("size", rng.gen_range(166..172u32).to_string()));
    }
    attributes
}

/// A URL key like Magento derives from the name: lowercase ASCII words joined by `-`, then the
/// id so that keys stay unique.
fn url_key(name: Option<&str>, id: u64) -> String {
    let mut key = String::new();
    for word in name.unwrap_or("").split(|c: char| !c.is_ascii_alphanumeric()) {
        if !word.is_empty() {
            key.push_str(&word.to_ascii_lowercase());
            key.push('-');
        }
    }
    if key.is_empty() {
        key.push_str("product-");
    }
    key.push_str(&id.to_string());
    key
}
