//! `DesktopId`: a desktop's ID as the API allows it, and its one encoding as a URL path segment.

use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - _ . ~`) is encoded: the
/// rule the request signer canonicalises paths with, so that what is signed is what is sent.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The longest ID the API accepts, in characters.
const MAX_CHARS: usize = 255;

/// A validated desktop ID: 1 to 255 characters, no control characters, not `.` or `..`.
/// Shared text: a run holds a fleet's IDs in several places (its list, each desktop's state),
/// and a clone costs a counter, not another copy.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DesktopId(std::sync::Arc<str>);

/// Why a text is not a desktop ID; the message names it (the hint `hint-desktop-id-rule` in the
/// messages catalogue says what one is).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the desktop ID \"{shown}\" {problem}")]
pub struct InvalidDesktopId {
    shown: String,
    problem: &'static str,
}

impl InvalidDesktopId {
    /// The text as shown (cut and escaped).
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// What is wrong with it, one of the `pub const` problems below (the commands room has
    /// their words in each language).
    pub fn problem(&self) -> &'static str {
        self.problem
    }
}

pub const EMPTY: &str = "is empty";
pub const TOO_LONG: &str = "is longer than 255 characters";
pub const CONTROLS: &str = "contains control characters";

impl DesktopId {
    /// The API allows any 1-255 character string; `.` and `..` alone would change the URL's
    /// path, and control characters have no business in an ID (or a terminal).
    pub fn parse(raw: &str) -> Result<DesktopId, InvalidDesktopId> {
        let problem = if raw.is_empty() {
            EMPTY
        } else if raw.chars().count() > MAX_CHARS {
            TOO_LONG
        } else if raw.chars().any(char::is_control) {
            CONTROLS
        } else if raw == "." || raw == ".." {
            "would name a different path"
        } else {
            return Ok(DesktopId(raw.into()));
        };
        Err(InvalidDesktopId {
            shown: crate::text::snippet(raw, 60),
            problem,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ID as exactly one percent-encoded path segment: `/`, `%`, spaces and non-ASCII
    /// are encoded, so the ID can neither add segments nor be decoded into another one.
    pub fn path_segment(&self) -> String {
        utf8_percent_encode(&self.0, PATH_SEGMENT).to_string()
    }
}

/// Maps keyed by ID are looked up by text (the derived `Hash` hashes the text alone).
impl std::borrow::Borrow<str> for DesktopId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// For people: sanitised, so that an ID with format characters (bidi overrides, zero-width
/// ones) cannot make a line read differently than it is. The raw value (URLs, JSON, the audit
/// log, state files) is [`DesktopId::as_str`].
impl fmt::Display for DesktopId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::text::sanitize(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(raw: &str) -> String {
        DesktopId::parse(raw).unwrap_err().to_string()
    }

    #[test]
    fn ids_follow_the_api_rule() {
        assert_eq!(
            DesktopId::parse("a130ab3a-72bf-4b71-baa9-af4987c8e338")
                .unwrap()
                .as_str(),
            "a130ab3a-72bf-4b71-baa9-af4987c8e338"
        );
        assert!(
            DesktopId::parse(&"é".repeat(255)).is_ok(),
            "characters, not bytes"
        );
        assert!(problem("").contains("is empty"));
        assert!(problem(&"x".repeat(256)).contains("longer than 255"));
        assert!(problem("a\nb").contains("control characters"));
        assert!(problem("\u{1b}[31m").contains("control characters"));
        assert!(problem(".").contains("different path"));
        assert!(problem("..").contains("different path"));
        assert!(DesktopId::parse("...").is_ok());
    }

    #[test]
    fn odd_characters_stay_inside_one_path_segment() {
        let segment = |raw: &str| DesktopId::parse(raw).unwrap().path_segment();
        assert_eq!(segment("a/b"), "a%2Fb");
        assert_eq!(segment("../x"), "..%2Fx");
        assert_eq!(segment("100%"), "100%25");
        assert_eq!(segment("%2F"), "%252F");
        assert_eq!(segment("a b"), "a%20b");
        assert_eq!(segment("a?b#c"), "a%3Fb%23c");
        assert_eq!(segment("Ab-1_2.3~"), "Ab-1_2.3~");
        assert_eq!(segment("ü"), "%C3%BC");
        assert_eq!(segment("..."), "...");
    }

    #[test]
    fn display_is_for_people_as_str_is_the_raw_value() {
        let id = DesktopId::parse("a\u{202e}b").unwrap();
        assert_eq!(id.to_string(), "a\\u{202e}b");
        assert_eq!(id.as_str(), "a\u{202e}b");
        let plain = DesktopId::parse("a130ab3a-72bf-4b71-baa9-af4987c8e338").unwrap();
        assert_eq!(plain.to_string(), plain.as_str());
    }
}
