//! Filter conditions, evaluated with MySQL's rules: `NULL` matches only `null`, numbers
//! compare as numbers, text compares case-insensitively.

use std::cmp::Ordering;

use axum::http::StatusCode;
use serde_json::json;

use super::criteria::Filter;
use super::like::LikePattern;
use crate::catalog::{FieldRef, FieldValue, ScalarRef, parse_number};
use crate::responses::ApiError;

/// A filter ready to test products.
#[derive(Debug, Clone)]
pub(crate) struct CompiledFilter {
    pub(crate) field: FieldRef,
    pub(crate) test: Test,
    /// `not` in front of the positive test (`neq`, `nin`, `nlike`, `nfinset`).
    negated: bool,
}

/// The positive form of a condition.
#[derive(Debug, Clone)]
pub(crate) enum Test {
    /// Equal to any of the operands (`eq`, `in`).
    Equal(Vec<Operand>),
    /// Compares as the given ordering, or equal too when `or_equal` (`gt`, `gteq`, ...).
    Compare {
        operand: Operand,
        wanted: Ordering,
        or_equal: bool,
    },
    Like(LikePattern),
    /// `FIND_IN_SET(operand, value)`.
    FindInSet(Operand),
    /// `IS NULL`.
    Null,
}

/// A filter value, with its number when it is numeric.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Operand {
    pub(crate) text: String,
    pub(crate) number: Option<f64>,
}

impl Operand {
    pub(crate) fn new(text: &str) -> Self {
        Self { text: text.to_owned(), number: parse_number(text) }
    }
}

impl CompiledFilter {
    /// Compiles a filter; an unknown condition type is a `400`.
    pub(crate) fn compile(filter: &Filter) -> Result<Self, ApiError> {
        let value = filter.value.as_deref().unwrap_or("");
        let list = || value.split(',').map(Operand::new).collect::<Vec<_>>();
        let compare =
            |wanted, or_equal| Test::Compare { operand: Operand::new(value), wanted, or_equal };
        let (test, negated) = match filter.condition.as_str() {
            "eq" => (Test::Equal(vec![Operand::new(value)]), false),
            "neq" => (Test::Equal(vec![Operand::new(value)]), true),
            "in" => (Test::Equal(list()), false),
            "nin" => (Test::Equal(list()), true),
            "like" => (Test::Like(LikePattern::new(value)), false),
            "nlike" => (Test::Like(LikePattern::new(value)), true),
            "gt" => (compare(Ordering::Greater, false), false),
            "gteq" | "moreq" | "from" => (compare(Ordering::Greater, true), false),
            "lt" => (compare(Ordering::Less, false), false),
            "lteq" | "to" => (compare(Ordering::Less, true), false),
            "null" => (Test::Null, false),
            "notnull" => (Test::Null, true),
            "finset" => (Test::FindInSet(Operand::new(value)), false),
            "nfinset" => (Test::FindInSet(Operand::new(value)), true),
            other => {
                return Err(ApiError::with_parameters(
                    StatusCode::BAD_REQUEST,
                    "Condition type \"%1\" is not supported.",
                    json!([other]),
                ));
            }
        };
        Ok(Self { field: FieldRef::resolve(&filter.field), test, negated })
    }

    /// Whether the condition is the negation of its test.
    pub(crate) fn is_negated(&self) -> bool {
        self.negated
    }

    /// Whether a product whose field holds `value` passes.
    pub(crate) fn matches(&self, value: &FieldValue<'_>) -> bool {
        let positive = match (value, &self.test) {
            (FieldValue::Absent, Test::Null) => return !self.negated,
            // SQL: comparing NULL with anything is neither true nor false.
            (FieldValue::Absent, _) => return false,
            (_, Test::Null) => false,
            (FieldValue::One(scalar), test) => test.holds(scalar),
            (FieldValue::Many(scalars), test) => scalars.iter().any(|scalar| test.holds(scalar)),
        };
        positive != self.negated
    }
}

impl Test {
    fn holds(&self, scalar: &ScalarRef<'_>) -> bool {
        match self {
            Test::Equal(operands) => {
                operands.iter().any(|operand| compare(scalar, operand) == Ordering::Equal)
            }
            Test::Compare { operand, wanted, or_equal } => {
                let order = compare(scalar, operand);
                order == *wanted || (*or_equal && order == Ordering::Equal)
            }
            Test::Like(pattern) => pattern.matches(&scalar.text),
            Test::FindInSet(operand) => scalar
                .text
                .split(',')
                .any(|item| text_order(item, &operand.text) == Ordering::Equal),
            Test::Null => false,
        }
    }
}

/// Numbers compare as numbers when both sides are numeric, anything else as text.
pub(crate) fn compare(scalar: &ScalarRef<'_>, operand: &Operand) -> Ordering {
    match (scalar.number, operand.number) {
        (Some(left), Some(right)) => left.total_cmp(&right),
        _ => text_order(&scalar.text, &operand.text),
    }
}

/// Case-insensitive text order, like MySQL's default collation for the cases that matter here.
pub(crate) fn text_order(left: &str, right: &str) -> Ordering {
    left.chars().flat_map(char::to_lowercase).cmp(right.chars().flat_map(char::to_lowercase))
}

#[cfg(test)]
#[path = "conditions_tests.rs"]
mod tests;
