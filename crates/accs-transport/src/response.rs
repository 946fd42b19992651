//! Reading answers: bounded bodies and the mapping of statuses to [`Error`]s.

use reqwest::StatusCode;
use reqwest::header;

use crate::{CommerceMessage, Error};

/// A whole answer body with what is needed to judge it.
pub(crate) struct Body {
    pub(crate) status: u16,
    pub(crate) content_type: String,
    pub(crate) retry_after: Option<String>,
    pub(crate) bytes: bytes::Bytes,
}

impl Body {
    /// This body with every occurrence of `secret` replaced, for building an error from it.
    pub(crate) fn without(&self, secret: &str) -> Body {
        let bytes = match accs_auth::redact(&self.bytes, secret) {
            std::borrow::Cow::Borrowed(_) => self.bytes.clone(),
            std::borrow::Cow::Owned(redacted) => redacted.into(),
        };
        Body {
            status: self.status,
            content_type: self.content_type.clone(),
            retry_after: self.retry_after.clone(),
            bytes,
        }
    }

    pub(crate) fn looks_like_json(&self) -> bool {
        self.content_type.contains("json")
            || matches!(self.bytes.iter().find(|b| !b.is_ascii_whitespace()), Some(b'{' | b'['))
    }
}

/// Reads the body of `response`, refusing more than `limit` bytes.
pub(crate) async fn read_body(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Body, Error> {
    let status = response.status().as_u16();
    let headers = response.headers();
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let content_type = text(header::CONTENT_TYPE).unwrap_or_else(|| "unknown".to_owned());
    let retry_after = text(header::RETRY_AFTER);
    if response.content_length().is_some_and(|length| length > limit as u64) {
        return Err(Error::BodyTooLarge { status, limit });
    }

    let mut bytes = Vec::with_capacity(response.content_length().unwrap_or(0) as usize);
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if bytes.len() + chunk.len() > limit {
                    return Err(Error::BodyTooLarge { status, limit });
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(err) if err.is_timeout() => {
                return Err(Error::Timeout { outcome_unknown: false });
            }
            Err(err) => {
                return Err(Error::Interrupted {
                    status: Some(status),
                    reason: describe(&err),
                    outcome_unknown: false,
                });
            }
        }
    }
    Ok(Body { status, content_type, retry_after, bytes: bytes.into() })
}

/// The error for an answer with a non-success `status`.
pub(crate) fn classify_status(status: StatusCode, body: &Body) -> Error {
    let code = status.as_u16();
    let message = CommerceMessage::parse(&body.bytes).map(Box::new);
    let raw = || {
        if body.bytes.iter().all(u8::is_ascii_whitespace) {
            Error::EmptyBody { status: code }
        } else {
            Error::NonJson {
                status: code,
                content_type: body.content_type.clone(),
                excerpt: excerpt(&body.bytes),
            }
        }
    };
    match (code, message) {
        (401, message) => Error::Unauthorized { message },
        (403, message) => Error::Forbidden { message },
        (429, _) => Error::RateLimited {
            retry_after: body.retry_after.as_deref().and_then(|value| {
                accs_auth::parse_retry_after(value, std::time::SystemTime::now())
            }),
        },
        (404, Some(message)) => Error::NotFound { message },
        (400..=499, Some(message)) => Error::Validation { status: code, message },
        (500..=599, Some(message)) => Error::Server { status: code, message },
        _ => raw(),
    }
}

/// The start of a body on one line: at most 200 characters.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(2048)]);
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(200) {
        Some((cut, _)) => format!("{}...", &line[..cut]),
        None => line,
    }
}

/// A transport error with its causes, on one line. URLs hold no secrets here: tokens travel
/// only in the Authorization header.
pub(crate) fn describe(err: &reqwest::Error) -> String {
    let mut text = if err.is_timeout() {
        "timed out".to_owned()
    } else if err.is_connect() {
        "connection failed".to_owned()
    } else if err.is_body() || err.is_decode() {
        "the body broke off".to_owned()
    } else {
        "request failed".to_owned()
    };
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
