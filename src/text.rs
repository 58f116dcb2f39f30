//! Making text from servers and files safe to show on a terminal: control and format
//! characters escaped, the exact values of the run's secrets masked, JSON that cannot steer
//! a terminal either.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::sync::Mutex;

/// What a secret's value is replaced with wherever it would be shown.
pub const REDACTED: &str = "(redacted)";
/// Shorter values are not masked: they would cut ordinary words out of every message.
const MIN_SECRET_LEN: usize = 6;
/// Signatures differ per request: the latest ones are kept, so a long watch stays bounded.
const RECENT_SIGNATURES: usize = 256;

/// The secrets of this run that no output may carry, whatever a server echoes back.
struct Known {
    lasting: Vec<String>,
    recent: VecDeque<String>,
}

static KNOWN: Mutex<Known> = Mutex::new(Known {
    lasting: Vec::new(),
    recent: VecDeque::new(),
});

fn known() -> std::sync::MutexGuard<'static, Known> {
    KNOWN
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The forms a secret takes in text: as is, and escaped inside a JSON string (an IAM error
/// that echoes the request body quotes the password that way).
fn forms(value: &str) -> Vec<String> {
    let value = value.trim();
    if value.chars().count() < MIN_SECRET_LEN {
        return Vec::new();
    }
    let mut forms = vec![value.to_string()];
    let quoted = serde_json::to_string(value).unwrap_or_default();
    let escaped = quoted.trim_matches('"');
    if escaped != value {
        forms.push(escaped.to_string());
    }
    forms
}

/// A secret read or received this run (SK, token, password, security token): its exact
/// value is masked in every text that [`sanitize`] or the JSON writers prepares from now on.
pub fn forbid(value: &str) {
    let mut known = known();
    for form in forms(value) {
        if !known.lasting.contains(&form) {
            known.lasting.push(form);
        }
    }
}

/// Like [`forbid`] for per-request values (signatures): only the latest few are kept.
pub fn forbid_recent(value: &str) {
    let mut known = known();
    for form in forms(value) {
        if known.recent.len() >= RECENT_SIGNATURES {
            known.recent.pop_front();
        }
        known.recent.push_back(form);
    }
}

/// `text` with every known secret replaced by [`REDACTED`].
pub fn mask_secrets(text: &str) -> Cow<'_, str> {
    let known = known();
    mask_values(text, known.lasting.iter().chain(known.recent.iter()))
}

/// `text` with each of `values` (at least a few characters long) replaced by [`REDACTED`].
pub fn mask_values<S: AsRef<str>>(text: &str, values: impl IntoIterator<Item = S>) -> Cow<'_, str> {
    let mut out = Cow::Borrowed(text);
    for value in values {
        let value = value.as_ref();
        if value.chars().count() >= MIN_SECRET_LEN && out.contains(value) {
            out = Cow::Owned(out.replace(value, REDACTED));
        }
    }
    out
}

