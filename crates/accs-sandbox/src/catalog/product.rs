//! One stored product: its JSON rendered once, and the fields queries read.

use bytes::Bytes;
use serde_json::Value;

use super::fields::{CoreFields, FieldRef, FieldValue, read_field};

/// A product as the catalog keeps it. `json` is exactly what list and get answers carry.
#[derive(Debug, Clone)]
pub(crate) struct Product {
    pub(crate) id: u64,
    pub(crate) sku: Box<str>,
    pub(crate) json: Bytes,
    pub(crate) core: CoreFields,
}

impl Product {
    /// Renders a product JSON object whose `id` and `sku` are `id` and `sku`.
    pub(crate) fn from_value(id: u64, sku: &str, value: &Value) -> Self {
        let json = serde_json::to_vec(value).expect("a serde_json::Value always serialises");
        Self { id, sku: sku.into(), json: Bytes::from(json), core: CoreFields::from_json(value) }
    }

    /// The product's JSON, parsed again.
    pub(crate) fn to_value(&self) -> Value {
        serde_json::from_slice(&self.json).expect("the catalog only stores JSON it rendered itself")
    }

    /// The value of `field`; `json` must be the parsed JSON when the field is slow.
    pub(crate) fn field<'a>(&'a self, field: &FieldRef, json: Option<&'a Value>) -> FieldValue<'a> {
        read_field(field, self.id, &self.sku, &self.core, json)
    }
}
