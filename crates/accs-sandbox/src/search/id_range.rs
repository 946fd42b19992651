//! Narrowing a search to a range of ids, so that keyset paging over a large catalog touches
//! only the products it returns.

use std::ops::Range;

use super::conditions::{CompiledFilter, Test};
use crate::catalog::FieldRef;
use std::cmp::Ordering;

/// The ids a search can match, and whether every id in the range does match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IdRange {
    pub(crate) ids: Range<u64>,
    /// `true` when the range is exactly the matches: every group is one `entity_id` range
    /// filter, so nothing else needs testing.
    pub(crate) exact: bool,
}

impl IdRange {
    /// The range of ids allowed by all `groups` (AND of groups, OR within one).
    pub(crate) fn of(groups: &[Vec<CompiledFilter>]) -> Self {
        let mut narrowed = IdRange { ids: 0..u64::MAX, exact: true };
        for group in groups {
            let (ids, exact) = match group_range(group) {
                Some(ids) => (ids, group.len() == 1),
                None => (0..u64::MAX, group.is_empty()),
            };
            narrowed.ids = narrowed.ids.start.max(ids.start)..narrowed.ids.end.min(ids.end);
            narrowed.exact &= exact;
        }
        narrowed
    }
}

/// The hull of a group's filters when every one of them bounds `entity_id`.
fn group_range(group: &[CompiledFilter]) -> Option<Range<u64>> {
    group.iter().map(filter_range).try_fold(None::<Range<u64>>, |hull, range| {
        let range = range?;
        Some(Some(match hull {
            None => range,
            Some(hull) => hull.start.min(range.start)..hull.end.max(range.end),
        }))
    })?
}

/// The ids an `entity_id` filter allows; `None` for other fields or conditions.
fn filter_range(filter: &CompiledFilter) -> Option<Range<u64>> {
    if filter.field != FieldRef::EntityId || filter.is_negated() {
        return None;
    }
    match &filter.test {
        Test::Equal(operands) if operands.len() == 1 => {
            let value = operands[0].number?;
            if value.fract() != 0.0 {
                return Some(0..0);
            }
            Some(id_at_least(value)..id_at_least(value + 1.0))
        }
        Test::Compare { operand, wanted, or_equal } => {
            let value = operand.number?;
            Some(match (wanted, or_equal) {
                (Ordering::Greater, false) => id_at_least(value.floor() + 1.0)..u64::MAX,
                (Ordering::Greater, true) => id_at_least(value.ceil())..u64::MAX,
                (_, false) => 0..id_at_least(value.ceil()),
                (_, true) => 0..id_at_least(value.floor() + 1.0),
            })
        }
        _ => None,
    }
}

/// `value` as an id bound, clamped to `0..=u64::MAX`.
fn id_at_least(value: f64) -> u64 {
    if value <= 0.0 {
        0
    } else if value >= u64::MAX as f64 {
        u64::MAX
    } else {
        value as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::criteria::Filter;

    fn group(filters: &[(&str, &str, &str)]) -> Vec<CompiledFilter> {
        filters
            .iter()
            .map(|(field, condition, value)| {
                CompiledFilter::compile(&Filter {
                    field: (*field).to_owned(),
                    value: Some((*value).to_owned()),
                    condition: (*condition).to_owned(),
                })
                .unwrap()
            })
            .collect()
    }

    #[test]
    fn keyset_groups_give_an_exact_range() {
        let groups = [group(&[("entity_id", "gt", "100")]), group(&[("entity_id", "lteq", "400")])];
        assert_eq!(IdRange::of(&groups), IdRange { ids: 101..401, exact: true });
    }

    #[test]
    fn other_fields_and_or_groups_are_not_exact() {
        let groups = [group(&[("entity_id", "gteq", "5"), ("entity_id", "lt", "2")])];
        assert_eq!(IdRange::of(&groups), IdRange { ids: 0..u64::MAX, exact: false });
        let groups = [group(&[("entity_id", "gt", "5")]), group(&[("sku", "eq", "A")])];
        assert_eq!(IdRange::of(&groups), IdRange { ids: 6..u64::MAX, exact: false });
        let groups = [group(&[("entity_id", "neq", "5")])];
        assert_eq!(IdRange::of(&groups), IdRange { ids: 0..u64::MAX, exact: false });
    }

    #[test]
    fn fractional_bounds_round_the_right_way() {
        let range =
            |condition, value| IdRange::of(&[group(&[("entity_id", condition, value)])]).ids;
        assert_eq!(range("gt", "10.5"), 11..u64::MAX);
        assert_eq!(range("gteq", "10.5"), 11..u64::MAX);
        assert_eq!(range("lt", "10.5"), 0..11);
        assert_eq!(range("lteq", "10.5"), 0..11);
        assert_eq!(range("eq", "7"), 7..8);
        assert_eq!(range("eq", "7.5"), 0..0);
        assert_eq!(range("gt", "-3"), 0..u64::MAX);
    }
}
