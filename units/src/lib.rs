//! Durations as people type them, one grammar for the client and the simulator: jiff's
//! friendly format (`500ms`, `2m`, `1h 30m`, `2 weeks`, `90d`, `1y`) and ISO 8601 (`PT5S`).
//!
//! The parser has no cap of its own: a caller whose arithmetic has a real limit (a deadline
//! added to a clock) says so with [`at_most`], and the error names that limit.

use std::fmt;
use std::time::Duration;

use jiff::fmt::friendly::SpanPrinter;
use jiff::{Span, SpanRelativeTo};

/// A day as durations count it: 24 hours (no time zone, so no 23- or 25-hour days).
const DAY: u64 = 24 * 3600;
/// A year is 365 days and a month 30: a duration has no calendar to count them in, and round
/// numbers are what `--older-than 1y` means to the person typing it.
const YEAR: u64 = 365 * DAY;
const MONTH: u64 = 30 * DAY;

static PRINTER: SpanPrinter = SpanPrinter::new();

/// Why a text is not an acceptable duration; the message names the text and the way out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Not a duration at all: the reason in jiff's words, and what was wrong as far as it
    /// can be told simply (for a caller that says it in other words).
    NotADuration {
        text: String,
        why: String,
        flaw: Flaw,
    },
    /// Below zero, like `-5s` or `5s ago`.
    Negative { text: String },
    /// Zero where only a positive duration makes sense.
    Zero { text: String },
    /// Longer than the caller's limit, or than any duration can be.
    TooLong {
        text: String,
        limit: Option<Duration>,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const LIKE: &str = "write it like 500ms, 5s, 2m or 1h";
        match self {
            Error::NotADuration { text, why, .. } => {
                write!(f, "\"{text}\" is not a duration ({why}); {LIKE}")
            }
            Error::Negative { text } => {
                write!(f, "\"{text}\" is not a duration (it is negative); {LIKE}")
            }
            Error::Zero { text } => write!(f, "\"{text}\" is zero; give a positive duration"),
            Error::TooLong {
                text,
                limit: Some(limit),
            } => {
                write!(
                    f,
                    "\"{text}\" is longer than the limit of {}",
                    in_days(*limit)
                )
            }
            Error::TooLong { text, limit: None } => {
                write!(
                    f,
                    "\"{text}\" is longer than any duration this program can count"
                )
            }
        }
    }
}

impl std::error::Error for Error {}

/// What is wrong with a text that is not a duration, as far as it can be told simply: jiff's
/// explanation is precise but in its own terms; a caller that says it in another language
/// says this, or only how to write a duration (`Other`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flaw {
    /// Nothing but blanks.
    Empty,
    /// Not a digit in it (`soon`, `abc`).
    NoNumber,
    /// Numbers without a unit (`5`).
    NoUnit,
    /// The first word that is no unit (`parsecs` in `5 parsecs`, `S` in `5S`).
    Unit(String),
    /// Anything else: the way to write one says enough.
    Other,
}

/// The words of the friendly format: its units (jiff's designators, lower case only) and
/// the suffix `ago`.
const WORDS: &[&str] = &[
    "years",
    "year",
    "yrs",
    "yr",
    "y",
    "months",
    "month",
    "mos",
    "mo",
    "weeks",
    "week",
    "wks",
    "wk",
    "w",
    "days",
    "day",
    "d",
    "hours",
    "hour",
    "hrs",
    "hr",
    "h",
    "minutes",
    "minute",
    "mins",
    "min",
    "m",
    "seconds",
    "second",
    "secs",
    "sec",
    "s",
    "milliseconds",
    "millisecond",
    "millis",
    "milli",
    "msecs",
    "msec",
    "ms",
    "microseconds",
    "microsecond",
    "micros",
    "micro",
    "\u{b5}secs",
    "\u{b5}sec",
    "\u{b5}s",
    "usecs",
    "usec",
    "us",
    "nanoseconds",
    "nanosecond",
    "nanos",
    "nano",
    "nsecs",
    "nsec",
    "ns",
    "ago",
];

/// The flaw of a text jiff refused: told by looking at it, never by reading jiff's words
/// (which may change).
fn flaw(text: &str) -> Flaw {
    let text = text.trim();
    if text.is_empty() {
        return Flaw::Empty;
    }
    if !text.chars().any(|c| c.is_ascii_digit()) {
        return Flaw::NoNumber;
    }
    // ISO 8601 (`P1D`, `PT5S`) has letters of its own.
    if text.trim_start_matches(['+', '-']).starts_with(['P', 'p']) {
        return Flaw::Other;
    }
    let words = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    let mut any = false;
    for word in words {
        if !WORDS.contains(&word) {
            return Flaw::Unit(word.to_string());
        }
        any = true;
    }
    if any {
        Flaw::Other
    } else {
        Flaw::NoUnit
    }
}

