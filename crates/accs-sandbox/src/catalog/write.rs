//! Creating and updating products from `POST` and `PUT` bodies, with Magento's validation.

use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use super::fields::parse_number;
use super::{Catalog, Product, sku_key};
use crate::responses::ApiError;

/// The longest SKU Magento stores.
const MAX_SKU_CHARS: usize = 64;

/// Top-level fields in the order Magento answers them; other fields follow in the order given.
const FIELD_ORDER: &[&str] = &[
    "id",
    "sku",
    "name",
    "attribute_set_id",
    "price",
    "status",
    "visibility",
    "type_id",
    "created_at",
    "updated_at",
    "weight",
    "extension_attributes",
    "product_links",
    "options",
    "media_gallery_entries",
    "tier_prices",
    "custom_attributes",
];

/// The `product` object of a `POST /V1/products` or `PUT /V1/products/{sku}` body.
#[derive(Debug, Clone)]
pub(crate) struct ProductInput {
    fields: Map<String, Value>,
}

impl ProductInput {
    /// Parses `{"product": {...}, "saveOptions": ...}`.
    pub(crate) fn parse(body: &[u8]) -> Result<Self, ApiError> {
        let body: Value = serde_json::from_slice(body).map_err(|_| ApiError::malformed_body())?;
        match body.get("product") {
            None | Some(Value::Null) => Err(ApiError::required("product")),
            Some(Value::Object(fields)) => Ok(Self { fields: fields.clone() }),
            Some(other) => Err(ApiError::invalid_type(
                &other.to_string(),
                "\\Magento\\Catalog\\Api\\Data\\ProductInterface",
            )),
        }
    }

    /// The SKU in the body, if any.
    pub(crate) fn sku(&self) -> Option<&str> {
        self.fields.get("sku").and_then(Value::as_str)
    }
}

impl Catalog {
    /// Creates the product with this SKU, or updates it if it exists, and returns it as saved.
    /// `now` is the `updated_at` (and, for a new product, `created_at`) to record.
    pub(crate) fn save(
        &mut self,
        sku: &str,
        mut input: ProductInput,
        now: &str,
    ) -> Result<&Product, ApiError> {
        validate_sku(sku)?;
        normalise_price(&mut input.fields)?;
        validate_custom_attributes(&input.fields)?;

        let existing = self.by_sku.get(&sku_key(sku)).and_then(|id| self.position(*id));
        let (id, mut merged) = match existing {
            Some(position) => {
                let product = &self.products[position];
                (product.id, into_object(product.to_value()))
            }
            None => {
                require_new_product_fields(&input.fields)?;
                let id = self.next_id;
                (id, new_product_defaults(id, now))
            }
        };

        apply(&mut merged, input.fields);
        merged.insert("sku".to_owned(), Value::String(sku.to_owned()));
        merged.insert("updated_at".to_owned(), Value::String(now.to_owned()));
        let product = Product::from_value(id, sku, &Value::Object(in_magento_order(merged)));

        let position = match existing {
            Some(position) => {
                self.products[position] = product;
                position
            }
            None => {
                self.take_id();
                self.push(product);
                self.products.len() - 1
            }
        };
        Ok(&self.products[position])
    }
}

fn validate_sku(sku: &str) -> Result<(), ApiError> {
    if sku.trim().is_empty() {
        return Err(ApiError::input_errors(vec![ApiError::required_field_entry("sku")]));
    }
    if sku.chars().count() > MAX_SKU_CHARS {
        return Err(ApiError::with_parameters(
            StatusCode::BAD_REQUEST,
            "The sku attribute can't be longer than %1 characters.",
            json!([MAX_SKU_CHARS]),
        ));
    }
    Ok(())
}

