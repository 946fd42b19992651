//! Product searches: the `searchCriteria` query, filter conditions, and the list answer.

mod conditions;
mod criteria;
mod id_range;
mod like;
mod listing;
mod query_tree;

pub(crate) use criteria::SearchCriteria;
pub(crate) use listing::Search;
