//! [`Products`]: read, list, create, update and delete products by SKU.

use accs_transport::{Client, StoreScope};
use serde::Serialize;
use serde_json::Value;
use tracing::debug;

use crate::page::{CatalogItem, Page};
use crate::{CatalogError, Condition, Filter, Product, ProductPage, SearchCriteria};

/// The product endpoints of one Commerce API, through a transport [`Client`].
///
/// Cheap to clone. The store scope is the client's unless [`with_store`](Products::with_store)
/// sets another; on writes it decides which scope is changed (none: the default store view
/// only, `all`: every scope), and the server answers 200 whichever it was.
///
/// SKUs are passed as they are: the transport encodes each as one path segment, so
/// `AB-100/6` is sent as `AB-100%2F6` and `BAH-SB+7` as `BAH-SB%2B7`.
#[derive(Debug, Clone)]
pub struct Products {
    client: Client,
}

#[derive(Serialize)]
struct SaveBody<'a> {
    product: &'a Product,
    #[serde(rename = "saveOptions", skip_serializing_if = "Option::is_none")]
    save_options: Option<bool>,
}

impl Products {
    /// The product API behind `client`, in the client's store scope.
    pub fn new(client: Client) -> Self {
        Products { client }
    }

    /// A copy working in `store`, sharing the client's connections and tokens.
    pub fn with_store(&self, store: StoreScope) -> Self {
        Products { client: self.client.with_store(Some(store)) }
    }

    /// The store scope requests are made in; `None` is the server's default.
    pub fn store(&self) -> Option<&StoreScope> {
        self.client.store()
    }

    /// The transport client, for endpoints this type does not wrap.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The product `sku`, typed.
    ///
    /// A Commerce 404 is [`CatalogError::NotFound`]; an HTML 404 from a gateway, or a route
    /// miss, stays a [`CatalogError::Transport`] error. The SKUs `.` and `..`, which no URL
    /// path can carry, are looked up with a `sku eq` search instead.
    pub async fn get(&self, sku: &str) -> Result<Product, CatalogError> {
        self.get_item(sku).await
    }

    /// The product `sku` as the server sent it; see [`get`](Products::get).
    pub async fn get_raw(&self, sku: &str) -> Result<Value, CatalogError> {
        self.get_item(sku).await
    }

    /// One page of products matching `criteria`.
    ///
    /// To read every matching product, use [`stream`](Products::stream): paging with
    /// `currentPage` while the catalog changes skips or repeats products.
    pub async fn list(&self, criteria: &SearchCriteria) -> Result<ProductPage, CatalogError> {
        Ok(self.list_request(criteria).send().await?)
    }

    /// One page of products matching `criteria`, the whole answer as the server sent it
    /// (`items`, `search_criteria`, `total_count`).
    pub async fn list_raw(&self, criteria: &SearchCriteria) -> Result<Value, CatalogError> {
        Ok(self.list_request(criteria).send_value().await?)
    }

    /// Creates `product` with `POST /V1/products` and `saveOptions: true`; returns the product
    /// as saved. A create is not retried after a timeout: check with [`get`](Products::get)
    /// before sending it again.
    pub async fn create(&self, product: &Product) -> Result<Product, CatalogError> {
        checked_sku(&product.sku)?;
        let body = SaveBody { product, save_options: Some(true) };
        let request = self.client.post(&["products"]).path_template("/V1/products").json(&body);
        Ok(request.send().await?)
    }

    /// Creates or replaces the fields given in `product`, with `PUT /V1/products/{sku}`;
    /// returns the product as saved.
    pub async fn upsert(&self, product: &Product) -> Result<Product, CatalogError> {
        path_sku(&product.sku)?;
        let body = SaveBody { product, save_options: None };
        let request = self.client.put(&["products", &product.sku]);
        Ok(request.path_template("/V1/products/{sku}").json(&body).send().await?)
    }

    /// Deletes the product `sku`. The server answers `true`; anything else is an
    /// [`UnexpectedResponse`](CatalogError::UnexpectedResponse).
    pub async fn delete(&self, sku: &str) -> Result<(), CatalogError> {
        path_sku(sku)?;
        let request = self.client.delete(&["products", sku]).path_template("/V1/products/{sku}");
        match request.send_value().await.map_err(|err| not_found(sku, err))? {
            Value::Bool(true) => Ok(()),
            other => Err(CatalogError::unexpected(format!(
                "deleting {sku:?} answered {} instead of true",
                shape_of(&other)
            ))),
        }
    }

    async fn get_item<T: CatalogItem>(&self, sku: &str) -> Result<T, CatalogError> {
        checked_sku(sku)?;
        if !path_can_carry(sku) {
            debug!(sku, "sku cannot be a path segment; searching with sku eq instead");
            return self.find_by_search(sku).await;
        }
        let request = self.client.get(&["products", sku]).path_template("/V1/products/{sku}");
        request.send().await.map_err(|err| not_found(sku, err))
    }

    async fn find_by_search<T: CatalogItem>(&self, sku: &str) -> Result<T, CatalogError> {
        // `eq` may compare without case or trailing spaces (MySQL collation), so pick the
        // exact match from a small page.
        let criteria = SearchCriteria::new().filter(Filter::new("sku", Condition::Eq, sku)?);
        let page: Page<T> = self.list_request(&criteria).send().await?;
        page.items
            .into_iter()
            .find(|item| item.sku() == Some(sku))
            .ok_or_else(|| CatalogError::NotFound { sku: sku.to_owned() })
    }

    pub(crate) fn list_request(&self, criteria: &SearchCriteria) -> accs_transport::Request {
        self.client
            .get(&["products"])
            .path_template("/V1/products")
            .query_pairs(criteria.to_query_pairs())
    }
}

/// A JSON answer described for an error: booleans, numbers and null as they are, strings,
/// arrays and objects by kind and size only, since a server echoing the request may have put
/// its token there.
fn shape_of(value: &Value) -> String {
    let kind = match value {
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        scalar => return scalar.to_string(),
    };
    format!("a JSON {kind} of {} bytes", value.to_string().len())
}

/// A Commerce 404 on a product path means no such product; a route miss or an HTML page
/// means the request never reached the product, which is not the same answer.
fn not_found(sku: &str, err: accs_transport::Error) -> CatalogError {
    if err.is_not_found() && !err.is_route_miss() {
        CatalogError::NotFound { sku: sku.to_owned() }
    } else {
        CatalogError::Transport(err)
    }
}

fn checked_sku(sku: &str) -> Result<(), CatalogError> {
    if sku.trim().is_empty() {
        return Err(CatalogError::InvalidSku {
            sku: sku.to_owned(),
            reason: "a sku cannot be empty or only whitespace".to_owned(),
        });
    }
    Ok(())
}

/// Whether `sku` survives URL normalisation as a path segment: `.` and `..` do not.
fn path_can_carry(sku: &str) -> bool {
    !matches!(sku, "." | "..")
}

fn path_sku(sku: &str) -> Result<(), CatalogError> {
    checked_sku(sku)?;
    if !path_can_carry(sku) {
        return Err(CatalogError::InvalidSku {
            sku: sku.to_owned(),
            reason: "URL normalisation removes a `.` or `..` path segment, so this product can \
                     only be read (by search), not written by sku"
                .to_owned(),
        });
    }
    Ok(())
}
