//! [`Product`]: typed known fields, everything else kept, so a read-modify-write loses nothing.

use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

use crate::{AttributeValue, CustomAttribute};

/// A catalog product as the REST API sends and takes it.
///
/// Only `sku` is certain; every other known field is `None` when the server left it out. A
/// `None` collection means "not loaded" (list answers may omit `options` or
/// `media_gallery_entries`), which is not the same as `Some(vec![])`, "has none": a sync must not
/// delete what it never saw.
///
/// Lossless: serialising a deserialised product gives JSON equal to what was read. Fields this
/// model does not know, and known fields whose value is `null` or of an unexpected type, are kept
/// in [`extra`](Product::extra) as sent, and written back from there while the typed field is
/// `None`. Numbers keep their form (`10` stays `10`, not `10.0`).
///
/// ```
/// use accs_catalog::Product;
///
/// let json = r#"{"sku":"AB-1","price":10,"qty_note":"new field","weight":null}"#;
/// let product: Product = serde_json::from_str(json).unwrap();
/// assert_eq!(product.price_f64(), Some(10.0));
/// assert_eq!(product.weight, None);
/// let back = serde_json::to_value(&product).unwrap();
/// assert_eq!(back, serde_json::from_str::<serde_json::Value>(json).unwrap());
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Product {
    /// The entity id (`entity_id` in filters and sorts).
    pub id: Option<i64>,
    /// The SKU, the product's key in URLs.
    pub sku: String,
    /// The name in the store scope read.
    pub name: Option<String>,
    /// The attribute set; `4` is Magento's default set.
    pub attribute_set_id: Option<i64>,
    /// The price, exactly as sent. See [`Product::price_f64`].
    pub price: Option<Number>,
    /// `1` enabled, `2` disabled.
    pub status: Option<i64>,
    /// `1` not visible individually, `2` catalog, `3` search, `4` catalog and search.
    pub visibility: Option<i64>,
    /// The product type, such as `simple`, `configurable` or `virtual`.
    pub type_id: Option<String>,
    /// Creation time, `YYYY-MM-DD HH:MM:SS` without a zone, as sent.
    pub created_at: Option<String>,
    /// Last update time, `YYYY-MM-DD HH:MM:SS` without a zone, as sent.
    pub updated_at: Option<String>,
    /// The weight, exactly as sent. See [`Product::weight_f64`].
    pub weight: Option<Number>,
    /// Module data such as `stock_item` and `website_ids`, as sent.
    pub extension_attributes: Option<Map<String, Value>>,
    /// Related, up-sell and cross-sell links, as sent.
    pub product_links: Option<Vec<Value>>,
    /// Custom options, as sent.
    pub options: Option<Vec<Value>>,
    /// Images and videos, as sent.
    pub media_gallery_entries: Option<Vec<Value>>,
    /// Tier prices, as sent.
    pub tier_prices: Option<Vec<Value>>,
    /// EAV attributes (`description`, `category_ids`, ...), values in the shape sent.
    pub custom_attributes: Option<Vec<CustomAttribute>>,
    /// Fields the model does not know, and known ones sent as `null` or with an unexpected type.
    pub extra: Map<String, Value>,
}

impl Product {
    /// A product with only its SKU set.
    pub fn new(sku: impl Into<String>) -> Self {
        Product {
            id: None,
            sku: sku.into(),
            name: None,
            attribute_set_id: None,
            price: None,
            status: None,
            visibility: None,
            type_id: None,
            created_at: None,
            updated_at: None,
            weight: None,
            extension_attributes: None,
            product_links: None,
            options: None,
            media_gallery_entries: None,
            tier_prices: None,
            custom_attributes: None,
            extra: Map::new(),
        }
    }

    /// Reads a product from JSON already parsed, such as an item of
    /// [`Products::list_raw`](crate::Products::list_raw).
    pub fn from_value(value: Value) -> Result<Self, serde_json::Error> {
        Product::deserialize(value)
    }

