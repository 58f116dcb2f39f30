//! Durations in the simulator's options and fault rules (`0s`, `100ms`, `2s`, `24h`, `PT5S`):
//! the client's grammar (`assist-units`), with the simulator's own limit.

use std::time::Duration;

/// The longest delay or clock advance the simulator accepts: its clock adds them to an
/// `Instant` and to the simulated time, which must never overflow.
const MAX: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// A duration from zero up to 30 days, written like `500ms`, `2s`, `1h`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    Ok(assist_units::at_most(text, assist_units::parse(text), MAX)?)
}

/// Writes a duration back the way it is typed: `1s`, `1m 30s`, `250ms`.
pub fn format_duration(d: Duration) -> String {
    assist_units::format(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_from_zero_to_thirty_days() {
        assert_eq!(parse_duration("0s"), Ok(Duration::ZERO));
        assert_eq!(parse_duration("100ms"), Ok(Duration::from_millis(100)));
        assert_eq!(parse_duration("24h"), Ok(Duration::from_secs(86_400)));
        assert_eq!(parse_duration("PT2S"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("2d"), Ok(Duration::from_secs(2 * 86_400)));
        assert!(parse_duration("-2s").is_err());
        assert!(parse_duration("721h").unwrap_err().contains("30 days"));
        assert!(parse_duration("1y").unwrap_err().contains("30 days"));
        assert!(parse_duration("soon").is_err());
        for text in ["1s", "250ms", "2m"] {
            assert_eq!(format_duration(parse_duration(text).unwrap()), text);
        }
    }
}
