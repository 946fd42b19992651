//! [`SearchCriteria`]: which products a list request asks for, in which order, which page.

use crate::{CatalogError, Filter, FilterGroup, SortDirection, SortOrder};

/// The largest page size the API serves: stores with input limits refuse more
/// (`Maximum SearchCriteria pageSize is 300`).
pub const MAX_PAGE_SIZE: u32 = 300;

/// The page size of a [`SearchCriteria`] that sets none: Magento's admin grid default.
pub const DEFAULT_PAGE_SIZE: u32 = 20;

/// What a product list request asks for: filters, sort orders and one page.
///
/// Filter groups are AND-ed, the filters inside a group OR-ed. Every rendered criteria carries a
/// page size (defaults to [`DEFAULT_PAGE_SIZE`]) and a current page (defaults to 1), since the
/// API refuses a list request without `searchCriteria`.
///
/// ```
/// use accs_catalog::{Condition, Filter, FilterGroup, SearchCriteria, SortDirection};
///
/// # fn main() -> Result<(), accs_catalog::CatalogError> {
/// // (type is simple OR type is virtual) AND price >= 10, cheapest first.
/// let criteria = SearchCriteria::new()
///     .group(FilterGroup::any_of([
///         Filter::new("type_id", Condition::Eq, "simple")?,
///         Filter::new("type_id", Condition::Eq, "virtual")?,
///     ]))
///     .filter(Filter::new("price", Condition::Gteq, "10")?)
///     .sort_by("price", SortDirection::Asc)?
///     .with_page_size(100)?;
/// let pairs = criteria.to_query_pairs();
/// assert!(pairs.contains(&(
///     "searchCriteria[filter_groups][1][filters][0][condition_type]".into(),
///     "gteq".into()
/// )));
/// assert!(pairs.contains(&("searchCriteria[pageSize]".into(), "100".into())));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchCriteria {
    filter_groups: Vec<FilterGroup>,
    sort_orders: Vec<SortOrder>,
    page_size: u32,
    current_page: u32,
}

impl Default for SearchCriteria {
    fn default() -> Self {
        SearchCriteria::new()
    }
}

impl SearchCriteria {
    /// Every product, unsorted, page 1 of [`DEFAULT_PAGE_SIZE`].
    pub fn new() -> Self {
        SearchCriteria {
            filter_groups: Vec::new(),
            sort_orders: Vec::new(),
            page_size: DEFAULT_PAGE_SIZE,
            current_page: 1,
        }
    }

    /// AND-s `filter` with what is there, as a group of its own.
    pub fn filter(self, filter: Filter) -> Self {
        self.group(FilterGroup::any_of([filter]))
    }

    /// AND-s `group` (its filters OR-ed) with what is there. An empty group is ignored.
    pub fn group(mut self, group: FilterGroup) -> Self {
        if !group.filters().is_empty() {
            self.filter_groups.push(group);
        }
        self
    }

    /// Adds sorting by `field` after any sort orders already there. Refused: an empty field.
    pub fn sort_by(
        self,
        field: impl Into<String>,
        direction: SortDirection,
    ) -> Result<Self, CatalogError> {
        Ok(self.sort(SortOrder::new(field, direction)?))
    }

    /// Adds `order` after any sort orders already there.
    pub fn sort(mut self, order: SortOrder) -> Self {
        self.sort_orders.push(order);
        self
    }

    /// Sets how many products a page holds. Refused outside `1..=`[`MAX_PAGE_SIZE`].
    ///
    /// Defaults to [`DEFAULT_PAGE_SIZE`].
    pub fn with_page_size(mut self, page_size: u32) -> Result<Self, CatalogError> {
        self.page_size = checked_page_size(page_size)?;
        Ok(self)
    }

    /// Sets which page to fetch, counting from 1. Refused: 0.
    ///
    /// Defaults to 1. A page past the end may bring the last page again: page by
    /// `total_count`, or better, use [`Products::stream`](crate::Products::stream).
    pub fn with_current_page(mut self, current_page: u32) -> Result<Self, CatalogError> {
        if current_page == 0 {
            return Err(CatalogError::criteria("current page counts from 1, got 0"));
        }
        self.current_page = current_page;
        Ok(self)
    }

    /// The filter groups, AND-ed.
    pub fn filter_groups(&self) -> &[FilterGroup] {
        &self.filter_groups
    }

    /// The sort orders, applied in turn.
    pub fn sort_orders(&self) -> &[SortOrder] {
        &self.sort_orders
    }

    /// The page size.
    pub fn page_size(&self) -> u32 {
        self.page_size
    }

    /// The current page, counting from 1.
    pub fn current_page(&self) -> u32 {
        self.current_page
    }

    /// The query parameters of this criteria, not yet percent-encoded, such as
    /// `("searchCriteria[filter_groups][0][filters][0][value]", "%adapter%")`.
    ///
    /// Always ends with `searchCriteria[pageSize]` and `searchCriteria[currentPage]`.
    pub fn to_query_pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        for (g, group) in self.filter_groups.iter().enumerate() {
            for (f, filter) in group.filters().iter().enumerate() {
                let key = |part: &str| {
                    format!("searchCriteria[filter_groups][{g}][filters][{f}][{part}]")
                };
                pairs.push((key("field"), filter.field().to_owned()));
                pairs.push((key("value"), filter.wire_value().to_owned()));
                pairs.push((key("condition_type"), filter.condition().as_str().to_owned()));
            }
        }
        for (n, order) in self.sort_orders.iter().enumerate() {
            pairs.push((
                format!("searchCriteria[sortOrders][{n}][field]"),
                order.field().to_owned(),
            ));
            pairs.push((
                format!("searchCriteria[sortOrders][{n}][direction]"),
                order.direction().as_str().to_owned(),
            ));
        }
        pairs.push(("searchCriteria[pageSize]".to_owned(), self.page_size.to_string()));
        pairs.push(("searchCriteria[currentPage]".to_owned(), self.current_page.to_string()));
        pairs
    }
}

/// `page_size` if the API serves it.
pub(crate) fn checked_page_size(page_size: u32) -> Result<u32, CatalogError> {
    if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
        return Err(CatalogError::criteria(format!(
            "page size must be between 1 and {MAX_PAGE_SIZE} (the API's maximum), got {page_size}"
        )));
    }
    Ok(page_size)
}
