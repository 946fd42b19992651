//! `accs products get`, `list` and `delete`.

use std::process::ExitCode;

use accs_catalog::{Filter, FilterGroup, Products, SearchCriteria, SortOrder};
use serde_json::json;

use crate::cli::FilterArgs;
use crate::commands::print_json;
use crate::failure::Failure;
use crate::setup::Target;

/// Prints one product as the server sent it.
pub(crate) async fn get(target: &Target, sku: &str) -> Result<ExitCode, Failure> {
    let product = Products::new(target.client.clone()).get_raw(sku).await?;
    print_json(&product)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints one page of products.
pub(crate) async fn list(
    target: &Target,
    filters: &FilterArgs,
    sorts: &[String],
    page_size: u32,
    page: u32,
) -> Result<ExitCode, Failure> {
    let mut criteria = criteria(filters)?.with_page_size(page_size)?.with_current_page(page)?;
    for sort in sorts {
        criteria = criteria.sort(SortOrder::parse_cli(sort)?);
    }
    let page = Products::new(target.client.clone()).list_raw(&criteria).await?;
    print_json(&page)?;
    Ok(ExitCode::SUCCESS)
}

/// Deletes one product.
pub(crate) async fn delete(target: &Target, sku: &str) -> Result<ExitCode, Failure> {
    Products::new(target.client.clone()).delete(sku).await?;
    print_json(&json!({ "deleted": sku }))?;
    Ok(ExitCode::SUCCESS)
}

/// Search criteria with one AND-ed group per `--filter`.
pub(crate) fn criteria(filters: &FilterArgs) -> Result<SearchCriteria, Failure> {
    let mut criteria = SearchCriteria::new();
    for text in &filters.filters {
        criteria = criteria.group(FilterGroup::any_of([Filter::parse_cli(text)?]));
    }
    Ok(criteria)
}
