//! URL decoding the way PHP (and so Magento) does it: `+` is a space, `%XX` a byte, once.

use percent_encoding::percent_decode_str;

/// Decodes one path segment or query component like PHP's `urldecode`.
///
/// `+` becomes a space, `%XX` the byte it names; a `%` not followed by two hex digits stays as
/// it is. Bytes that are not UTF-8 become U+FFFD.
pub(crate) fn decode_component(raw: &str) -> String {
    let spaced = raw.replace('+', " ");
    percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

/// The decoded `key=value` pairs of a query string, in order; a key without `=` has an empty
/// value, empty pieces between `&` are skipped.
pub(crate) fn query_pairs(raw: &str) -> impl Iterator<Item = (String, String)> + '_ {
    raw.split('&').filter(|piece| !piece.is_empty()).map(|piece| {
        let (key, value) = piece.split_once('=').unwrap_or((piece, ""));
        (decode_component(key), decode_component(value))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plus_is_a_space_and_percent_2b_is_a_plus() {
        assert_eq!(decode_component("BAH-SB+7"), "BAH-SB 7");
        assert_eq!(decode_component("BAH-SB%2B7"), "BAH-SB+7");
        assert_eq!(decode_component("AB-1%2F6"), "AB-1/6");
        assert_eq!(decode_component("%2E%2E"), "..");
        assert_eq!(decode_component("%C3%84-1"), "Ä-1");
    }

    #[test]
    fn decoding_happens_once_and_keeps_stray_percent_signs() {
        assert_eq!(decode_component("50%2525OFF"), "50%25OFF");
        assert_eq!(decode_component("50%OFF"), "50%OFF");
        assert_eq!(decode_component("100%"), "100%");
    }

    #[test]
    fn query_pairs_decode_keys_and_values() {
        let pairs: Vec<_> = query_pairs("a%5B0%5D=%25x%25&&b&c=1+2").collect();
        assert_eq!(
            pairs,
            vec![
                ("a[0]".to_owned(), "%x%".to_owned()),
                ("b".to_owned(), String::new()),
                ("c".to_owned(), "1 2".to_owned()),
            ]
        );
    }
}