    /// The product as JSON, as [`Serialize`] writes it.
    pub fn to_value(&self) -> Result<Value, serde_json::Error> {
        serde_json::to_value(self)
    }

    /// The price as a float, for arithmetic; `None` when unknown (never `0`).
    pub fn price_f64(&self) -> Option<f64> {
        self.price.as_ref().and_then(Number::as_f64)
    }

    /// The weight as a float; `None` when unknown.
    pub fn weight_f64(&self) -> Option<f64> {
        self.weight.as_ref().and_then(Number::as_f64)
    }

    /// The value of the custom attribute `code`, if the product carries it.
    pub fn custom_attribute(&self, code: &str) -> Option<&AttributeValue> {
        let attributes = self.custom_attributes.as_deref()?;
        attributes.iter().find(|attribute| attribute.attribute_code == code).map(|a| &a.value)
    }

    /// Sets the custom attribute `code`, replacing its value or adding it.
    pub fn set_custom_attribute(&mut self, code: &str, value: impl Into<AttributeValue>) {
        let value = value.into();
        let attributes = self.custom_attributes.get_or_insert_with(Vec::new);
        match attributes.iter_mut().find(|attribute| attribute.attribute_code == code) {
            Some(attribute) => attribute.value = value,
            None => attributes.push(CustomAttribute::new(code, value)),
        }
    }

    /// Whether the typed field named `name` holds a value, which then wins over `extra`.
    fn typed_field_is_set(&self, name: &str) -> bool {
        match name {
            "id" => self.id.is_some(),
            "sku" => true,
            "name" => self.name.is_some(),
            "attribute_set_id" => self.attribute_set_id.is_some(),
            "price" => self.price.is_some(),
            "status" => self.status.is_some(),
            "visibility" => self.visibility.is_some(),
            "type_id" => self.type_id.is_some(),
            "created_at" => self.created_at.is_some(),
            "updated_at" => self.updated_at.is_some(),
            "weight" => self.weight.is_some(),
            "extension_attributes" => self.extension_attributes.is_some(),
            "product_links" => self.product_links.is_some(),
            "options" => self.options.is_some(),
            "media_gallery_entries" => self.media_gallery_entries.is_some(),
            "tier_prices" => self.tier_prices.is_some(),
            "custom_attributes" => self.custom_attributes.is_some(),
            _ => false,
        }
    }
}

impl Serialize for Product {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        fn entry<M: SerializeMap, T: Serialize>(
            map: &mut M,
            key: &str,
            value: &Option<T>,
        ) -> Result<(), M::Error> {
            match value {
                Some(value) => map.serialize_entry(key, value),
                None => Ok(()),
            }
        }

        let mut map = serializer.serialize_map(None)?;
        entry(&mut map, "id", &self.id)?;
        map.serialize_entry("sku", &self.sku)?;
        entry(&mut map, "name", &self.name)?;
        entry(&mut map, "attribute_set_id", &self.attribute_set_id)?;
        entry(&mut map, "price", &self.price)?;
        entry(&mut map, "status", &self.status)?;
        entry(&mut map, "visibility", &self.visibility)?;
        entry(&mut map, "type_id", &self.type_id)?;
        entry(&mut map, "created_at", &self.created_at)?;
        entry(&mut map, "updated_at", &self.updated_at)?;
        entry(&mut map, "weight", &self.weight)?;
        entry(&mut map, "extension_attributes", &self.extension_attributes)?;
        entry(&mut map, "product_links", &self.product_links)?;
        entry(&mut map, "options", &self.options)?;
        entry(&mut map, "media_gallery_entries", &self.media_gallery_entries)?;
        entry(&mut map, "tier_prices", &self.tier_prices)?;
        entry(&mut map, "custom_attributes", &self.custom_attributes)?;
        for (key, value) in &self.extra {
            if !self.typed_field_is_set(key) {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}
