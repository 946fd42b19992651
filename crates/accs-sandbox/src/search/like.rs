//! SQL `LIKE` patterns: `%` any run, `_` any one character, `\` escapes; case-insensitive.

/// A compiled `LIKE` pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LikePattern {
    tokens: Vec<Token>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Literal(char),
    AnyOne,
    AnyRun,
}

impl LikePattern {
    /// Compiles `pattern`.
    pub(crate) fn new(pattern: &str) -> Self {
        let mut tokens = Vec::with_capacity(pattern.len());
        let mut chars = pattern.chars();
        while let Some(c) = chars.next() {
            let token = match c {
                '%' => Token::AnyRun,
                '_' => Token::AnyOne,
                '\\' => Token::Literal(chars.next().unwrap_or('\\')),
                other => Token::Literal(other),
            };
            if token == Token::AnyRun && tokens.last() == Some(&Token::AnyRun) {
                continue;
            }
            tokens.push(token);
        }
        for token in &mut tokens {
            if let Token::Literal(c) = token {
                *c = fold(*c);
            }
        }
        Self { tokens }
    }

    /// Whether `text` matches, comparing case-insensitively.
    pub(crate) fn matches(&self, text: &str) -> bool {
        let text: Vec<char> = text.chars().map(fold).collect();
        let (mut t, mut p) = (0, 0);
        // Where the last `%` was and how much text it has swallowed, to backtrack to.
        let mut resume: Option<(usize, usize)> = None;
        while t < text.len() {
            match self.tokens.get(p) {
                Some(Token::AnyRun) => {
                    resume = Some((p, t));
                    p += 1;
                }
                Some(Token::AnyOne) => {
                    p += 1;
                    t += 1;
                }
                Some(Token::Literal(c)) if *c == text[t] => {
                    p += 1;
                    t += 1;
                }
                _ => match resume {
                    Some((run, swallowed)) => {
                        p = run + 1;
                        t = swallowed + 1;
                        resume = Some((run, swallowed + 1));
                    }
                    None => return false,
                },
            }
        }
        self.tokens[p..].iter().all(|token| *token == Token::AnyRun)
    }
}

/// One lowercase character for case-insensitive comparison (first of a multi-char lowering).
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_like_sql() {
        let cases = [
            ("%adapter%", "USB-C Adapter 2m", true),
            ("%adapter%", "Cable", false),
            ("MS-_", "ms-7", true),
            ("MS-_", "MS-17", false),
            ("MS-%", "MS-", true),
            ("%", "", true),
            ("", "", true),
            ("a%b%c", "aXXbYYc", true),
            ("a%b%c", "aXXbYY", false),
            ("50\\%%", "50%OFF-1", true),
            ("50\\%%", "500", false),
            ("ä%", "Ärmel", true),
        ];
        for (pattern, text, expected) in cases {
            assert_eq!(LikePattern::new(pattern).matches(text), expected, "{pattern} ~ {text}");
        }
    }
}
