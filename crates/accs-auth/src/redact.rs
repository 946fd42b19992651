//! Keeping secrets out of text quoted from a server's answer.

use std::borrow::Cow;

/// What stands in for a secret in text quoted from an answer.
pub const REDACTED: &str = "[REDACTED]";

/// `text` with every occurrence of `secret` replaced by [`REDACTED`].
///
/// For quoting a server's answer in an error or a log line: gateway error pages, firewalls and
/// debug endpoints echo the request they refused, and with it the client secret or the bearer
/// token it carried. Borrows `text` when there is nothing to replace; an empty `secret`
/// replaces nothing.
pub fn redact<'a>(text: &'a [u8], secret: &str) -> Cow<'a, [u8]> {
    let secret = secret.as_bytes();
    let found = |from: usize| {
        text.get(from..)
            .and_then(|rest| rest.windows(secret.len()).position(|window| window == secret))
            .map(|at| from + at)
    };
    if secret.is_empty() {
        return Cow::Borrowed(text);
    }
    let Some(mut at) = found(0) else {
        return Cow::Borrowed(text);
    };
    let mut out = Vec::with_capacity(text.len());
    let mut copied = 0;
    loop {
        out.extend_from_slice(&text[copied..at]);
        out.extend_from_slice(REDACTED.as_bytes());
        copied = at + secret.len();
        match found(copied) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.extend_from_slice(&text[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_occurrence_is_replaced_and_the_rest_kept() {
        let text = b"client_secret=s3cr3t&x=s3cr3ts3cr3t; end";
        let redacted = redact(text, "s3cr3t");
        assert_eq!(&*redacted, b"client_secret=[REDACTED]&x=[REDACTED][REDACTED]; end");
        assert_eq!(&*redact(b"s3cr3t", "s3cr3t"), b"[REDACTED]");
    }

    #[test]
    fn nothing_to_replace_borrows() {
        assert!(matches!(redact(b"plain text", "s3cr3t"), Cow::Borrowed(b"plain text")));
        assert!(matches!(redact(b"plain text", ""), Cow::Borrowed(_)));
        assert!(matches!(redact(b"", "s3cr3t"), Cow::Borrowed(b"")));
        assert!(matches!(redact(b"s3c", "s3cr3t"), Cow::Borrowed(_)));
    }
}
