//! The whole catalog, or a filtered part, as a stream: keyset paging on `entity_id`, optionally
//! over id ranges fetched concurrently, always yielded in id order.

use std::marker::PhantomData;

use futures::stream::{self, Stream, StreamExt, TryStreamExt};
use serde_json::Value;
use tracing::{debug, warn};

use crate::page::{CatalogItem, Page};
use crate::read_ahead::read_ahead;
use crate::{
    CatalogError, Condition, Filter, FilterGroup, Product, Products, SearchCriteria, SortDirection,
    StreamOptions,
};

/// A range aims at this many pages of products, a little under two so that at even density it
/// takes two requests, the second short.
const RANGE_TARGET_PAGES: f64 = 1.8;

/// A range fetches at most this many pages ahead; a denser range reads the rest when its turn
/// comes. With the concurrency this bounds memory: `concurrency * 4` pages.
const RANGE_PAGES_AHEAD: usize = 4;

impl Products {
    /// Every product matching `options`, each once, in ascending id order.
    ///
    /// Pages are read by keyset (`entity_id gt <last id>`, sorted by `entity_id` ascending),
    /// never by page number, so a product that exists for the whole run is yielded exactly once
    /// even while others are inserted or deleted, and a server that repeats its last page
    /// cannot cause a loop. Products inserted during the run may or may not appear.
    ///
    /// An error (after the transport's retries) is yielded and ends the stream. Products in
    /// the list answer carry what the list endpoint loads: collections it leaves out are `None`.
    pub fn stream(
        &self,
        options: StreamOptions,
    ) -> impl Stream<Item = Result<Product, CatalogError>> + Send + 'static {
        walk_catalog::<Product>(self.clone(), options)
    }

    /// Like [`stream`](Products::stream), each product exactly as the server sent it: for
    /// exports that must write what was read.
    pub fn stream_raw(
        &self,
        options: StreamOptions,
    ) -> impl Stream<Item = Result<Value, CatalogError>> + Send + 'static {
        walk_catalog::<Value>(self.clone(), options)
    }
}

/// Where a keyset walk over the ids `(after, up_to]` stands.
#[derive(Debug, Clone, Copy)]
struct Cursor {
    after: Option<i64>,
    up_to: Option<i64>,
    /// The requests the walk may still make, when it has no `up_to` to end it.
    pages_left: Option<u64>,
    done: bool,
}

impl Cursor {
    fn new(after: Option<i64>, up_to: Option<i64>) -> Self {
        Cursor { after, up_to, pages_left: None, done: false }
    }

    fn covers(&self, id: i64) -> bool {
        self.after.is_none_or(|after| id > after) && self.up_to.is_none_or(|up_to| id <= up_to)
    }
}

/// Reads pages of `T` for one stream.
struct Lister<T> {
    products: Products,
    groups: Vec<FilterGroup>,
    page_size: u32,
    item: PhantomData<fn() -> T>,
}

impl<T> Clone for Lister<T> {
    fn clone(&self) -> Self {
        Lister {
            products: self.products.clone(),
            groups: self.groups.clone(),
            page_size: self.page_size,
            item: PhantomData,
        }
    }
}

impl<T: CatalogItem> Lister<T> {
    async fn fetch(
        &self,
        cursor: Cursor,
        direction: SortDirection,
        page_size: u32,
    ) -> Result<Page<T>, CatalogError> {
        let mut criteria = SearchCriteria::new();
        for group in &self.groups {
            criteria = criteria.group(group.clone());
        }
        if let Some(after) = cursor.after {
            criteria = criteria.filter(Filter::new("entity_id", Condition::Gt, after.to_string())?);
        }
        if let Some(up_to) = cursor.up_to {
            criteria =
                criteria.filter(Filter::new("entity_id", Condition::Lteq, up_to.to_string())?);
        }
        let criteria = criteria.sort_by("entity_id", direction)?.with_page_size(page_size)?;
        Ok(self.products.list_request(&criteria).send().await?)
    }

    /// The next page of the walk, in id order, only ids the cursor covers; moves the cursor.
    ///
    /// The walk is done when the server counts no more products than it sent (its count is of
    /// the ids after the cursor), when a page brings no id beyond the last, when a page is short
    /// and the server gave no count, or when the page budget is spent: whatever the server
    /// answers, every request moves the cursor up or ends the walk. A short page alone does not
    /// end it, so a server that serves fewer products per page than asked loses none.
    async fn next_page(&self, cursor: &mut Cursor) -> Result<(Vec<T>, Option<u64>), CatalogError> {
        let page = self.fetch(*cursor, SortDirection::Asc, self.page_size).await?;
        let received = page.items.len();
        let mut items = Vec::with_capacity(received);
        for item in page.items {
            let id = item.id().ok_or_else(|| {
                CatalogError::unexpected("a list item has no integer `id`; cannot page by id")
            })?;
            if cursor.covers(id) {
                items.push((id, item));
            }
        }
        items.sort_by_key(|(id, _)| *id);
        items.dedup_by_key(|(id, _)| *id);

        let last = items.last().map(|(id, _)| *id);
        let exhausted = match page.total_count {
            Some(total) => total <= received as u64,
            None => received < self.page_size as usize,
        };
        if let Some(pages_left) = &mut cursor.pages_left {
            *pages_left = pages_left.saturating_sub(1);
            if *pages_left == 0 && !(exhausted || last.is_none()) {
                warn!(
                    after = last,
                    "stopping the walk: the catalog grew faster than it was read; products \
                     inserted during the run may be missing"
                );
                cursor.done = true;
            }
        }
        cursor.done |= last.is_none() || exhausted;
        if last.is_some() {
            cursor.after = last;
        }
        debug!(received, kept = items.len(), after = cursor.after, done = cursor.done, "page read");
        Ok((items.into_iter().map(|(_, item)| item).collect(), page.total_count))
    }

