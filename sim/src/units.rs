//! Durations in the simulator's options and fault rules: `0s`, `100ms`, `2s`, `24h`.

use std::time::Duration;

/// The longest delay the simulator accepts, so that no clock arithmetic can overflow.
const MAX: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// A duration from zero up to 30 days, written like `500ms`, `2s`, `1h`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let parsed: jiff::SignedDuration = text
        .trim()
        .parse()
        .map_err(|_| format!("\"{text}\" is not a duration; write it like 500ms, 2s or 1h"))?;
    match Duration::try_from(parsed) {
        Ok(d) if d <= MAX => Ok(d),
        Ok(_) => Err(format!("\"{text}\" is longer than the limit of 30 days")),
        Err(_) => Err(format!("\"{text}\" is negative")),
    }
}

/// Writes a duration back the way it is typed: `1s`, `1m 30s`, `250ms`.
pub fn format_duration(d: Duration) -> String {
    match jiff::SignedDuration::try_from(d) {
        Ok(signed) => format!("{signed:#}"),
        Err(_) => format!("{}s", d.as_secs()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_from_zero_to_thirty_days() {
        assert_eq!(parse_duration("0s"), Ok(Duration::ZERO));
        assert_eq!(parse_duration("100ms"), Ok(Duration::from_millis(100)));
        assert_eq!(parse_duration("24h"), Ok(Duration::from_secs(86_400)));
        assert!(parse_duration("-2s").is_err());
        assert!(parse_duration("721h").unwrap_err().contains("30 days"));
        assert!(parse_duration("soon").is_err());
        for text in ["1s", "250ms", "2m"] {
            assert_eq!(format_duration(parse_duration(text).unwrap()), text);
        }
    }
}
