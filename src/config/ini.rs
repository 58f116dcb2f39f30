//! The SDK credentials file read with Python configparser's rules, as the official SDK reads
//! it (`configparser.ConfigParser()`): keys in any case, `[DEFAULT]` inherited by every
//! section, duplicate keys and sections are errors, indented lines continue a value, quotes
//! are kept, `%%` and `%(key)s` interpolated.
//!
//! Written here because no maintained crate has these rules: `rust-ini` and `configparser`
//! keep the last of duplicate keys silently, and `configparser` also strips inline comments,
//! which Python does not by default.

use std::collections::BTreeMap;

use crate::messages::{msg, Message};

const DEFAULT: &str = "DEFAULT";

/// A parsed file: sections by their exact name, keys lowercased, in file order.
#[derive(Debug, Default)]
pub struct Ini {
    sections: Vec<(String, BTreeMap<String, String>)>,
}

/// What is wrong with the file, and on which line (1-based), in the catalogue's words.
#[derive(Debug, PartialEq, Eq)]
pub struct IniError {
    pub line: usize,
    pub message: Message,
}

impl Ini {
    pub fn parse(text: &str) -> Result<Ini, IniError> {
        let mut ini = Ini::default();
        // (section index, key, indent of the key's line) of the value a continuation extends.
        let mut open: Option<(usize, String, usize)> = None;
        let mut current: Option<usize> = None;
        for (n, raw) in text.lines().enumerate() {
            let line = n + 1;
            let raw = if n == 0 {
                raw.trim_start_matches('\u{feff}')
            } else {
                raw
            };
            let stripped = raw.trim();
            let indent = raw.len() - raw.trim_start().len();
            if stripped.starts_with('#') || stripped.starts_with(';') {
                continue;
            }
            if stripped.is_empty() {
                // Python keeps blank lines inside a value and trims them at its end.
                if let Some((s, key, _)) = &open {
                    if let Some(v) = ini.sections[*s].1.get_mut(key) {
                        v.push('\n');
                    }
                }
                continue;
            }
            if let Some((s, key, key_indent)) = &open {
                if indent > *key_indent {
                    if let Some(v) = ini.sections[*s].1.get_mut(key) {
                        v.push('\n');
                        v.push_str(stripped);
                    }
                    continue;
                }
            }
            open = None;
            if let Some(name) = header(stripped) {
                if ini.sections.iter().any(|(s, _)| s == name) {
                    return Err(err(line, msg!("ini-section-twice", name = name)));
                }
                ini.sections.push((name.to_string(), BTreeMap::new()));
                current = Some(ini.sections.len() - 1);
                continue;
            }
            let Some(s) = current else {
                return Err(err(line, msg!("ini-key-first")));
            };
            let Some(at) = stripped.find(['=', ':']) else {
                return Err(err(line, msg!("ini-not-a-line")));
            };
            let key = stripped[..at].trim().to_lowercase();
            let value = stripped[at + 1..].trim().to_string();
            let section = &mut ini.sections[s];
            if section.1.contains_key(&key) {
                let twice = msg!("ini-key-twice", key = key, section = &section.0);
                return Err(err(line, twice));
            }
            section.1.insert(key.clone(), value);
            open = Some((s, key, indent));
        }
        for (_, keys) in &mut ini.sections {
            for v in keys.values_mut() {
                let trimmed = v.trim_end_matches('\n').len();
                v.truncate(trimmed);
            }
        }
        Ok(ini)
    }

    /// A key of a section (any case), else of `[DEFAULT]`, interpolated; `Ok(None)` when the
    /// section or the key is not there.
    pub fn get(&self, section: &str, key: &str) -> Result<Option<String>, Message> {
        if !self.has_section(section) {
            return Ok(None);
        }
        self.raw(section, &key.to_lowercase())
            .map(|v| interpolate(v, |k| self.raw(section, k), 0, &mut 0))
            .transpose()
    }

    pub fn has_section(&self, name: &str) -> bool {
        name != DEFAULT && self.sections.iter().any(|(s, _)| s == name)
    }

    fn raw(&self, section: &str, key: &str) -> Option<&str> {
        let find = |name: &str| {
            self.sections
                .iter()
                .find(|(s, _)| s == name)
                .and_then(|(_, keys)| keys.get(key))
        };
        find(section).or_else(|| find(DEFAULT)).map(String::as_str)
    }
}

/// `[name]`: the text between the first `[` and the last `]` (Python's `\[(?P<header>.+)\]`).
fn header(line: &str) -> Option<&str> {
    let inner = line.strip_prefix('[')?;
    let end = inner.rfind(']')?;
    let name = &inner[..end];
    (!name.is_empty()).then_some(name)
}

fn err(line: usize, message: Message) -> IniError {
    IniError { line, message }
}

