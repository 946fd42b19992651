//! Building request URLs: each path segment percent-encoded as exactly one segment.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use url::Url;

use crate::{Error, Flavor, StoreScope};

/// Everything but the unreserved characters `A-Z a-z 0-9 - . _ ~` is encoded. The server
/// decodes a segment once, PHP-style (`+` becomes a space), so `+` must be `%2B` and a space
/// `%20`, and `/`, `?`, `#`, `%` must never reach it raw.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Encodes `segment` as one path segment.
///
/// Refuses an empty segment (it would address another route) and the segments `.` and `..`:
/// URL normalisation (WHATWG, which the `url` crate and so every Rust HTTP client follows)
/// treats `%2E` like `.`, so such a segment cannot reach the server as itself.
// FIXME: so a product whose SKU is `.` or `..` can be read (accs-catalog searches `sku eq`)
// but not updated or deleted by SKU; sending `%2E` would need an HTTP client that does not
// normalise paths.
pub fn encode_segment(segment: &str) -> Result<String, Error> {
    match segment {
        "" => Err(Error::InvalidInput("an empty path segment cannot be sent".to_owned())),
        "." | ".." => Err(Error::InvalidInput(format!(
            "the path segment {segment:?} cannot be sent: URL normalisation would remove it"
        ))),
        _ => Ok(utf8_percent_encode(segment, SEGMENT).to_string()),
    }
}

/// The URL of `segments` under `/V1/` for this base, flavour and store.
pub(crate) fn endpoint_url(
    base: &str,
    flavor: Flavor,
    store: Option<&StoreScope>,
    segments: &[&str],
) -> Result<Url, Error> {
    let mut text = String::with_capacity(base.len() + 64);
    text.push_str(base.trim_end_matches('/'));
    if flavor == Flavor::Paas {
        text.push_str("/rest");
        if let Some(store) = store {
            text.push('/');
            text.push_str(store.as_str());
        }
    }
    text.push_str("/V1");
    for segment in segments {
        text.push('/');
        text.push_str(&encode_segment(segment)?);
    }
    let url = Url::parse(&text).map_err(|err| Error::InvalidInput(format!("bad URL: {err}")))?;
    // Belt and braces: normalisation must not have changed the path we built.
    if !text.ends_with(url.path()) {
        return Err(Error::InvalidInput(format!(
            "the path {:?} would be changed by URL normalisation",
            url.path()
        )));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sku_encoding_matrix_of_case_c02() {
        for (sku, segment) in [
            ("AB-100/6", "AB-100%2F6"),
            ("BAH-SB+7", "BAH-SB%2B7"),
            ("ABCD (20-B)", "ABCD%20%2820-B%29"),
            ("A#1", "A%231"),
            ("50%OFF", "50%25OFF"),
            ("A?B", "A%3FB"),
            ("Ä-1", "%C3%84-1"),
            ("a.b_c~d", "a.b_c~d"),
            ("...", "..."),
        ] {
            assert_eq!(encode_segment(sku).unwrap(), segment, "{sku}");
        }
    }

    #[test]
    fn decoding_a_segment_gives_the_sku_back() {
        let samples =
            ["x y+z", "%2F", "a/b/../c", "tab\there", "nul\0", "🦀 ünïcödé", "%%", "a;b=c"];
        for sku in samples {
            let encoded = encode_segment(sku).unwrap();
            assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
            let decoded = percent_encoding::percent_decode_str(&encoded).decode_utf8().unwrap();
            assert_eq!(decoded, sku);
        }
    }

    #[test]
    fn dot_segments_and_empty_ones_are_refused() {
        for sku in ["", ".", ".."] {
            assert!(matches!(encode_segment(sku), Err(Error::InvalidInput(_))), "{sku:?}");
        }
    }

    #[test]
    fn urls_per_flavour_and_store() {
        let store = StoreScope::new("de").unwrap();
        let saas = endpoint_url("https://h/T1/", Flavor::Saas, Some(&store), &["products", "A/1"]);
        assert_eq!(saas.unwrap().as_str(), "https://h/T1/V1/products/A%2F1");
        let paas = endpoint_url("https://h", Flavor::Paas, Some(&store), &["products"]);
        assert_eq!(paas.unwrap().as_str(), "https://h/rest/de/V1/products");
        let paas = endpoint_url("https://h", Flavor::Paas, None, &["products"]);
        assert_eq!(paas.unwrap().as_str(), "https://h/rest/V1/products");
    }
}