/// Clap's value parsers and the simulator's rules take their errors as text.
impl From<Error> for String {
    fn from(e: Error) -> String {
        e.to_string()
    }
}

/// A duration from zero up, in the friendly or the ISO 8601 format, surrounding blanks ignored.
pub fn parse(text: &str) -> Result<Duration, Error> {
    let trimmed = text.trim();
    let span = match trimmed.parse::<Span>() {
        Ok(span) => span,
        // jiff refuses numbers beyond its ranges; the same text with small numbers parsing
        // shows that the trouble was the size, not the spelling.
        Err(_) if with_small_numbers(trimmed).parse::<Span>().is_ok() => {
            return Err(too_long(text, None))
        }
        Err(e) => {
            return Err(Error::NotADuration {
                text: text.to_string(),
                why: e.to_string(),
                flaw: flaw(text),
            });
        }
    };
    if span.is_negative() {
        return Err(Error::Negative {
            text: text.to_string(),
        });
    }
    exact(span).ok_or_else(|| too_long(text, None))
}

/// A duration longer than zero.
pub fn parse_positive(text: &str) -> Result<Duration, Error> {
    match parse(text)? {
        d if d.is_zero() => Err(Error::Zero {
            text: text.to_string(),
        }),
        d => Ok(d),
    }
}

/// `parsed`, unless it is longer than `limit`: for durations that some arithmetic adds to a
/// clock, where the limit is real. A text too long for any duration is over the limit too.
pub fn at_most(
    text: &str,
    parsed: Result<Duration, Error>,
    limit: Duration,
) -> Result<Duration, Error> {
    match parsed {
        Ok(d) if d <= limit => Ok(d),
        Ok(_) | Err(Error::TooLong { .. }) => Err(too_long(text, Some(limit))),
        Err(e) => Err(e),
    }
}

fn too_long(text: &str, limit: Option<Duration>) -> Error {
    Error::TooLong {
        text: text.to_string(),
        limit,
    }
}

/// The span as a fixed length: days of 24 hours, weeks of 7 days, months of 30 days and years
/// of 365 days; `None` when it does not fit a `Duration`.
fn exact(span: Span) -> Option<Duration> {
    let calendar = u64::try_from(span.get_years())
        .ok()?
        .checked_mul(YEAR)?
        .checked_add(u64::try_from(span.get_months()).ok()?.checked_mul(MONTH)?)?;
    let rest = span.years(0).months(0);
    let rest = rest.to_duration(SpanRelativeTo::days_are_24_hours()).ok()?;
    Duration::try_from(rest)
        .ok()?
        .checked_add(Duration::from_secs(calendar))
}

/// Every run of digits replaced by a single `1`.
fn with_small_numbers(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_number = false;
    for c in s.chars() {
        match (c.is_ascii_digit(), in_number) {
            (true, true) => {}
            (true, false) => out.push('1'),
            (false, _) => out.push(c),
        }
        in_number = c.is_ascii_digit();
    }
    out
}

/// A limit as a sentence says it: `30 days`, else the way it is typed.
fn in_days(d: Duration) -> String {
    match d.as_secs() {
        s if s % DAY == 0 && d.subsec_nanos() == 0 && s > 0 => format!("{} days", s / DAY),
        _ => format(d),
    }
}

