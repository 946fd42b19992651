//! The Adobe Commerce product API for Adobe Commerce as a Cloud Service (ACCS) and Magento 2:
//! search criteria, a lossless product model, and consistent streams of a whole catalog.
//!
//! - [`SearchCriteria`] builds the `searchCriteria[...]` query of a list request: filter groups
//!   (AND) of [`Filter`]s (OR) with every [`Condition`], sort orders, a page size within the
//!   API's limit of [`MAX_PAGE_SIZE`]. It refuses what the API would misread, such as an `in`
//!   value containing a comma, before anything is sent.
//! - [`Product`] types the known fields and keeps every other one, so a read-modify-write
//!   loses nothing; a missing collection (`None`) is "not loaded", not "empty".
//! - [`Products`] gets, lists, creates, upserts and deletes products by SKU through an
//!   [`accs_transport::Client`], which encodes each SKU as one path segment and retries what
//!   is safe.
//! - [`Products::stream`] reads a whole catalog by keyset paging on `entity_id`, concurrently
//!   over id ranges, yielding each product once in id order while the catalog changes.
//!
//! # Example
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use std::sync::Arc;
//!
//! use accs_auth::{CachedTokenProvider, ImsCredentials, ImsTokenProvider};
//! use accs_catalog::{Condition, Filter, Products, SearchCriteria, SortDirection, StreamOptions};
//! use accs_sandbox::{Sandbox, SandboxConfig};
//! use accs_transport::{Client, Flavor};
//! use futures::TryStreamExt;
//!
//! // A local ACCS fake with 500 generated products; in production the base URL is
//! // `https://<region>.api.commerce.adobe.com/<tenant>` and the IMS URL Adobe's.
//! let sandbox = Sandbox::start(SandboxConfig { products: 500, ..Default::default() }).await?;
//! let credentials = ImsCredentials::new(sandbox.client_id(), sandbox.client_secret())?
//!     .with_token_url(sandbox.ims_token_url())?;
//! let tokens = CachedTokenProvider::new(ImsTokenProvider::builder(credentials).build()?);
//! let client = Client::builder(sandbox.base_url(), Arc::new(tokens))
//!     .flavor(Flavor::Saas)
//!     .build()?;
//! let products = Products::new(client);
//!
//! // One page: simple products, most expensive first.
//! let criteria = SearchCriteria::new()
//!     .filter(Filter::new("type_id", Condition::Eq, "simple")?)
//!     .sort_by("price", SortDirection::Desc)?
//!     .with_page_size(10)?;
//! let page = products.list(&criteria).await?;
//! assert!(page.items.len() <= 10);
//! assert!(page.items.iter().all(|product| product.type_id.as_deref() == Some("simple")));
//!
//! // The whole catalog, each product once, in id order.
//! let all: Vec<_> = products.stream(StreamOptions::new()).try_collect().await?;
//! assert_eq!(all.len(), 500);
//! assert!(all.windows(2).all(|pair| pair[0].id < pair[1].id));
//! # sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```

mod condition;
mod custom_attribute;
mod error;
mod filter;
mod page;
mod product;
mod product_de;
mod products;
mod read_ahead;
mod search_criteria;
mod sort_order;
mod stream;
mod stream_options;

pub use condition::Condition;
pub use custom_attribute::{AttributeValue, CustomAttribute};
pub use error::CatalogError;
pub use filter::{Filter, FilterGroup};
pub use page::ProductPage;
pub use product::Product;
pub use products::Products;
pub use search_criteria::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SearchCriteria};
pub use sort_order::{SortDirection, SortOrder};
pub use stream_options::{DEFAULT_CONCURRENCY, DEFAULT_STREAM_PAGE_SIZE, StreamOptions};
