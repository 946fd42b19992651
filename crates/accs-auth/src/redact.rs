//! Keeping secrets out of text quoted from a server's answer.

use std::borrow::Cow;

/// What stands in for a secret in text quoted from an answer.
pub const REDACTED: &str = "[REDACTED]";

/// Secrets shorter than this are not searched for: they would match ordinary words of the
/// text, and no real credential is so short (IMS tokens run to hundreds of characters).
pub const MIN_REDACTED_LEN: usize = 8;

/// `text` with every occurrence of `secret` replaced by [`REDACTED`].
///
/// For quoting a server's answer in an error or a log line: gateway error pages, firewalls and
/// debug endpoints echo the request they refused, and with it the client secret or the bearer
/// token it carried. Borrows `text` when there is nothing to replace; a `secret` shorter than
/// [`MIN_REDACTED_LEN`] replaces nothing.
pub fn redact<'a>(text: &'a [u8], secret: &str) -> Cow<'a, [u8]> {
    let secret = secret.as_bytes();
    if secret.len() < MIN_REDACTED_LEN {
        return Cow::Borrowed(text);
    }
    let found = |from: usize| {
        text.get(from..)
            .and_then(|rest| rest.windows(secret.len()).position(|window| window == secret))
            .map(|at| from + at)
    };
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
        let text = b"client_secret=s3cr3t-9&x=s3cr3t-9s3cr3t-9; end";
        let redacted = redact(text, "s3cr3t-9");
        assert_eq!(&*redacted, b"client_secret=[REDACTED]&x=[REDACTED][REDACTED]; end");
        assert_eq!(&*redact(b"s3cr3t-9", "s3cr3t-9"), b"[REDACTED]");
    }

    #[test]
    fn nothing_to_replace_borrows() {
        assert!(matches!(redact(b"plain text", "s3cr3t-9"), Cow::Borrowed(b"plain text")));
        assert!(matches!(redact(b"plain text", ""), Cow::Borrowed(_)));
        assert!(matches!(redact(b"a test text", "t"), Cow::Borrowed(_)));
        assert!(matches!(redact(b"", "s3cr3t-9"), Cow::Borrowed(b"")));
        assert!(matches!(redact(b"s3c", "s3cr3t-9"), Cow::Borrowed(_)));
    }
}