/// A duration the way it is typed: `500ms`, `30s`, `1m 30s`, `30d`.
pub fn format(d: Duration) -> String {
    PRINTER.unsigned_duration_to_string(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn the_friendly_format_of_both_sides_parses() {
        for (text, want) in [
            ("500ms", Duration::from_millis(500)),
            ("0s", Duration::ZERO),
            ("2m", secs(120)),
            ("1h 30m", secs(5400)),
            ("1h30m", secs(5400)),
            ("2 weeks", secs(14 * DAY)),
            ("30days", secs(30 * DAY)),
            ("24h", secs(DAY)),
            ("721h", secs(721 * 3600)),
            (" 5s ", secs(5)),
            ("+5s", secs(5)),
            ("1.5s", Duration::from_millis(1500)),
            ("1.5h", secs(5400)),
            ("2 hours 3 minutes", secs(7380)),
            ("5 mins", secs(300)),
            ("1 day", secs(DAY)),
            ("1w", secs(7 * DAY)),
            ("100us", Duration::from_micros(100)),
        ] {
            assert_eq!(parse(text), Ok(want), "{text}");
        }
    }

    #[test]
    fn iso_8601_parses_as_the_simulator_accepted_it() {
        assert_eq!(parse("PT5S"), Ok(secs(5)));
        assert_eq!(parse("PT1H30M"), Ok(secs(5400)));
        assert_eq!(parse("P1D"), Ok(secs(DAY)));
        assert_eq!(parse("PT0.5S"), Ok(Duration::from_millis(500)));
        assert_eq!(parse("PT1.5H"), Ok(secs(5400)));
    }

    #[test]
    fn long_durations_have_no_cap_of_their_own() {
        assert_eq!(parse("90d"), Ok(secs(90 * DAY)));
        assert_eq!(parse("1y"), Ok(secs(365 * DAY)));
        assert_eq!(parse("2 months"), Ok(secs(60 * DAY)));
        assert_eq!(parse("1y 2mo 3d"), Ok(secs(365 * DAY + 60 * DAY + 3 * DAY)));
        let err = parse("500000000000y").unwrap_err();
        assert!(matches!(err, Error::TooLong { limit: None, .. }), "{err:?}");
        assert!(parse("99999999999999999999h").is_err());
    }

    #[test]
    fn what_is_not_a_duration_says_how_to_write_one() {
        for bad in ["", "soon", "5", "5 parsecs", "-5s", "5s ago"] {
            let err = parse(bad).unwrap_err().to_string();
            assert!(err.contains("500ms"), "{bad:?}: {err}");
        }
        assert_eq!(parse("-2s"), Err(Error::Negative { text: "-2s".into() }));
    }

    #[test]
    fn what_is_wrong_is_told_simply_where_it_can_be() {
        let flaw_of = |text: &str| match parse(text) {
            Err(Error::NotADuration { flaw, .. }) => flaw,
            other => panic!("{text:?}: {other:?}"),
        };
        assert_eq!(flaw_of(""), Flaw::Empty);
        assert_eq!(flaw_of("  "), Flaw::Empty);
        assert_eq!(flaw_of("abc"), Flaw::NoNumber);
        assert_eq!(flaw_of("PT"), Flaw::NoNumber);
        assert_eq!(flaw_of("5"), Flaw::NoUnit);
        assert_eq!(flaw_of("1.5"), Flaw::NoUnit);
        assert_eq!(flaw_of("5 parsecs"), Flaw::Unit("parsecs".into()));
        assert_eq!(flaw_of("5S"), Flaw::Unit("S".into()));
        assert_eq!(flaw_of("1h 5x"), Flaw::Unit("x".into()));
        assert_eq!(flaw_of("5 s s"), Flaw::Other);
        assert_eq!(flaw_of("1.5.5s"), Flaw::Other);
        assert_eq!(flaw_of("P5X"), Flaw::Other);
        // Every word of the list is a unit jiff takes (or its `ago`).
        for word in WORDS.iter().filter(|w| **w != "ago") {
            assert!(parse(&format!("2{word}")).is_ok(), "{word}");
        }
    }

    #[test]
    fn positive_refuses_zero() {
        assert_eq!(parse_positive("0s"), Err(Error::Zero { text: "0s".into() }));
        assert_eq!(parse_positive("1ms"), Ok(Duration::from_millis(1)));
    }

    #[test]
    fn a_limit_is_the_callers_and_named_in_the_error() {
        let month = secs(30 * DAY);
        assert_eq!(at_most("30d", parse("30d"), month), Ok(month));
        for over in ["31d", "721h", "1y", "500000000000y"] {
            let err = at_most(over, parse(over), month).unwrap_err().to_string();
            assert_eq!(
                err,
                format!("\"{over}\" is longer than the limit of 30 days")
            );
        }
        let odd = at_most("2s", parse("2s"), Duration::from_millis(1500)).unwrap_err();
        assert!(odd.to_string().ends_with("limit of 1s 500ms"), "{odd}");
        let soon = at_most("soon", parse("soon"), month);
        assert!(matches!(soon, Err(Error::NotADuration { .. })));
    }

    #[test]
    fn durations_print_the_way_they_are_typed() {
        assert_eq!(format(secs(30)), "30s");
        assert_eq!(format(secs(600)), "10m");
        assert_eq!(format(Duration::from_millis(1500)), "1s 500ms");
        for text in ["1s", "250ms", "2m"] {
            assert_eq!(format(parse(text).unwrap()), text);
        }
    }
}
