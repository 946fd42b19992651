//! One page of a product list answer, typed for callers and generic for the crate's walks.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Product;

/// One page of products from [`Products::list`](crate::Products::list).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProductPage {
    /// The products of this page, in the order the server sent them.
    pub items: Vec<Product>,
    /// How many products match the filters in all pages, as the server counted when answering.
    pub total_count: u64,
    /// The criteria as the server understood them; `null` when it echoed none. Its
    /// `page_size` can be missing.
    #[serde(default)]
    pub search_criteria: Value,
}

/// What the crate's own walks read of a list answer; `T` is [`Product`] or raw JSON.
#[derive(Debug, Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
pub(crate) struct Page<T> {
    pub(crate) items: Vec<T>,
    pub(crate) total_count: Option<u64>,
}

/// A list item as the crate handles it: typed, or exactly as sent.
pub(crate) trait CatalogItem: DeserializeOwned + Send + 'static {
    /// The entity id (`id` in the JSON), if it is an integer.
    fn id(&self) -> Option<i64>;

    /// The SKU, if it is a string.
    fn sku(&self) -> Option<&str>;
}

impl CatalogItem for Product {
    fn id(&self) -> Option<i64> {
        self.id
    }

    fn sku(&self) -> Option<&str> {
        Some(&self.sku)
    }
}

impl CatalogItem for Value {
    fn id(&self) -> Option<i64> {
        self.get("id").and_then(Value::as_i64)
    }

    fn sku(&self) -> Option<&str> {
        self.get("sku").and_then(Value::as_str)
    }
}
