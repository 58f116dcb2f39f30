//! Parsing the quantities users type: durations (`500ms`, `5s`, `2m`) and rates, within bounds
//! that no later arithmetic can overflow; and writing durations back the same way.

use std::time::Duration;

use jiff::fmt::friendly::{SpanParser, SpanPrinter};
use jiff::SpanRelativeTo;

/// Longer than any sensible wait; keeps `Instant + duration` far from overflowing.
pub const MAX_DURATION: Duration = Duration::from_secs(30 * 24 * 3600);

static PARSER: SpanParser = SpanParser::new();
static PRINTER: SpanPrinter = SpanPrinter::new();

/// A positive duration up to 30 days.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    match parse_duration_or_zero(s)? {
        d if d.is_zero() => Err(format!("\"{s}\" is zero; give a positive duration")),
        d => Ok(d),
    }
}

/// A duration from zero up to 30 days.
fn parse_duration_or_zero(s: &str) -> Result<Duration, String> {
    let too_long = || format!("\"{s}\" is longer than the limit of 30 days");
    let not_a_duration = |e: &dyn std::fmt::Display| {
        format!("\"{s}\" is not a duration ({e}); write it like 500ms, 5s, 2m or 1h")
    };
    let span = match PARSER.parse_span(s) {
        Ok(span) => span,
        // jiff refuses numbers beyond its ranges; the same text with small numbers parsing
        // shows that the trouble was the size, not the spelling.
        Err(_) if PARSER.parse_span(with_small_numbers(s)).is_ok() => return Err(too_long()),
        Err(e) => return Err(not_a_duration(&e)),
    };
    if span.is_negative() {
        return Err(not_a_duration(&"it is negative"));
    }
    // Any month or year is longer than the limit; days and weeks count as 24 hours a day.
    if span.get_years() != 0 || span.get_months() != 0 {
        return Err(too_long());
    }
    let exact = span
        .to_duration(SpanRelativeTo::days_are_24_hours())
        .map_err(|_| too_long())?;
    match Duration::try_from(exact) {
        Ok(d) if d <= MAX_DURATION => Ok(d),
        Ok(_) => Err(too_long()),
        Err(e) => Err(not_a_duration(&e)),
    }
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

/// A duration the way it is typed: `500ms`, `30s`, `1m 30s`.
pub fn format_duration(d: Duration) -> String {
    PRINTER.unsigned_duration_to_string(&d)
}

/// The shortest `--interval`: one typo (`1ms` for `1m`) must not send a thousand requests a
/// second per desktop. `--max-rate` stays the real limit on the whole run's rate.
pub const MIN_INTERVAL: Duration = Duration::from_millis(100);

/// A polling interval: a duration of at least [`MIN_INTERVAL`].
pub fn parse_interval(s: &str) -> Result<Duration, String> {
    match parse_duration(s)? {
        d if d < MIN_INTERVAL => Err(format!(
            "\"{s}\" is shorter than the shortest interval, 100ms (use --max-rate to cap the requests per second)"
        )),
        d => Ok(d),
    }
}

/// Requests per second: a finite number from 0.01 to 10000.
pub fn parse_rate(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(r) if r.is_finite() && (0.01..=10_000.0).contains(&r) => Ok(r),
        _ => Err(format!(
            "\"{s}\" is not a rate from 0.01 to 10000 requests per second"
        )),
    }
}

/// A limit as a message says it: `10 s`, or `500 ms` when it is not whole seconds.
pub fn spoken(d: Duration) -> String {
    if d.subsec_millis() == 0 && d.as_secs() > 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_like_the_contract_says() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1h 30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(
            parse_duration("2 weeks"),
            Ok(Duration::from_secs(14 * 86400))
        );
        assert!(parse_duration("0s").is_err());
        assert_eq!(parse_duration_or_zero("0s"), Ok(Duration::ZERO));
        assert!(parse_duration("5 parsecs").unwrap_err().contains("500ms"));
        for huge in [
            "500000000000y",
            "31d",
            "1y",
            "2 months",
            "99999999999999999999h",
        ] {
            assert!(
                parse_duration(huge).unwrap_err().contains("30 days"),
                "{huge}"
            );
        }
        assert!(parse_duration("30days").is_ok());
        for bad in ["", "-5s", "5s ago", "soon", "5"] {
            assert!(
                parse_duration(bad).unwrap_err().contains("500ms"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn durations_print_the_way_they_are_typed() {
        assert_eq!(format_duration(Duration::from_secs(30)), "30s");
        assert_eq!(format_duration(Duration::from_secs(600)), "10m");
        assert_eq!(format_duration(Duration::from_millis(1500)), "1s 500ms");
    }

    #[test]
    fn limits_are_spoken_in_seconds_or_milliseconds() {
        assert_eq!(spoken(Duration::from_secs(10)), "10 s");
        assert_eq!(spoken(Duration::from_millis(1500)), "1500 ms");
        assert_eq!(spoken(Duration::from_millis(300)), "300 ms");
    }

    #[test]
    fn rates_are_finite_and_bounded() {
        assert_eq!(parse_rate("2.5"), Ok(2.5));
        for bad in ["NaN", "inf", "-1", "0", "1e-300", "20000", "x"] {
            assert!(parse_rate(bad).is_err(), "{bad}");
        }
    }
}
