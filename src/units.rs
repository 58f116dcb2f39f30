//! Parsing the quantities users type: durations (`500ms`, `5s`, `2m`) and rates, within bounds
//! that no later arithmetic can overflow.

use std::time::Duration;

/// Longer than any sensible wait; keeps `Instant + duration` far from overflowing.
pub const MAX_DURATION: Duration = Duration::from_secs(30 * 24 * 3600);

/// A positive duration up to 30 days.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    match parse_duration_or_zero(s)? {
        d if d.is_zero() => Err(format!("\"{s}\" is zero; give a positive duration")),
        d => Ok(d),
    }
}

/// A duration from zero up to 30 days.
pub fn parse_duration_or_zero(s: &str) -> Result<Duration, String> {
    match humantime::parse_duration(s) {
        Ok(d) if d > MAX_DURATION => Err(format!("\"{s}\" is longer than the limit of 30 days")),
        Ok(d) => Ok(d),
        Err(e) => Err(format!(
            "\"{s}\" is not a duration ({e}); write it like 500ms, 5s, 2m or 1h"
        )),
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
        assert!(parse_duration("0s").is_err());
        assert_eq!(parse_duration_or_zero("0s"), Ok(Duration::ZERO));
        assert!(parse_duration("5 parsecs").unwrap_err().contains("500ms"));
        assert!(parse_duration("500000000000y")
            .unwrap_err()
            .contains("30 days"));
        assert!(parse_duration("30days").is_ok());
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