    /// The highest id matching the filters, or `None` when nothing matches any more.
    async fn highest_id(&self) -> Result<Option<i64>, CatalogError> {
        let page = self.fetch(Cursor::new(None, None), SortDirection::Desc, 1).await?;
        Ok(page.items.first().and_then(CatalogItem::id))
    }

    /// Up to [`RANGE_PAGES_AHEAD`] pages of the range `(after, up_to]`, and where it stopped.
    async fn range_ahead(self, after: i64, up_to: i64) -> Result<(Vec<T>, Cursor), CatalogError> {
        let mut cursor = Cursor::new(Some(after), Some(up_to));
        let mut items = Vec::new();
        for _ in 0..RANGE_PAGES_AHEAD {
            items.extend(self.next_page(&mut cursor).await?.0);
            if cursor.done {
                break;
            }
        }
        Ok((items, cursor))
    }
}

/// The items of a walk from `cursor` on, page after page, until it is done.
fn walk<T: CatalogItem>(
    lister: Lister<T>,
    cursor: Cursor,
) -> impl Stream<Item = Result<T, CatalogError>> + Send + 'static {
    stream::try_unfold((lister, cursor), |(lister, mut cursor)| async move {
        if cursor.done {
            return Ok::<_, CatalogError>(None);
        }
        let (items, _) = lister.next_page(&mut cursor).await?;
        Ok(Some((stream::iter(items.into_iter().map(Ok)), (lister, cursor))))
    })
    .try_flatten()
}

/// Splits the ids `(after, up_to]` into ranges of about [`RANGE_TARGET_PAGES`] pages, given
/// that `remaining` products are expected in it (every id taken, when unknown).
fn plan_ranges(
    after: i64,
    up_to: i64,
    remaining: Option<u64>,
    page_size: u32,
) -> impl Iterator<Item = (i64, i64)> + Send + 'static {
    let span = up_to.saturating_sub(after).max(1) as f64;
    let density = remaining.map_or(1.0, |remaining| (remaining.max(1) as f64 / span).min(1.0));
    let width = ((RANGE_TARGET_PAGES * f64::from(page_size) / density) as i64).max(1);
    debug!(after, up_to, remaining, width, "id ranges planned");
    let mut lower = after;
    std::iter::from_fn(move || {
        if lower >= up_to {
            return None;
        }
        let upper = lower.saturating_add(width).min(up_to);
        let range = (lower, upper);
        lower = upper;
        Some(range)
    })
}

fn walk_catalog<T: CatalogItem>(
    products: Products,
    options: StreamOptions,
) -> impl Stream<Item = Result<T, CatalogError>> + Send + 'static {
    let StreamOptions { groups, page_size, concurrency } = options;
    let lister = Lister::<T> { products, groups, page_size, item: PhantomData };

    let first = {
        let lister = lister.clone();
        async move {
            let mut cursor = Cursor::new(None, None);
            let (items, total) = lister.next_page(&mut cursor).await?;
            let mut ranges = None;
            if !cursor.done && concurrency > 1 {
                // `after` is set: a walk that is not done has read at least one id.
                let after = cursor.after.unwrap_or_default();
                if let Some(highest) = lister.highest_id().await? {
                    let remaining = total.map(|total| total.saturating_sub(items.len() as u64));
                    ranges = Some(plan_ranges(after, highest, remaining, page_size));
                }
                // Whatever the ranges do not cover is past the highest id: nothing to read
                // but products inserted since.
                cursor.done = true;
            } else if !cursor.done {
                // Alone, the walk has no highest id to stop at. The products present from the
                // start have the lowest ids, so the pages the server counted, and one more for
                // a count that moved meanwhile, reach all of them.
                match total {
                    Some(total) => {
                        let remaining = total.saturating_sub(items.len() as u64);
                        cursor.pages_left = Some(remaining.div_ceil(u64::from(page_size)) + 1);
                    }
                    None => match lister.highest_id().await? {
                        Some(highest) => cursor.up_to = Some(highest),
                        None => cursor.done = true,
                    },
                }
            }
            Ok::<_, CatalogError>((items, cursor, ranges))
        }
    };

    stream::once(first)
        .map_ok(move |(items, cursor, ranges)| {
            // Called once; the clone satisfies `FnMut`.
            let lister = lister.clone();
            let head = stream::iter(items.into_iter().map(Ok));
            let rest = match ranges {
                None => walk(lister, cursor).left_stream(),
                Some(ranges) => stream::iter(ranges)
                    .map({
                        let lister = lister.clone();
                        move |(after, up_to)| read_ahead(lister.clone().range_ahead(after, up_to))
                    })
                    .buffered(concurrency)
                    .map_ok(move |(items, cursor)| {
                        stream::iter(items.into_iter().map(Ok)).chain(walk(lister.clone(), cursor))
                    })
                    .try_flatten()
                    .right_stream(),
            };
            head.chain(rest)
        })
        .try_flatten()
        .scan(false, |failed, item| {
            // The first error ends the stream: later ranges would leave a gap before them.
            let next = if *failed { None } else { Some(item) };
            *failed = next.as_ref().is_some_and(Result::is_err);
            futures::future::ready(next)
        })
}
