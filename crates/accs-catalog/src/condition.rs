//! [`Condition`]: the comparisons a filter can make, by their wire names.

use std::fmt;
use std::str::FromStr;

use crate::CatalogError;

/// How a [`Filter`](crate::Filter) compares a field with its value: the `condition_type` of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Condition {
    /// Equal to the value. The API's default when no condition is given.
    #[default]
    Eq,
    /// Not equal to the value.
    Neq,
    /// Matches an SQL `LIKE` pattern: `%` is any run of characters, `_` any one character.
    Like,
    /// Does not match an SQL `LIKE` pattern.
    Nlike,
    /// Equal to one of comma-separated values.
    In,
    /// Equal to none of comma-separated values.
    Nin,
    /// Greater than the value.
    Gt,
    /// Greater than or equal to the value.
    Gteq,
    /// Less than the value.
    Lt,
    /// Less than or equal to the value.
    Lteq,
    /// Greater than or equal to the value (an older spelling of `gteq`).
    Moreq,
    /// The start of a range, inclusive; pair it with [`Condition::To`] in another group.
    From,
    /// The end of a range, inclusive.
    To,
    /// The field has no value. Takes no value.
    Null,
    /// The field has a value. Takes no value.
    Notnull,
    /// A comma-separated set field contains the value (MySQL `FIND_IN_SET`).
    Finset,
    /// A comma-separated set field does not contain the value.
    Nfinset,
}

impl Condition {
    /// Every condition, in the order of the API documentation.
    pub const ALL: [Condition; 17] = [
        Condition::Eq,
        Condition::Neq,
        Condition::Like,
        Condition::Nlike,
        Condition::In,
        Condition::Nin,
        Condition::Gt,
        Condition::Gteq,
        Condition::Lt,
        Condition::Lteq,
        Condition::Moreq,
        Condition::From,
        Condition::To,
        Condition::Null,
        Condition::Notnull,
        Condition::Finset,
        Condition::Nfinset,
    ];

    /// The name on the wire, such as `gteq`.
    pub fn as_str(self) -> &'static str {
        match self {
            Condition::Eq => "eq",
            Condition::Neq => "neq",
            Condition::Like => "like",
            Condition::Nlike => "nlike",
            Condition::In => "in",
            Condition::Nin => "nin",
            Condition::Gt => "gt",
            Condition::Gteq => "gteq",
            Condition::Lt => "lt",
            Condition::Lteq => "lteq",
            Condition::Moreq => "moreq",
            Condition::From => "from",
            Condition::To => "to",
            Condition::Null => "null",
            Condition::Notnull => "notnull",
            Condition::Finset => "finset",
            Condition::Nfinset => "nfinset",
        }
    }

    /// Whether the condition compares with a value; `null` and `notnull` do not.
    pub fn takes_value(self) -> bool {
        !matches!(self, Condition::Null | Condition::Notnull)
    }

    /// Whether the value is a comma-joined list (`in`, `nin`).
    pub fn is_list(self) -> bool {
        matches!(self, Condition::In | Condition::Nin)
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Condition {
    type Err = CatalogError;

    /// Parses a wire name such as `gteq`, ignoring ASCII case.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Condition::ALL.into_iter().find(|c| c.as_str().eq_ignore_ascii_case(name)).ok_or_else(
            || {
                let known: Vec<&str> = Condition::ALL.iter().map(|c| c.as_str()).collect();
                CatalogError::criteria(format!(
                    "unknown condition {name:?}, expected one of {}",
                    known.join(", ")
                ))
            },
        )
    }
}
