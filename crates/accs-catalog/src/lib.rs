//! The Adobe Commerce product API.

mod custom_attribute;
mod error;
mod filter;
mod product;
mod product_de;
mod search_criteria;

pub use custom_attribute::{AttributeValue, CustomAttribute};
pub use error::CatalogError;
pub use filter::{Condition, Filter, FilterGroup};
pub use product::Product;
pub use search_criteria::{
    DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SearchCriteria, SortDirection, SortOrder,
};
