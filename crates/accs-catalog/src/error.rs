//! The one error type of this crate.

/// Why a catalog operation failed.
///
/// Input mistakes ([`InvalidCriteria`](CatalogError::InvalidCriteria),
/// [`InvalidSku`](CatalogError::InvalidSku)) are caught before any request is sent.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CatalogError {
    /// A search criteria, filter or sort order that the API cannot express or would refuse.
    #[error("invalid search criteria: {reason}")]
    InvalidCriteria {
        /// What is wrong, naming the offending part.
        reason: String,
    },

    /// A SKU that cannot be sent, such as an empty one.
    #[error("invalid sku {sku:?}: {reason}")]
    InvalidSku {
        /// The SKU as given.
        sku: String,
        /// What is wrong with it.
        reason: String,
    },

    /// No product has this SKU (in the store scope asked).
    #[error("product {sku:?} not found (HTTP 404)")]
    NotFound {
        /// The SKU asked for.
        sku: String,
    },

    /// The request failed in the transport or the server refused it; retries, where safe, were
    /// already made.
    #[error(transparent)]
    Transport(#[from] accs_transport::Error),

    /// The server answered success with a body this crate cannot use.
    #[error("unexpected response: {reason}")]
    UnexpectedResponse {
        /// What was expected and what came.
        reason: String,
    },
}

impl CatalogError {
    /// Whether the product asked for does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, CatalogError::NotFound { .. })
    }

    /// The HTTP status behind this error, when the server answered; `404` for
    /// [`NotFound`](CatalogError::NotFound).
    pub fn status(&self) -> Option<u16> {
        match self {
            CatalogError::NotFound { .. } => Some(404),
            CatalogError::Transport(err) => err.status(),
            _ => None,
        }
    }

    pub(crate) fn criteria(reason: impl Into<String>) -> Self {
        CatalogError::InvalidCriteria { reason: reason.into() }
    }

    pub(crate) fn unexpected(reason: impl Into<String>) -> Self {
        CatalogError::UnexpectedResponse { reason: reason.into() }
    }
}
