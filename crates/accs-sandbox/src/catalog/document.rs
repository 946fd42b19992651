//! The shape of a generated product's JSON, in Magento's field order.
//!
//! Optional fields are left out when they have no value, as Magento does; the few nested
//! fields Magento sends as `null` (`qty`, `low_stock_date`, an image `label`) stay `null`.

use serde::Serialize;

#[derive(Debug, Serialize)]
pub(super) struct ProductDocument<'a> {
    pub(super) id: u64,
    pub(super) sku: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) name: Option<&'a str>,
    pub(super) attribute_set_id: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) price: Option<f64>,
    pub(super) status: u8,
    pub(super) visibility: u8,
    pub(super) type_id: &'static str,
    pub(super) created_at: &'a str,
    pub(super) updated_at: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) weight: Option<f64>,
    pub(super) extension_attributes: ExtensionAttributes,
    pub(super) product_links: Vec<ProductLink>,
    pub(super) options: Vec<CustomOption<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) media_gallery_entries: Option<Vec<MediaEntry<'a>>>,
    pub(super) tier_prices: Vec<TierPrice>,
    pub(super) custom_attributes: Vec<CustomAttribute>,
}

#[derive(Debug, Serialize)]
pub(super) struct ExtensionAttributes {
    pub(super) website_ids: Vec<u32>,
    pub(super) category_links: Vec<CategoryLink>,
    pub(super) stock_item: StockItem,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) configurable_product_options: Option<Vec<serde_json::Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) configurable_product_links: Option<Vec<u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) bundle_product_options: Option<Vec<serde_json::Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) downloadable_product_links: Option<Vec<serde_json::Value>>,
}

#[derive(Debug, Serialize)]
pub(super) struct CategoryLink {
    pub(super) position: u32,
    pub(super) category_id: String,
}

#[derive(Debug, Serialize)]
pub(super) struct StockItem {
    pub(super) item_id: u64,
    pub(super) product_id: u64,
    pub(super) stock_id: u32,
    pub(super) qty: Option<u32>,
    pub(super) is_in_stock: bool,
    pub(super) is_qty_decimal: bool,
    pub(super) use_config_min_qty: bool,
    pub(super) min_qty: u32,
    pub(super) min_sale_qty: u32,
    pub(super) max_sale_qty: u32,
    pub(super) use_config_backorders: bool,
    pub(super) backorders: u32,
    pub(super) manage_stock: bool,
    pub(super) low_stock_date: Option<String>,
    pub(super) stock_status_changed_auto: u32,
}

#[derive(Debug, Serialize)]
pub(super) struct ProductLink {
    pub(super) sku: String,
    pub(super) link_type: &'static str,
    pub(super) linked_product_sku: String,
    pub(super) linked_product_type: &'static str,
    pub(super) position: u32,
}

#[derive(Debug, Serialize)]
pub(super) struct CustomOption<'a> {
    pub(super) product_sku: &'a str,
    pub(super) option_id: u64,
    pub(super) title: &'static str,
    #[serde(rename = "type")]
    pub(super) kind: &'static str,
    pub(super) sort_order: u32,
    pub(super) is_require: bool,
    pub(super) price: f64,
    pub(super) price_type: &'static str,
    pub(super) max_characters: u32,
}

#[derive(Debug, Serialize)]
pub(super) struct MediaEntry<'a> {
    pub(super) id: u64,
    pub(super) media_type: &'static str,
    pub(super) label: Option<&'a str>,
    pub(super) position: u32,
    pub(super) disabled: bool,
    pub(super) types: Vec<&'static str>,
    pub(super) file: String,
}

#[derive(Debug, Serialize)]
pub(super) struct TierPrice {
    pub(super) customer_group_id: u32,
    pub(super) qty: f64,
    pub(super) value: f64,
    pub(super) extension_attributes: TierPriceExtension,
}

#[derive(Debug, Serialize)]
pub(super) struct TierPriceExtension {
    pub(super) website_id: u32,
}

#[derive(Debug, Serialize)]
pub(super) struct CustomAttribute {
    pub(super) attribute_code: &'static str,
    pub(super) value: AttributeValue,
}

/// A custom attribute's value: text, or a list of texts such as `category_ids`.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(super) enum AttributeValue {
    Text(String),
    List(Vec<String>),
}
