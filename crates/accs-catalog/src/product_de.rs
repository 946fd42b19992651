//! Reading a [`Product`] in one pass over the JSON object.
//!
//! Hand-written rather than `#[serde(flatten)]`, which buffers the whole object before
//! splitting it: here known keys are matched without allocating, values go straight to their
//! field, and only what does not fit lands in `extra`.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use crate::{CustomAttribute, Product};

/// A key of the product object: a known field or any other name.
enum Key {
    Id,
    Sku,
    Name,
    AttributeSetId,
    Price,
    Status,
    Visibility,
    TypeId,
    CreatedAt,
    UpdatedAt,
    Weight,
    ExtensionAttributes,
    ProductLinks,
    Options,
    MediaGalleryEntries,
    TierPrices,
    CustomAttributes,
    Other(String),
}

impl Key {
    fn known(name: &str) -> Option<Key> {
        Some(match name {
            "id" => Key::Id,
            "sku" => Key::Sku,
            "name" => Key::Name,
            "attribute_set_id" => Key::AttributeSetId,
            "price" => Key::Price,
            "status" => Key::Status,
            "visibility" => Key::Visibility,
            "type_id" => Key::TypeId,
            "created_at" => Key::CreatedAt,
            "updated_at" => Key::UpdatedAt,
            "weight" => Key::Weight,
            "extension_attributes" => Key::ExtensionAttributes,
            "product_links" => Key::ProductLinks,
            "options" => Key::Options,
            "media_gallery_entries" => Key::MediaGalleryEntries,
            "tier_prices" => Key::TierPrices,
            "custom_attributes" => Key::CustomAttributes,
            _ => return None,
        })
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a product field name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
        Ok(Key::known(name).unwrap_or_else(|| Key::Other(name.to_owned())))
    }

    fn visit_string<E: de::Error>(self, name: String) -> Result<Key, E> {
        Ok(Key::known(&name).unwrap_or(Key::Other(name)))
    }
}

impl<'de> Deserialize<'de> for Product {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ProductVisitor)
    }
}

struct ProductVisitor;

impl<'de> Visitor<'de> for ProductVisitor {
    type Value = Product;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a product object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Product, A::Error> {
        let mut product = Product::new(String::new());
        let mut sku = None;
        while let Some(key) = map.next_key::<Key>()? {
            // Each arm reads the value as JSON first: for scalars that costs nothing extra, and a
            // value of an unexpected type is then kept in `extra` instead of failing the product.
            let p = &mut product;
            match key {
                Key::Sku => match map.next_value::<Value>()? {
                    Value::String(text) => sku = Some(text),
                    other => {
                        return Err(de::Error::invalid_type(unexpected(&other), &"a string sku"));
                    }
                },
                Key::Id => p.id = integer(&mut p.extra, "id", map.next_value()?),
                Key::Name => p.name = text(&mut p.extra, "name", map.next_value()?),
                Key::AttributeSetId => {
                    p.attribute_set_id =
                        integer(&mut p.extra, "attribute_set_id", map.next_value()?)
                }
                Key::Price => p.price = number(&mut p.extra, "price", map.next_value()?),
                Key::Status => p.status = integer(&mut p.extra, "status", map.next_value()?),
                Key::Visibility => {
                    p.visibility = integer(&mut p.extra, "visibility", map.next_value()?)
                }
                Key::TypeId => p.type_id = text(&mut p.extra, "type_id", map.next_value()?),
                Key::CreatedAt => {
                    p.created_at = text(&mut p.extra, "created_at", map.next_value()?)
                }
                Key::UpdatedAt => {
                    p.updated_at = text(&mut p.extra, "updated_at", map.next_value()?)
                }
                Key::Weight => p.weight = number(&mut p.extra, "weight", map.next_value()?),
                Key::ExtensionAttributes => {
                    p.extension_attributes = match map.next_value()? {
                        Value::Object(fields) => Some(fields),
                        other => keep(&mut p.extra, "extension_attributes", other),
                    }
                }
                Key::ProductLinks => {
                    p.product_links = list(&mut p.extra, "product_links", map.next_value()?)
                }
                Key::Options => p.options = list(&mut p.extra, "options", map.next_value()?),
                Key::MediaGalleryEntries => {
                    p.media_gallery_entries =
                        list(&mut p.extra, "media_gallery_entries", map.next_value()?)
                }
                Key::TierPrices => {
                    p.tier_prices = list(&mut p.extra, "tier_prices", map.next_value()?)
                }
                Key::CustomAttributes => {
                    // An entry of another shape keeps the whole list as it came, instead of
                    // failing the product (and with it a page or a stream).
                    let value: Value = map.next_value()?;
                    p.custom_attributes = match Vec::<CustomAttribute>::deserialize(&value) {
                        Ok(attributes) => Some(attributes),
                        Err(_) => keep(&mut p.extra, "custom_attributes", value),
                    };
                }
                Key::Other(name) => {
                    let value = map.next_value()?;
                    p.extra.insert(name, value);
                }
            }
        }
        product.sku = sku.ok_or_else(|| de::Error::missing_field("sku"))?;
        Ok(product)
    }
}

type Extra = serde_json::Map<String, Value>;

/// Keeps a value the typed field cannot hold, so it is written back as it came.
fn keep<T>(extra: &mut Extra, name: &str, value: Value) -> Option<T> {
    extra.insert(name.to_owned(), value);
    None
}

fn integer(extra: &mut Extra, name: &str, value: Value) -> Option<i64> {
    match value.as_i64() {
        Some(integer) => Some(integer),
        None => keep(extra, name, value),
    }
}

fn number(extra: &mut Extra, name: &str, value: Value) -> Option<serde_json::Number> {
    match value {
        Value::Number(number) => Some(number),
        other => keep(extra, name, other),
    }
}

fn text(extra: &mut Extra, name: &str, value: Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text),
        other => keep(extra, name, other),
    }
}

fn list(extra: &mut Extra, name: &str, value: Value) -> Option<Vec<Value>> {
    match value {
        Value::Array(items) => Some(items),
        other => keep(extra, name, other),
    }
}

fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(flag) => de::Unexpected::Bool(*flag),
        Value::Number(_) => de::Unexpected::Other("a number"),
        Value::String(text) => de::Unexpected::Str(text),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}