/// Accepts a price as a number or numeric text (stored as a number); refuses other types and
/// negative prices.
fn normalise_price(fields: &mut Map<String, Value>) -> Result<(), ApiError> {
    let price = match fields.get("price") {
        None | Some(Value::Null) => return Ok(()),
        Some(Value::Number(number)) => number.as_f64(),
        Some(Value::String(text)) => parse_number(text),
        Some(_) => None,
    };
    let Some(price) = price else {
        let shown = fields.get("price").map_or_else(String::new, |value| match value {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        });
        return Err(ApiError::invalid_type(&shown, "float"));
    };
    if price < 0.0 {
        return Err(ApiError::with_parameters(
            StatusCode::BAD_REQUEST,
            "The \"%fieldName\" value can't be negative. Enter a number 0 or greater and try again.",
            json!({ "fieldName": "price" }),
        ));
    }
    if let (Some(Value::String(_)), Some(number)) =
        (fields.get("price"), serde_json::Number::from_f64(price))
    {
        fields.insert("price".to_owned(), Value::Number(number));
    }
    Ok(())
}

fn validate_custom_attributes(fields: &Map<String, Value>) -> Result<(), ApiError> {
    let Some(attributes) = fields.get("custom_attributes") else {
        return Ok(());
    };
    let Some(attributes) = attributes.as_array() else {
        return Err(ApiError::invalid_type(&attributes.to_string(), "custom_attributes[]"));
    };
    let has_code =
        |attribute: &Value| attribute.get("attribute_code").is_some_and(Value::is_string);
    if !attributes.iter().all(has_code) {
        return Err(ApiError::required("attribute_code"));
    }
    Ok(())
}

fn require_new_product_fields(fields: &Map<String, Value>) -> Result<(), ApiError> {
    let missing = |name: &str| match fields.get(name) {
        None | Some(Value::Null) => true,
        Some(Value::String(text)) => text.trim().is_empty(),
        Some(_) => false,
    };
    let errors: Vec<Value> = ["name", "price"]
        .into_iter()
        .filter(|name| missing(name))
        .map(ApiError::required_field_entry)
        .collect();
    if errors.is_empty() { Ok(()) } else { Err(ApiError::input_errors(errors)) }
}

/// What Magento fills in for a product created with only the required fields.
fn new_product_defaults(id: u64, now: &str) -> Map<String, Value> {
    let defaults = json!({
        "id": id,
        "attribute_set_id": 4,
        "status": 1,
        "visibility": 4,
        "type_id": "simple",
        "created_at": now,
        "extension_attributes": { "website_ids": [1] },
        "product_links": [],
        "options": [],
        "media_gallery_entries": [],
        "tier_prices": [],
        "custom_attributes": [],
    });
    into_object(defaults)
}

/// The fields of a JSON object; stored products and literals here always are objects.
fn into_object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(fields) => fields,
        _ => Map::new(),
    }
}

/// Replaces top-level fields, merges custom attributes by code; `null` removes a field. The id
/// and creation time stay the server's.
fn apply(product: &mut Map<String, Value>, input: Map<String, Value>) {
    for (key, value) in input {
        match (key.as_str(), value) {
            ("id" | "created_at" | "updated_at", _) => {}
            (_, Value::Null) => {
                product.remove(&key);
            }
            ("custom_attributes", Value::Array(incoming)) => {
                let current = product.entry("custom_attributes").or_insert_with(|| json!([]));
                merge_custom_attributes(current, incoming);
            }
            (_, value) => {
                product.insert(key, value);
            }
        }
    }
}

fn merge_custom_attributes(current: &mut Value, incoming: Vec<Value>) {
    if !current.is_array() {
        *current = json!([]);
    }
    let Value::Array(current) = current else { return };
    for attribute in incoming {
        let code = attribute.get("attribute_code").cloned();
        let same_code =
            current.iter_mut().find(|existing| existing.get("attribute_code") == code.as_ref());
        match same_code {
            Some(existing) => *existing = attribute,
            None => current.push(attribute),
        }
    }
}

fn in_magento_order(mut fields: Map<String, Value>) -> Map<String, Value> {
    let mut ordered = Map::with_capacity(fields.len());
    for key in FIELD_ORDER {
        if let Some(value) = fields.shift_remove(*key) {
            ordered.insert((*key).to_owned(), value);
        }
    }
    ordered.extend(fields);
    ordered
}
