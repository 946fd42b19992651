//! The one error type of this crate.

use std::time::Duration;

use crate::CommerceMessage;

/// What went wrong with a Commerce REST request.
///
/// Display always names the HTTP status when there was one, and the rendered server message
/// when the server sent one. Nothing here holds a token or a secret.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// HTTP 404 with a Commerce error body: the entity or the route does not exist.
    #[error("not found (HTTP 404): {}", .message.full_text())]
    NotFound {
        /// The server's message.
        message: Box<CommerceMessage>,
    },

    /// HTTP 401 again after one token refresh and replay.
    #[error("unauthorized (HTTP 401){}", suffix(.message))]
    Unauthorized {
        /// The server's message, when the body was a Commerce one.
        message: Option<Box<CommerceMessage>>,
    },

    /// HTTP 403.
    #[error("forbidden (HTTP 403){}", suffix(.message))]
    Forbidden {
        /// The server's message, when the body was a Commerce one.
        message: Option<Box<CommerceMessage>>,
    },

    /// HTTP 429 after the retries allowed, or with a `Retry-After` longer than the policy
    /// accepts.
    #[error("rate limited (HTTP 429){}", wait(.retry_after))]
    RateLimited {
        /// How long the server asked to wait, when it said.
        retry_after: Option<Duration>,
    },

    /// A 4xx other than 401, 403, 404 and 429 with a Commerce error body: the request was
    /// refused, usually for invalid input.
    #[error("request refused (HTTP {status}): {}", .message.full_text())]
    Validation {
        /// The HTTP status.
        status: u16,
        /// The server's message, with the details in `errors`.
        message: Box<CommerceMessage>,
    },

    /// A 5xx with a Commerce error body, after the retries allowed.
    #[error("server error (HTTP {status}): {}", .message.full_text())]
    Server {
        /// The HTTP status.
        status: u16,
        /// The server's message.
        message: Box<CommerceMessage>,
    },

    /// An answer whose body is not a Commerce JSON body, such as a gateway's HTML page.
    #[error("HTTP {status} with a non-JSON body ({content_type}): {excerpt}")]
    NonJson {
        /// The HTTP status.
        status: u16,
        /// The `Content-Type` the server gave, or `unknown`.
        content_type: String,
        /// The start of the body, on one line.
        excerpt: String,
    },

    /// An answer with no body where one was needed.
    #[error("HTTP {status} with an empty body")]
    EmptyBody {
        /// The HTTP status.
        status: u16,
    },

    /// A body larger than the client accepts.
    #[error("HTTP {status} body exceeds the {limit}-byte limit")]
    BodyTooLarge {
        /// The HTTP status.
        status: u16,
        /// The limit in bytes.
        limit: usize,
    },

    /// The request did not complete in time.
    #[error("request timed out{}", if *.outcome_unknown { "; the write may or may not have been applied" } else { "" })]
    Timeout {
        /// For a write: the server may have applied it. Check before repeating a create.
        outcome_unknown: bool,
    },

    /// The server could not be reached; the request was not sent.
    #[error("could not connect: {reason}")]
    Connect {
        /// Why, as the network stack said.
        reason: String,
    },

    /// The connection failed after the request was sent, or the answer broke off.
    #[error("connection interrupted{}: {reason}", status_part(.status))]
    Interrupted {
        /// The HTTP status, if the head of the answer arrived.
        status: Option<u16>,
        /// Why, as the network stack said.
        reason: String,
        /// For a write: the server may have applied it.
        outcome_unknown: bool,
    },

    /// A JSON answer of the wrong shape.
    #[error("HTTP {status}: cannot read the body as {what}: {reason}; body starts: {excerpt}")]
    Decode {
        /// The HTTP status.
        status: u16,
        /// What was expected.
        what: String,
        /// The decoder's complaint.
        reason: String,
        /// The start of the body.
        excerpt: String,
    },

    /// Getting a token failed.
    #[error("authentication failed: {0}")]
    Auth(accs_auth::AuthError),

    /// The client is configured wrongly.
    #[error("configuration error: {0}")]
    Config(String),

    /// The request cannot be sent as asked (an empty or unsendable path segment, a body that
    /// does not serialise).
    #[error("invalid request: {0}")]
    InvalidInput(String),
}

impl Error {
    /// The HTTP status of the answer behind this error, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::NotFound { .. } => Some(404),
            Error::Unauthorized { .. } => Some(401),
            Error::Forbidden { .. } => Some(403),
            Error::RateLimited { .. } => Some(429),
            Error::Validation { status, .. }
            | Error::Server { status, .. }
            | Error::NonJson { status, .. }
            | Error::EmptyBody { status }
            | Error::BodyTooLarge { status, .. }
            | Error::Decode { status, .. } => Some(*status),
            Error::Interrupted { status, .. } => *status,
            Error::Timeout { .. }
            | Error::Connect { .. }
            | Error::Auth(_)
            | Error::Config(_)
            | Error::InvalidInput(_) => None,
        }
    }

    /// Whether the server said the entity does not exist (a Commerce 404, not an HTML one).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::NotFound { .. })
    }

    /// Whether the server has no such endpoint: Magento's 404 `Request does not match any
    /// route.`, which means the request never reached an entity. Its usual cause is a base URL
    /// of the wrong flavour (ACCS paths have no `/rest`, PaaS paths need it).
    pub fn is_route_miss(&self) -> bool {
        matches!(self, Error::NotFound { message }
            if message.template.contains("does not match any route"))
    }

    /// Whether a write may have been applied although it failed (timeouts and broken
    /// connections after sending).
    pub fn is_outcome_unknown(&self) -> bool {
        matches!(
            self,
            Error::Timeout { outcome_unknown: true }
                | Error::Interrupted { outcome_unknown: true, .. }
        )
    }

    /// How long the server asked to wait, for a rate-limited error.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimited { retry_after } => *retry_after,
            _ => None,
        }
    }

    /// The server's message, when it sent a Commerce error body.
    pub fn commerce_message(&self) -> Option<&CommerceMessage> {
        match self {
            Error::NotFound { message }
            | Error::Validation { message, .. }
            | Error::Server { message, .. } => Some(message),
            Error::Unauthorized { message } | Error::Forbidden { message } => message.as_deref(),
            _ => None,
        }
    }
}

impl From<accs_auth::AuthError> for Error {
    /// A configuration problem stays one; every other token failure becomes [`Error::Auth`].
    fn from(err: accs_auth::AuthError) -> Self {
        match err {
            accs_auth::AuthError::Config(message) => Error::Config(message),
            other => Error::Auth(other),
        }
    }
}

fn suffix(message: &Option<Box<CommerceMessage>>) -> String {
    message.as_ref().map(|m| format!(": {}", m.full_text())).unwrap_or_default()
}

fn wait(retry_after: &Option<Duration>) -> String {
    match retry_after {
        Some(wait) => format!(": the server asked to wait {} s", wait.as_secs()),
        None => ": the server gave no Retry-After".to_owned(),
    }
}

fn status_part(status: &Option<u16>) -> String {
    status.map(|status| format!(" (HTTP {status})")).unwrap_or_default()
}
