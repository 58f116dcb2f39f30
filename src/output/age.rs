//! How long ago a server timestamp was, in the words a person would use ("4 min ago").

use jiff::{tz::TimeZone, Timestamp, Unit};

use super::table::word;
use crate::messages::{msg, Lang, Message};

/// `Some("4 min ago")` (`4 分钟前`) for an RFC 3339 time; `None` when the text is not one (it
/// is then shown as received). Only the largest unit is given: an age is for reading at a
/// glance.
pub fn relative_age(created: &str, now: Timestamp, lang: Lang) -> Option<String> {
    let then: Timestamp = created.trim().parse().ok()?;
    let (earlier, later, future) = if then <= now {
        (then, now, false)
    } else {
        (now, then, true)
    };
    let earlier = earlier.to_zoned(TimeZone::UTC);
    let span = earlier
        .until((Unit::Year, &later.to_zoned(TimeZone::UTC)))
        .ok()?;
    // One and many apart: the catalogue's arguments are text, which Fluent's plural
    // categories do not select on.
    let amount = [
        (i64::from(span.get_years()), "age-year", "age-years"),
        (i64::from(span.get_months()), "age-month", "age-months"),
        (i64::from(span.get_days()), "age-day", "age-days"),
        (i64::from(span.get_hours()), "age-hour", "age-hours"),
        (span.get_minutes(), "age-min", "age-min"),
    ]
    .into_iter()
    .find(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| Message::new(if n == 1 { one } else { many }).arg("n", n));
    Some(match (amount, future) {
        (None, _) => word("age-just-now", lang),
        (Some(a), false) => msg!("age-ago", amount = a.render_in(lang)).render_in(lang),
        (Some(a), true) => msg!("age-in", amount = a.render_in(lang)).render_in(lang),
    })
}

/// When, in the local time zone: `10:42` for a time of today, `2025-01-15 08:30` before.
pub fn since(created: &str, now: Timestamp) -> Option<String> {
    let then: Timestamp = created.trim().parse().ok()?;
    let tz = TimeZone::try_system().unwrap_or(TimeZone::UTC);
    let (then, today) = (then.to_zoned(tz.clone()), now.to_zoned(tz));
    let format = if then.date() == today.date() {
        "%H:%M"
    } else {
        "%Y-%m-%d %H:%M"
    };
    Some(then.strftime(format).to_string())
}

/// How many whole seconds ago an RFC 3339 time was (negative in the future).
pub fn age_seconds(created: &str, now: Timestamp) -> Option<i64> {
    let then: Timestamp = created.trim().parse().ok()?;
    Some(now.as_second() - then.as_second())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn the_largest_unit_is_given() {
        let now = at("2026-11-28T04:20:00Z");
        let age = |s| relative_age(s, now, Lang::En);
        assert_eq!(age("2022-03-28T00:00:00Z").as_deref(), Some("4 years ago"));
        assert_eq!(age("2025-11-27T04:20:00Z").as_deref(), Some("1 year ago"));
        assert_eq!(age("2026-09-01T00:00:00Z").as_deref(), Some("2 months ago"));
        assert_eq!(age("2026-11-26T04:20:00Z").as_deref(), Some("2 days ago"));
        assert_eq!(age("2026-11-28T03:19:00Z").as_deref(), Some("1 hour ago"));
        assert_eq!(
            age("2026-11-28T04:16:00.000Z").as_deref(),
            Some("4 min ago")
        );
        assert_eq!(age("2026-11-28T04:19:30Z").as_deref(), Some("just now"));
        assert_eq!(age("2026-11-28T04:25:00Z").as_deref(), Some("in 5 min"));
    }

    #[test]
    fn chinese_ages_say_the_unit_and_before_or_after() {
        let now = at("2026-11-28T04:20:00Z");
        let age = |s| relative_age(s, now, Lang::Zh);
        assert_eq!(age("2022-03-28T00:00:00Z").as_deref(), Some("4 年前"));
        assert_eq!(age("2026-11-28T04:16:00Z").as_deref(), Some("4 分钟前"));
        assert_eq!(age("2026-11-28T04:19:30Z").as_deref(), Some("刚刚"));
        assert_eq!(age("2026-11-28T04:25:00Z").as_deref(), Some("5 分钟后"));
    }

    #[test]
    fn since_gives_the_time_of_today_and_the_date_before() {
        let now = at("2026-11-28T23:00:00Z");
        let tz = TimeZone::try_system().unwrap_or(TimeZone::UTC);
        let today = now.to_zoned(tz.clone()).strftime("%H:%M").to_string();
        assert_eq!(since("2026-11-28T23:00:00Z", now), Some(today));
        assert_eq!(
            since("2020-01-01T12:00:00Z", now).map(|s| s.len()),
            Some("2020-01-01 12:00".len())
        );
        assert_eq!(since("soon", now), None);
        assert_eq!(age_seconds("2026-11-28T22:00:00Z", now), Some(3600));
    }

    #[test]
    fn what_is_not_a_timestamp_has_no_age() {
        let now = at("2026-11-28T04:20:00Z");
        assert_eq!(relative_age("yesterday", now, Lang::En), None);
        assert_eq!(relative_age("2022-03-28 00:00:00", now, Lang::En), None);
    }
}