/// What one value may expand to: far above any key or secret, far below a `%(k)s` bomb.
const EXPANSION_LIMIT: usize = 64 * 1024;
/// `%(key)s` references one value may follow in all: bounds the work of a bomb whose keys
/// are empty, which never grows the value.
const REFERENCE_LIMIT: usize = 1000;

/// configparser's BasicInterpolation: `%%` is `%`, `%(key)s` is another key's value (10
/// levels deep at most, as Python); any other `%` is an error. Unlike Python, the expansion
/// is bounded (see the limits above): a small file must not take minutes and gigabytes.
fn interpolate<'a>(
    value: &str,
    lookup: impl Fn(&str) -> Option<&'a str> + Copy,
    depth: usize,
    references: &mut usize,
) -> Result<String, Message> {
    if depth > 10 {
        return Err(msg!("ini-nests-deep"));
    }
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("%%") {
            out.push('%');
            rest = after;
        } else if let Some(name_end) = rest.strip_prefix("%(").and_then(|r| r.find(")s")) {
            *references += 1;
            if *references > REFERENCE_LIMIT {
                return Err(msg!("ini-references", limit = REFERENCE_LIMIT));
            }
            let name = rest[2..2 + name_end].to_lowercase();
            let target = lookup(&name).ok_or_else(|| msg!("ini-no-such-key", name = &name))?;
            out.push_str(&interpolate(target, lookup, depth + 1, references)?);
            rest = &rest[2 + name_end + 2..];
        } else {
            return Err(msg!("ini-percent"));
        }
        if out.len() > EXPANSION_LIMIT {
            return Err(msg!("ini-expands", limit = EXPANSION_LIMIT >> 10));
        }
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(ini: &Ini, section: &str, key: &str) -> Option<String> {
        ini.get(section, key).unwrap()
    }

    #[test]
    fn keys_in_any_case_and_default_inherited() {
        let ini = Ini::parse("[DEFAULT]\nAK = fromdefault\n\n[basic]\nSk: secret\n").unwrap();
        assert_eq!(get(&ini, "basic", "ak").as_deref(), Some("fromdefault"));
        assert_eq!(get(&ini, "basic", "sk").as_deref(), Some("secret"));
        assert_eq!(
            get(&ini, "Basic", "sk"),
            None,
            "section names keep their case"
        );
        assert!(!ini.has_section("DEFAULT"));
    }

    #[test]
    fn duplicates_are_errors_naming_the_line() {
        let e = Ini::parse("[basic]\nak = a\n# note\nAK = b\n").unwrap_err();
        assert_eq!(e.line, 4);
        assert_eq!(e.message.to_string(), "key \"ak\" appears twice in [basic]");
        let e = Ini::parse("[basic]\nak = a\n[basic]\n").unwrap_err();
        assert_eq!(
            (e.line, e.message.to_string()),
            (3, "section [basic] appears twice".to_string())
        );
    }

    #[test]
    fn continuation_lines_quotes_and_comments() {
        let ini = Ini::parse(
            "[basic]\nak = \"quoted\"\nsk = first\n  second\n\n   third\n\nproject_id = p ; not a comment\n",
        )
        .unwrap();
        assert_eq!(get(&ini, "basic", "ak").as_deref(), Some("\"quoted\""));
        assert_eq!(
            get(&ini, "basic", "sk").as_deref(),
            Some("first\nsecond\n\nthird")
        );
        assert_eq!(
            get(&ini, "basic", "project_id").as_deref(),
            Some("p ; not a comment")
        );
    }

    #[test]
    fn interpolation_like_basic_interpolation() {
        let ini =
            Ini::parse("[DEFAULT]\nbase = x\n[basic]\nsk = 100%%-%(base)s\nbad = 5%\n").unwrap();
        assert_eq!(get(&ini, "basic", "sk").as_deref(), Some("100%-x"));
        assert!(ini.get("basic", "bad").is_err());
    }

    #[test]
    fn interpolation_bombs_end_early_naming_the_limit() {
        let mut wide = format!("[DEFAULT]\nk0 = {}\n", "x".repeat(1000));
        for level in 1..=9 {
            let refs = format!("%(k{})s", level - 1).repeat(10);
            wide.push_str(&format!("k{level} = {refs}\n"));
        }
        wide.push_str("[basic]\nak = %(k9)s\n");
        let ini = Ini::parse(&wide).unwrap();
        let e = ini.get("basic", "ak").unwrap_err();
        assert_eq!(e.to_string(), "interpolation expands the value past 64 KiB");
        let empty = wide.replace(&"x".repeat(1000), "");
        let e = Ini::parse(&empty).unwrap().get("basic", "ak").unwrap_err();
        assert_eq!(
            e.to_string(),
            "interpolation follows more than 1000 `%(key)s` references"
        );
    }

    #[test]
    fn lines_that_are_not_ini() {
        assert_eq!(Ini::parse("ak = a\n").unwrap_err().line, 1);
        assert_eq!(Ini::parse("[basic]\njust words\n").unwrap_err().line, 2);
    }
}
