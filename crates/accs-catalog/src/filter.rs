//! Filters of a search: a field, a [`Condition`] and a value, and the groups they are joined in.

use crate::{CatalogError, Condition};

/// The value [`Condition::Null`] and [`Condition::Notnull`] send: the API requires a value
/// and ignores it for these conditions.
pub(crate) const VALUE_OF_VALUELESS: &str = "1";

/// One comparison: `field condition value`.
///
/// Build it with [`Filter::new`], [`Filter::one_of`], [`Filter::none_of`], [`Filter::is_null`],
/// [`Filter::not_null`] or [`Filter::parse_cli`]; each refuses what the API cannot express.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    field: String,
    condition: Condition,
    value: String,
}

impl Filter {
    /// A filter comparing `field` with `value`, exactly as the API takes it.
    ///
    /// For `in` and `nin` the value is the comma-joined list (`"5,112"`); prefer
    /// [`Filter::one_of`] for values that come from elsewhere. For `null` and `notnull` the value
    /// is ignored. Refused: an empty field, an empty `in`/`nin` list.
    pub fn new(
        field: impl Into<String>,
        condition: Condition,
        value: impl Into<String>,
    ) -> Result<Self, CatalogError> {
        let field = checked_field(field.into())?;
        let value = if condition.takes_value() { value.into() } else { String::new() };
        if condition.is_list() && value.is_empty() {
            return Err(CatalogError::criteria(format!(
                "filter on {field:?}: `{condition}` needs at least one value"
            )));
        }
        Ok(Filter { field, condition, value })
    }

    /// `field in (values...)`: equal to any of `values`.
    ///
    /// Refused: no values, or a value containing a comma (the API splits `in` lists on commas,
    /// so `"A,1"` would silently become `"A"` and `"1"`); use an `eq` filter per value in one
    /// group instead.
    pub fn one_of<I, V>(field: impl Into<String>, values: I) -> Result<Self, CatalogError>
    where
        I: IntoIterator<Item = V>,
        V: Into<String>,
    {
        Self::list(field.into(), Condition::In, values)
    }

    /// `field nin (values...)`: equal to none of `values`. Refused like [`Filter::one_of`].
    pub fn none_of<I, V>(field: impl Into<String>, values: I) -> Result<Self, CatalogError>
    where
        I: IntoIterator<Item = V>,
        V: Into<String>,
    {
        Self::list(field.into(), Condition::Nin, values)
    }

    /// `field` has no value.
    pub fn is_null(field: impl Into<String>) -> Result<Self, CatalogError> {
        Self::new(field, Condition::Null, "")
    }

    /// `field` has a value.
    pub fn not_null(field: impl Into<String>) -> Result<Self, CatalogError> {
        Self::new(field, Condition::Notnull, "")
    }

    fn list<I, V>(field: String, condition: Condition, values: I) -> Result<Self, CatalogError>
    where
        I: IntoIterator<Item = V>,
        V: Into<String>,
    {
        let values: Vec<String> = values.into_iter().map(Into::into).collect();
        if let Some(bad) = values.iter().find(|value| value.contains(',')) {
            return Err(CatalogError::criteria(format!(
                "filter on {field:?}: `{condition}` value {bad:?} contains a comma, which the API \
                 reads as a separator; use one `eq` filter per value in a group instead"
            )));
        }
        Self::new(field, condition, values.join(","))
    }

    /// Parses the command line syntax `FIELD:CONDITION:VALUE`, such as `name:like:%adapter%`.
    ///
    /// VALUE is everything after the second colon, colons included (`updated_at:gt:2024-01-01
    /// 10:00:00`). `null` and `notnull` take no value: `FIELD:null`. The condition ignores
    /// ASCII case. `in`/`nin` values are comma-separated, as on the wire.
    pub fn parse_cli(text: &str) -> Result<Self, CatalogError> {
        let syntax = |problem: &str| {
            CatalogError::criteria(format!(
                "filter {text:?} {problem}; expected FIELD:CONDITION:VALUE, or FIELD:null / \
                 FIELD:notnull"
            ))
        };
        let mut parts = text.splitn(3, ':');
        let field = parts.next().unwrap_or_default();
        let condition: Condition =
            parts.next().ok_or_else(|| syntax("has no condition"))?.parse()?;
        match (condition.takes_value(), parts.next()) {
            (true, Some(value)) => Filter::new(field, condition, value),
            (true, None) => Err(syntax(&format!("has no value for `{condition}`"))),
            (false, None) => Filter::new(field, condition, ""),
            (false, Some(_)) => {
                Err(syntax(&format!("gives a value, but `{condition}` takes none")))
            }
        }
    }

    /// The field compared, such as `sku` or `entity_id`.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The condition.
    pub fn condition(&self) -> Condition {
        self.condition
    }

    /// The value as sent; empty for `null` and `notnull`, which send a placeholder.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The value that goes on the wire.
    pub(crate) fn wire_value(&self) -> &str {
        if self.condition.takes_value() { &self.value } else { VALUE_OF_VALUELESS }
    }
}

/// Filters joined with OR; the groups of a search are joined with AND.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FilterGroup {
    filters: Vec<Filter>,
}

impl FilterGroup {
    /// A group matching any of `filters`.
    pub fn any_of(filters: impl IntoIterator<Item = Filter>) -> Self {
        FilterGroup { filters: filters.into_iter().collect() }
    }

    /// This group with `filter` OR-ed in.
    pub fn or(mut self, filter: Filter) -> Self {
        self.filters.push(filter);
        self
    }

    /// The filters, in order.
    pub fn filters(&self) -> &[Filter] {
        &self.filters
    }
}

fn checked_field(field: String) -> Result<String, CatalogError> {
    if field.trim().is_empty() {
        return Err(CatalogError::criteria("a filter needs a field name, got an empty one"));
    }
    Ok(field)
}
