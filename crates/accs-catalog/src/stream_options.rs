//! [`StreamOptions`]: what a catalog stream reads, in pages of which size, how many at once.

use crate::search_criteria::checked_page_size;
use crate::{CatalogError, Filter, FilterGroup, MAX_PAGE_SIZE, SearchCriteria};

/// The page size of a stream that sets none: the API's maximum, fewest requests.
pub const DEFAULT_STREAM_PAGE_SIZE: u32 = MAX_PAGE_SIZE;

/// The number of requests a stream keeps in flight when none is set.
pub const DEFAULT_CONCURRENCY: usize = 4;

/// What [`Products::stream`](crate::Products::stream) reads and how.
#[derive(Debug, Clone)]
pub struct StreamOptions {
    pub(crate) groups: Vec<FilterGroup>,
    pub(crate) page_size: u32,
    pub(crate) concurrency: usize,
}

impl Default for StreamOptions {
    fn default() -> Self {
        StreamOptions::new()
    }
}

impl StreamOptions {
    /// Every product, pages of [`DEFAULT_STREAM_PAGE_SIZE`], [`DEFAULT_CONCURRENCY`] requests
    /// in flight.
    pub fn new() -> Self {
        StreamOptions {
            groups: Vec::new(),
            page_size: DEFAULT_STREAM_PAGE_SIZE,
            concurrency: DEFAULT_CONCURRENCY,
        }
    }

    /// Streams only products matching the filter groups of `criteria`. Its sort orders and
    /// paging are ignored: a stream always walks `entity_id` upwards. Defaults to no filter.
    pub fn criteria(mut self, criteria: &SearchCriteria) -> Self {
        self.groups.extend(criteria.filter_groups().iter().cloned());
        self
    }

    /// Streams only products matching `filter` too (AND).
    pub fn filter(mut self, filter: Filter) -> Self {
        self.groups.push(FilterGroup::any_of([filter]));
        self
    }

    /// Products per request, `1..=`[`MAX_PAGE_SIZE`]. Defaults to
    /// [`DEFAULT_STREAM_PAGE_SIZE`].
    pub fn page_size(mut self, page_size: u32) -> Result<Self, CatalogError> {
        self.page_size = checked_page_size(page_size)?;
        Ok(self)
    }

    /// How many requests may be in flight. `1` reads page after page with no extra request;
    /// more first asks for the highest id, then fetches id ranges side by side. `0` counts as
    /// `1`. Defaults to [`DEFAULT_CONCURRENCY`].
    pub fn concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency.max(1);
        self
    }
}
