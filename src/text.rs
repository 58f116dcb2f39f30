//! Making text from servers and files safe to show on a terminal.

/// Escapes control characters (ESC, CR, BEL, C1 controls...) so that text from a server can
/// never move the cursor, recolour the screen or forge lines. Printable Unicode is kept.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Like `sanitize`, but keeps line breaks: for multi-line messages (a table of candidates).
pub fn sanitize_lines(s: &str) -> String {
    s.split('\n').map(sanitize).collect::<Vec<_>>().join("\n")
}

/// The first `max` characters of `s`, sanitized, with `…` when it was cut.
pub fn snippet(s: &str, max: usize) -> String {
    let mut cut: String = s.chars().take(max).collect();
    let longer = s.chars().nth(max).is_some();
    cut = sanitize(&cut);
    if longer {
        cut.push('…');
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(sanitize("a\x1b[31mb\r\n"), "a\\u{1b}[31mb\\r\\n");
        assert_eq!(sanitize("zä✓"), "zä✓");
        assert_eq!(sanitize("\u{9b}"), "\\u{9b}");
    }

    proptest::proptest! {
        #[test]
        fn sanitized_text_has_no_control_characters(s in "\\PC*|[\\x00-\\x1f\\x7f-\\u{9f}a-z]{0,40}") {
            proptest::prop_assert!(!sanitize(&s).chars().any(char::is_control));
        }
    }

    #[test]
    fn multi_line_text_keeps_its_lines_only() {
        assert_eq!(sanitize_lines("a\x1b\nb\r"), "a\\u{1b}\nb\\r");
    }

    #[test]
    fn snippet_cuts_by_characters() {
        assert_eq!(snippet("ääää", 2), "ää…");
        assert_eq!(snippet("ab", 2), "ab");
    }
}
