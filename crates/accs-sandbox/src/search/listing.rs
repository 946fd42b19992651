//! Answering `GET /V1/products?searchCriteria...`: match, sort, page, and concatenate the
//! products' pre-rendered JSON into the answer.

use std::cmp::Ordering;
use std::ops::Range;

use serde_json::Value;

use super::conditions::{CompiledFilter, Operand, text_order};
use super::criteria::SearchCriteria;
use super::id_range::IdRange;
use crate::catalog::{Catalog, FieldRef, FieldValue, Product};
use crate::responses::ApiError;

/// A search ready to run against the catalog.
#[derive(Debug)]
pub(crate) struct Search {
    criteria: SearchCriteria,
    groups: Vec<Vec<CompiledFilter>>,
    sorts: Vec<(FieldRef, bool)>,
}

impl Search {
    /// Compiles the criteria; unknown condition types are refused here.
    pub(crate) fn new(criteria: SearchCriteria) -> Result<Self, ApiError> {
        let groups = criteria
            .filter_groups
            .iter()
            .map(|group| group.iter().map(CompiledFilter::compile).collect())
            .collect::<Result<_, _>>()?;
        let sorts = criteria
            .sort_orders
            .iter()
            .map(|order| (FieldRef::resolve(&order.field), order.descending))
            .collect();
        Ok(Self { criteria, groups, sorts })
    }

    /// Runs the search and renders the whole answer body.
    pub(crate) fn render(&self, catalog: &Catalog) -> Vec<u8> {
        let range = IdRange::of(&self.groups);
        let candidates = &catalog.products()[catalog.positions_of(&range.ids)];
        let natural_order = match self.sorts.first() {
            None => Some(false),
            Some((FieldRef::EntityId, descending)) => Some(*descending),
            Some(_) => None,
        };

        let (page, total): (Vec<&Product>, usize) = match natural_order {
            // The fast path of keyset paging: the range is the answer, already in order.
            Some(descending) if range.exact => {
                let window = self.page_window(candidates.len());
                let page = if descending {
                    candidates.iter().rev().skip(window.start).take(window.len()).collect()
                } else {
                    candidates[window].iter().collect()
                };
                (page, candidates.len())
            }
            _ => {
                let matches = self.sorted_matches(candidates, natural_order);
                let window = self.page_window(matches.len());
                (matches[window].to_vec(), matches.len())
            }
        };
        self.render_body(&page, total)
    }

    /// The products of `candidates` that pass every group, in the requested order.
    // FIXME: a filter or sort on a field outside the core fields parses every candidate's JSON,
    // on the async worker: about a second for 200 000 products, stalling other requests on
    // that worker. Keyset paging on `entity_id` never takes this path.
    fn sorted_matches<'a>(
        &self,
        candidates: &'a [Product],
        natural: Option<bool>,
    ) -> Vec<&'a Product> {
        let needs_json = self.groups.iter().flatten().any(|filter| filter.field.is_slow())
            || self.sorts.iter().any(|(field, _)| field.is_slow());
        let mut keyed: Vec<(Vec<SortKey>, &Product)> = Vec::new();
        for product in candidates {
            let json = needs_json.then(|| product.to_value());
            let passes = self.groups.iter().all(|group| {
                group.is_empty()
                    || group
                        .iter()
                        .any(|filter| filter.matches(&product.field(&filter.field, json.as_ref())))
            });
            if passes {
                let keys = match natural {
                    Some(_) => Vec::new(),
                    None => self
                        .sorts
                        .iter()
                        .map(|(field, _)| SortKey::of(product, field, json.as_ref()))
                        .collect(),
                };
                keyed.push((keys, product));
            }
        }
        match natural {
            Some(false) => {}
            Some(true) => keyed.reverse(),
            None => keyed.sort_by(|(left, a), (right, b)| {
                left.iter()
                    .zip(right)
                    .zip(&self.sorts)
                    .map(|((l, r), (_, descending))| {
                        let order = l.cmp(r);
                        if *descending { order.reverse() } else { order }
                    })
                    .find(|order| order.is_ne())
                    .unwrap_or_else(|| a.id.cmp(&b.id))
            }),
        }
        keyed.into_iter().map(|(_, product)| product).collect()
    }

    /// The positions of the requested page among `total` matches. No page size means every
    /// match; a page past the end gives the last page again, as older Magento does.
    fn page_window(&self, total: usize) -> Range<usize> {
        let Some(size) = self.criteria.page_size.filter(|size| *size > 0) else {
            return 0..total;
        };
        let size = usize::try_from(size).unwrap_or(usize::MAX);
        let pages = total.div_ceil(size).max(1);
        let page = self.criteria.current_page.unwrap_or(1).clamp(1, pages as i64) as usize;
        let start = (page - 1) * size;
        start.min(total)..(start + size).min(total)
    }

    fn render_body(&self, page: &[&Product], total: usize) -> Vec<u8> {
        let echo = self.criteria.echo().to_string();
        let items_len: usize = page.iter().map(|product| product.json.len() + 1).sum();
        let mut body = Vec::with_capacity(items_len + echo.len() + 64);
        body.extend_from_slice(b"{\"items\":[");
        for (index, product) in page.iter().enumerate() {
            if index > 0 {
                body.push(b',');
            }
            body.extend_from_slice(&product.json);
        }
        body.extend_from_slice(b"],\"search_criteria\":");
        body.extend_from_slice(echo.as_bytes());
        body.extend_from_slice(format!(",\"total_count\":{total}}}").as_bytes());
        body
    }
}

/// A product's value for one sort order; `NULL` sorts first, as in MySQL.
#[derive(Debug, Clone)]
enum SortKey {
    Null,
    Value(Operand),
}

impl SortKey {
    fn of(product: &Product, field: &FieldRef, json: Option<&Value>) -> Self {
        let scalar = match product.field(field, json) {
            FieldValue::Absent => None,
            FieldValue::One(scalar) => Some(scalar),
            FieldValue::Many(scalars) => scalars.into_iter().next(),
        };
        scalar.map_or(SortKey::Null, |scalar| {
            SortKey::Value(Operand { text: scalar.text.into_owned(), number: scalar.number })
        })
    }

    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (SortKey::Null, SortKey::Null) => Ordering::Equal,
            (SortKey::Null, _) => Ordering::Less,
            (_, SortKey::Null) => Ordering::Greater,
            (SortKey::Value(left), SortKey::Value(right)) => match (left.number, right.number) {
                (Some(l), Some(r)) => l.total_cmp(&r),
                _ => text_order(&left.text, &right.text),
            },
        }
    }
}

#[cfg(test)]
#[path = "listing_tests.rs"]
mod tests;
