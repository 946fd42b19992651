//! [`SortOrder`]: sorting a list by one field, and its [`SortDirection`].

use std::fmt;

use crate::CatalogError;

/// The direction of a [`SortOrder`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortDirection {
    /// Smallest first (`ASC`). The default.
    #[default]
    Asc,
    /// Largest first (`DESC`).
    Desc,
}

impl SortDirection {
    /// The name on the wire: `ASC` or `DESC`.
    pub fn as_str(self) -> &'static str {
        match self {
            SortDirection::Asc => "ASC",
            SortDirection::Desc => "DESC",
        }
    }
}

impl fmt::Display for SortDirection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Sorting by one field. Several sort orders apply in turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortOrder {
    field: String,
    direction: SortDirection,
}

impl SortOrder {
    /// Sorting by `field` in `direction`. Refused: an empty field.
    pub fn new(field: impl Into<String>, direction: SortDirection) -> Result<Self, CatalogError> {
        let field = field.into();
        if field.trim().is_empty() {
            return Err(CatalogError::criteria(
                "a sort order needs a field name, got an empty one",
            ));
        }
        Ok(SortOrder { field, direction })
    }

    /// Parses the command line syntax `FIELD[:asc|:desc]`, such as `price:desc`.
    ///
    /// The direction ignores ASCII case and defaults to ascending.
    pub fn parse_cli(text: &str) -> Result<Self, CatalogError> {
        let (field, direction) = match text.rsplit_once(':') {
            None => (text, SortDirection::Asc),
            Some((field, direction)) if direction.eq_ignore_ascii_case("asc") => {
                (field, SortDirection::Asc)
            }
            Some((field, direction)) if direction.eq_ignore_ascii_case("desc") => {
                (field, SortDirection::Desc)
            }
            Some((_, other)) => {
                return Err(CatalogError::criteria(format!(
                    "sort {text:?} has direction {other:?}; expected FIELD, FIELD:asc or FIELD:desc"
                )));
            }
        };
        SortOrder::new(field, direction)
    }

    /// The field sorted by.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The direction.
    pub fn direction(&self) -> SortDirection {
        self.direction
    }
}
