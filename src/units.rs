//! Parsing the quantities users type: durations (`500ms`, `5s`, `2m`, `90d`; the grammar is
//! `assist-units`, shared with the simulator) and rates, within bounds that no later
//! arithmetic can overflow; and writing durations back the same way.

use std::time::Duration;

/// The longest wait (a timeout, a deadline, an interval): each is added to `Instant::now()`
/// and handed to timers, which must not overflow. Ages (`--since`, `--older-than`) are only
/// compared, so they have no such limit.
pub const MAX_WAIT: Duration = Duration::from_secs(30 * 24 * 3600);

/// Why a typed quantity was refused: English as Display (clap's and the logs' text), and
/// `cli::usage` maps each kind to a catalogue id for the usage error in the run's language
/// (neither the units crate nor this room, below the messages, knows a catalogue).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Units(assist_units::Error),
    /// An interval under [`MIN_INTERVAL`]: the text typed.
    Interval(String),
    /// A rate out of range: the text typed.
    Rate(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Units(e) => write!(f, "{e}"),
            Refusal::Interval(s) => write!(
                f,
                "\"{s}\" is shorter than the shortest interval, 100ms (use --max-rate to cap the requests per second)"
            ),
            Refusal::Rate(s) => write!(
                f,
                "\"{s}\" is not a rate from 0.01 to 10000 requests per second"
            ),
        }
    }
}

impl std::error::Error for Refusal {}

impl From<assist_units::Error> for Refusal {
    fn from(e: assist_units::Error) -> Self {
        Refusal::Units(e)
    }
}

/// A positive duration up to [`MAX_WAIT`]: anything the client waits for.
pub fn parse_duration(s: &str) -> Result<Duration, Refusal> {
    Ok(assist_units::at_most(
        s,
        assist_units::parse_positive(s),
        MAX_WAIT,
    )?)
}

/// A positive age, as long as the user likes (`log --since 90d`, `sessions --older-than 1y`).
pub fn parse_age(s: &str) -> Result<Duration, Refusal> {
    Ok(assist_units::parse_positive(s)?)
}

/// A duration the way it is typed: `500ms`, `30s`, `1m 30s`.
pub fn format_duration(d: Duration) -> String {
    assist_units::format(d)
}

/// The shortest `--interval`: one typo (`1ms` for `1m`) must not send a thousand requests a
/// second per desktop. `--max-rate` stays the real limit on the whole run's rate.
pub const MIN_INTERVAL: Duration = Duration::from_millis(100);

/// A polling interval: a duration of at least [`MIN_INTERVAL`].
pub fn parse_interval(s: &str) -> Result<Duration, Refusal> {
    match parse_duration(s)? {
        d if d < MIN_INTERVAL => Err(Refusal::Interval(s.to_string())),
        d => Ok(d),
    }
}

/// Requests per second: a finite number from 0.01 to 10000.
pub fn parse_rate(s: &str) -> Result<f64, Refusal> {
    match s.trim().parse::<f64>() {
        Ok(r) if r.is_finite() && (0.01..=10_000.0).contains(&r) => Ok(r),
        _ => Err(Refusal::Rate(s.to_string())),
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
        assert!(parse_duration("5 parsecs")
            .unwrap_err()
            .to_string()
            .contains("500ms"));
        for huge in [
            "500000000000y",
            "31d",
            "1y",
            "2 months",
            "99999999999999999999h",
        ] {
            assert!(
                parse_duration(huge)
                    .unwrap_err()
                    .to_string()
                    .contains("30 days"),
                "{huge}"
            );
        }
        assert!(parse_duration("30days").is_ok());
        for bad in ["", "-5s", "5s ago", "soon", "5"] {
            assert!(
                parse_duration(bad)
                    .unwrap_err()
                    .to_string()
                    .contains("500ms"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn ages_have_no_thirty_day_limit() {
        assert_eq!(parse_age("90d"), Ok(Duration::from_secs(90 * 86400)));
        assert_eq!(parse_age("1y"), Ok(Duration::from_secs(365 * 86400)));
        assert!(parse_age("0s").unwrap_err().to_string().contains("zero"));
        assert!(parse_age("soon").unwrap_err().to_string().contains("500ms"));
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
