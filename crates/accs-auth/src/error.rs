//! The one error type of this crate.

use std::time::Duration;

/// Why a token could not be had.
///
/// Cloneable, so that every caller waiting on one shared refresh receives the same error.
/// No variant ever holds a secret or a token.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// The identity service refused the credentials or the request (`invalid_client`,
    /// `invalid_scope`, ...). Permanent: retrying the same request will not help.
    #[error("token request refused with HTTP {status}: {error}{}", describe(.description))]
    Refused {
        /// The HTTP status of the refusal.
        status: u16,
        /// The OAuth2 `error` code, such as `invalid_client`.
        error: String,
        /// The server's `error_description`, when it gave one.
        description: Option<String>,
    },

    /// The identity service failed or throttled and retries ran out.
    #[error("token service unavailable after {attempts} attempt(s): {reason}")]
    Unavailable {
        /// The HTTP status of the last answer, if one came.
        status: Option<u16>,
        /// What went wrong last.
        reason: String,
        /// How many requests were made.
        attempts: u32,
        /// How long the server asked to wait, when it said.
        retry_after: Option<Duration>,
    },

    /// The identity service answered success with a body this crate cannot use.
    #[error("token response (HTTP {status}) is not usable: {reason}")]
    InvalidResponse {
        /// The HTTP status of the answer.
        status: u16,
        /// What is wrong with it.
        reason: String,
    },

    /// The provider is configured wrongly: a missing variable, a bad URL.
    #[error("configuration error: {0}")]
    Config(String),

    /// A provider written outside this crate failed.
    #[error("token provider failed: {0}")]
    Provider(String),
}

impl AuthError {
    /// Whether a later attempt could succeed without a change of configuration.
    pub fn is_transient(&self) -> bool {
        matches!(self, AuthError::Unavailable { .. })
    }

    /// The HTTP status the identity service answered, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            AuthError::Refused { status, .. } | AuthError::InvalidResponse { status, .. } => {
                Some(*status)
            }
            AuthError::Unavailable { status, .. } => *status,
            AuthError::Config(_) | AuthError::Provider(_) => None,
        }
    }
}

fn describe(description: &Option<String>) -> String {
    match description {
        Some(text) if !text.is_empty() => format!(" ({text})"),
        _ => String::new(),
    }
}