/// Characters that change how the text around them is shown without being visible: bidi
/// overrides and isolates, zero-width characters, line and paragraph separators, the BOM.
fn is_format(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

/// `3,400`: a count grouped by thousands.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Escapes control characters (ESC, CR, BEL, C1 controls...) and format characters (bidi
/// overrides, zero-width ones) so that text from a server can never move the cursor,
/// recolour the screen, forge lines or read differently than it is; masks the run's
/// secrets. Printable Unicode is kept.
pub fn sanitize(s: &str) -> String {
    let masked = mask_secrets(s);
    let mut out = String::with_capacity(masked.len());
    for c in masked.chars() {
        if c.is_control() || is_format(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Pretty JSON that is safe on a terminal: besides what JSON escapes anyway, DEL, the C1
/// controls (`\u009b` is a one-byte CSI) and format characters are written as `\uXXXX`, and
/// the run's secrets are masked in every string.
/// Written straight to `out`, so that a long list costs no copy of itself.
pub fn write_json_pretty(
    out: &mut dyn std::io::Write,
    value: &impl serde::Serialize,
) -> serde_json::Result<()> {
    let formatter = SafeStrings {
        inner: serde_json::ser::PrettyFormatter::new(),
        string: None,
    };
    value.serialize(&mut serde_json::Serializer::with_formatter(out, formatter))
}

/// Like [`write_json_pretty`], on one line (NDJSON).
pub fn json_line(value: &impl serde::Serialize) -> serde_json::Result<String> {
    let mut out = Vec::new();
    let formatter = SafeStrings {
        inner: serde_json::ser::CompactFormatter,
        string: None,
    };
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out, formatter,
    ))?;
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// Collects each JSON string whole, then writes it masked and escaped.
struct SafeStrings<F> {
    inner: F,
    string: Option<String>,
}

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for SafeStrings<F> {
    fn begin_string<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.string = Some(String::new());
        Ok(())
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        _: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        self.string
            .get_or_insert_with(String::new)
            .push_str(fragment);
        Ok(())
    }

    fn write_char_escape<W: ?Sized + std::io::Write>(
        &mut self,
        _: &mut W,
        escape: serde_json::ser::CharEscape,
    ) -> std::io::Result<()> {
        use serde_json::ser::CharEscape;
        let c = match escape {
            CharEscape::Quote => '"',
            CharEscape::ReverseSolidus => '\\',
            CharEscape::Solidus => '/',
            CharEscape::Backspace => '\u{8}',
            CharEscape::FormFeed => '\u{c}',
            CharEscape::LineFeed => '\n',
            CharEscape::CarriageReturn => '\r',
            CharEscape::Tab => '\t',
            CharEscape::AsciiControl(b) => char::from(b),
        };
        self.string.get_or_insert_with(String::new).push(c);
        Ok(())
    }

    fn end_string<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        let raw = self.string.take().unwrap_or_default();
        let mut out = String::with_capacity(raw.len() + 2);
        out.push('"');
        for c in mask_secrets(&raw).chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if c.is_control() || is_format(c) => {
                    out.push_str(&format!("\\u{:04x}", u32::from(c)));
                }
                c => out.push(c),
            }
        }
        out.push('"');
        w.write_all(out.as_bytes())
    }

    // Everything but strings as the inner formatter writes it.
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.inner.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.inner.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.inner.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.inner.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.inner.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.inner.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.inner.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.inner.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.inner.end_object_value(w)
    }
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
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(3400), "3,400");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

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
    fn format_characters_are_escaped() {
        assert_eq!(
            sanitize("a\u{202e}b\u{2066}c\u{200b}d\u{2028}e\u{feff}"),
            "a\\u{202e}b\\u{2066}c\\u{200b}d\\u{2028}e\\u{feff}"
        );
        assert_eq!(
            sanitize("\u{202f}ä"),
            "\u{202f}ä",
            "a narrow space is just a space"
        );
    }

    #[test]
    fn json_escapes_what_could_steer_a_terminal() {
        let v = serde_json::json!({"a\u{9b}": "x\u{7f}y\u{9b}2J\u{202e}\u{1b}\"\\\n/é"});
        let text = json_line(&v).unwrap();
        assert_eq!(
            text,
            r#"{"a\u009b":"x\u007fy\u009b2J\u202e\u001b\"\\\n/é"}"#
        );
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), v);
        let mut pretty = Vec::new();
        write_json_pretty(&mut pretty, &serde_json::json!({"k": [1, "\u{85}"]})).unwrap();
        let pretty = String::from_utf8(pretty).unwrap();
        assert_eq!(pretty, "{\n  \"k\": [\n    1,\n    \"\\u0085\"\n  ]\n}");
    }

    #[test]
    fn known_secrets_are_masked_everywhere_they_are_shown() {
        forbid("text-test-secret-1\"q");
        forbid("short");
        forbid_recent("text-test-signature-aa");
        let echoed = "token: text-test-secret-1\"q, body {\"password\":\"text-test-secret-1\\\"q\"} sig text-test-signature-aa; short";
        assert_eq!(
            sanitize(echoed),
            "token: (redacted), body {\"password\":\"(redacted)\"} sig (redacted); short"
        );
        let json = json_line(&serde_json::json!({"code": "xtext-test-secret-1\"q"})).unwrap();
        assert_eq!(json, r#"{"code":"x(redacted)"}"#);
        assert_eq!(
            mask_values("a line-one b", ["line-one", "b"]),
            "a (redacted) b"
        );
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
