//! The API Gateway's flow control (`--rate-limit`): token buckets over Workspace calls, one for
//! everyone or one per credential, the 429 `APIGW.0308` past the budget, and the counters that
//! `/_sim/stats` shows under `quota`.

use super::errors::{self, RequestId};
use super::server::lock;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// Per-credential buckets kept at most; past it, the full ones (which a newcomer's fresh
/// bucket equals) are forgotten, so that many tokens cannot grow the map without end.
const MAX_BUCKETS: usize = 10_000;

/// `--rate-limit`: N calls a second or a minute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub calls: u32,
    pub per: Per,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Per {
    Second,
    Minute,
}

impl Per {
    fn seconds(self) -> f64 {
        match self {
            Per::Second => 1.0,
            Per::Minute => 60.0,
        }
    }

    /// As the gateway's message says it: `time:1 second`.
    fn spoken(self) -> &'static str {
        match self {
            Per::Second => "1 second",
            Per::Minute => "1 minute",
        }
    }
}

impl FromStr for RateLimit {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let wrong = || format!("\"{text}\" is not a rate; write it like 200/s or 120/min");
        let (calls, unit) = text.trim().split_once('/').ok_or_else(wrong)?;
        let per = match unit {
            "s" => Per::Second,
            "min" => Per::Minute,
            _ => return Err(wrong()),
        };
        // Digits only: `+5` and ` 5` are no more a count than `5.0`.
        if calls.is_empty() || !calls.bytes().all(|b| b.is_ascii_digit()) {
            return Err(wrong());
        }
        match calls.parse::<u32>() {
            Ok(calls) if calls > 0 => Ok(RateLimit { calls, per }),
            Ok(_) => Err(format!(
                "\"{text}\": the number of calls must be at least 1"
            )),
            Err(_) => Err(format!("\"{text}\": too many calls")),
        }
    }
}

impl fmt::Display for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.per {
            Per::Second => "s",
            Per::Minute => "min",
        };
        write!(f, "{}/{unit}", self.calls)
    }
}

/// `--rate-limit-scope`: whose calls share a bucket.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// One bucket for every caller (the API's own limit)
    #[default]
    All,
    /// One bucket per AK or token (a per-user limit)
    Credential,
}

/// `--retry-after`: the seconds a 429 tells the client to wait, or none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RetryAfter(pub Option<u64>);

impl FromStr for RetryAfter {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text.trim() {
            "none" => Ok(RetryAfter(None)),
            n => n
                .parse::<u64>()
                .map(|secs| RetryAfter(Some(secs)))
                .map_err(|_| format!("\"{text}\" is neither none nor a number of seconds")),
        }
    }
}

impl fmt::Display for RetryAfter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(secs) => write!(f, "{secs}"),
            None => f.write_str("none"),
        }
    }
}

/// One bucket: it holds up to `capacity` calls and refills continuously.
#[derive(Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn full(capacity: f64, now: Instant) -> Bucket {
        Bucket {
            tokens: capacity,
            at: now,
        }
    }

    /// Refills for the time since the last look, then takes one call if there is one.
    fn take(&mut self, now: Instant, per_second: f64, capacity: f64) -> bool {
        self.refill(now, per_second, capacity);
        if self.tokens < 1.0 {
            return false;
        }
        self.tokens -= 1.0;
        true
    }

    fn refill(&mut self, now: Instant, per_second: f64, capacity: f64) {
        // A clock read out of order (another thread's `now`) adds nothing rather than panicking.
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * per_second).min(capacity);
        self.at = self.at.max(now);
    }
}

/// The gateway's flow control and its counters.
#[derive(Debug)]
pub struct Quota {
    limit: Option<RateLimit>,
    capacity: f64,
    scope: Scope,
    retry_after: RetryAfter,
    buckets: Mutex<HashMap<String, Bucket>>,
    accepted: AtomicU64,
    throttled: AtomicU64,
}

impl Quota {
    /// `burst` is the bucket's size; without it, one unit's worth (`200/s`: 200).
    pub fn new(
        limit: Option<RateLimit>,
        burst: Option<u32>,
        scope: Scope,
        retry_after: RetryAfter,
    ) -> Quota {
        let capacity = burst.or(limit.map(|l| l.calls)).unwrap_or(1).max(1);
        Quota {
            limit,
            capacity: f64::from(capacity),
            scope,
            retry_after,
            buckets: Mutex::new(HashMap::new()),
            accepted: AtomicU64::new(0),
            throttled: AtomicU64::new(0),
        }
    }

    /// Whether a call of `caller` (an AK, or a token's digest) fits the budget at `now`;
    /// counted either way.
    pub fn admit(&self, caller: &str, now: Instant) -> bool {
        let allowed = match self.limit {
            None => true,
            Some(limit) => self.take(limit, caller, now),
        };
        let counter = match allowed {
            true => &self.accepted,
            false => &self.throttled,
        };
        counter.fetch_add(1, Ordering::Relaxed);
        allowed
    }

    fn take(&self, limit: RateLimit, caller: &str, now: Instant) -> bool {
        let per_second = f64::from(limit.calls) / limit.per.seconds();
        let key = match self.scope {
            Scope::All => "",
            Scope::Credential => caller,
        };
        let mut buckets = lock(&self.buckets);
        if !buckets.contains_key(key) && buckets.len() >= MAX_BUCKETS {
            forget_full(&mut buckets, now, per_second, self.capacity);
        }
        buckets
            .entry(key.to_string())
            .or_insert_with(|| Bucket::full(self.capacity, now))
            .take(now, per_second, self.capacity)
    }

    /// The gateway's answer past the budget: 429 APIGW.0308, naming the limit, with
    /// `Retry-After` only when `--retry-after` gives one (the documented answer has none).
    pub fn throttled(&self, id: &RequestId) -> Response {
        let (calls, time) = self
            .limit
            .map(|l| (l.calls, l.per.spoken()))
            .unwrap_or((0, Per::Second.spoken()));
        let msg = format!(
            "The throttling threshold has been reached: policy user over ratelimit,limit:{calls},time:{time}"
        );
        let mut resp = errors::gateway(StatusCode::TOO_MANY_REQUESTS, "APIGW.0308", &msg, id);
        if let Some(secs) = self.retry_after.0 {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        resp
    }

    /// `quota` in `/_sim/stats`: cumulative, never reset.
    pub fn stats(&self) -> serde_json::Value {
        serde_json::json!({
            "rate": self.limit.map(|l| l.to_string()),
            "accepted": self.accepted.load(Ordering::Relaxed),
            "throttled": self.throttled.load(Ordering::Relaxed),
        })
    }
}

/// Drops the buckets that have refilled to the brim: a new bucket starts the same way.
fn forget_full(
    buckets: &mut HashMap<String, Bucket>,
    now: Instant,
    per_second: f64,
    capacity: f64,
) {
    buckets.retain(|_, bucket| {
        bucket.refill(now, per_second, capacity);
        bucket.tokens < capacity
    });
    // Every caller is busy: start afresh rather than grow (a gift of one burst each).
    if buckets.len() >= MAX_BUCKETS {
        buckets.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn quota(rate: &str, burst: Option<u32>, scope: Scope) -> Quota {
        Quota::new(Some(rate.parse().unwrap()), burst, scope, RetryAfter(None))
    }

    /// How many of `n` calls at the same instant pass.
    fn passed(q: &Quota, caller: &str, n: u32, now: Instant) -> u32 {
        (0..n).filter(|_| q.admit(caller, now)).count() as u32
    }

    #[test]
    fn rates_parse_per_second_and_per_minute_only() {
        let parsed: RateLimit = "200/s".parse().unwrap();
        assert_eq!((parsed.calls, parsed.per), (200, Per::Second));
        assert_eq!(parsed.to_string(), "200/s");
        let parsed: RateLimit = "120/min".parse().unwrap();
        assert_eq!((parsed.calls, parsed.per), (120, Per::Minute));
        assert_eq!(parsed.to_string(), "120/min");
        for bad in [
            "0/s",
            "-1/s",
            "+5/s",
            "1.5/s",
            "5",
            "5/h",
            "5/sec",
            "/s",
            "s/5",
            "5 /s",
            "",
            "99999999999/s",
        ] {
            assert!(bad.parse::<RateLimit>().is_err(), "{bad:?}");
        }
        assert!("0/min"
            .parse::<RateLimit>()
            .unwrap_err()
            .contains("at least 1"));
    }

    #[test]
    fn retry_after_is_none_or_seconds() {
        assert_eq!("none".parse(), Ok(RetryAfter(None)));
        assert_eq!("3".parse(), Ok(RetryAfter(Some(3))));
        assert_eq!(RetryAfter(Some(3)).to_string(), "3");
        assert_eq!(RetryAfter(None).to_string(), "none");
        for bad in ["", "-1", "soon", "1s"] {
            assert!(bad.parse::<RetryAfter>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_full_bucket_lets_its_burst_through_then_refills_continuously() {
        let q = quota("5/s", Some(2), Scope::All);
        let t0 = Instant::now();
        assert_eq!(passed(&q, "a", 5, t0), 2);
        // 5/s: one call every 200 ms, none before.
        assert_eq!(passed(&q, "a", 1, t0 + Duration::from_millis(199)), 0);
        assert_eq!(passed(&q, "a", 3, t0 + Duration::from_millis(200)), 1);
        // A long pause refills only up to the burst.
        assert_eq!(passed(&q, "a", 10, t0 + Duration::from_secs(60)), 2);
        assert_eq!(
            q.stats(),
            serde_json::json!({"rate": "5/s", "accepted": 5, "throttled": 14})
        );
    }

    #[test]
    fn the_burst_defaults_to_one_unit_and_minutes_refill_slowly() {
        let q = quota("120/min", None, Scope::All);
        let t0 = Instant::now();
        assert_eq!(passed(&q, "a", 200, t0), 120);
        assert_eq!(passed(&q, "a", 5, t0 + Duration::from_millis(499)), 0);
        assert_eq!(passed(&q, "a", 5, t0 + Duration::from_millis(500)), 1);
    }

    #[test]
    fn scope_all_shares_one_bucket_and_credential_gives_each_its_own() {
        let t0 = Instant::now();
        let all = quota("3/s", None, Scope::All);
        assert_eq!(passed(&all, "ak-1", 3, t0), 3);
        assert_eq!(passed(&all, "ak-2", 3, t0), 0);
        let each = quota("3/s", None, Scope::Credential);
        assert_eq!(passed(&each, "ak-1", 4, t0), 3);
        assert_eq!(passed(&each, "ak-2", 4, t0), 3);
    }

    #[test]
    fn without_a_limit_every_call_is_accepted_and_counted() {
        let q = Quota::new(None, None, Scope::All, RetryAfter(None));
        assert_eq!(passed(&q, "a", 1000, Instant::now()), 1000);
        assert_eq!(
            q.stats(),
            serde_json::json!({"rate": null, "accepted": 1000, "throttled": 0})
        );
    }

    #[test]
    fn a_clock_read_out_of_order_neither_panics_nor_refills() {
        let q = quota("1/s", Some(1), Scope::All);
        let t0 = Instant::now() + Duration::from_secs(5);
        assert!(q.admit("a", t0));
        assert!(!q.admit("a", t0 - Duration::from_secs(3)));
        assert!(!q.admit("a", t0 + Duration::from_millis(999)));
        assert!(q.admit("a", t0 + Duration::from_secs(1)));
    }

    #[test]
    fn many_callers_never_grow_the_map_past_its_cap() {
        let q = quota("1/min", None, Scope::Credential);
        let t0 = Instant::now();
        for i in 0..(MAX_BUCKETS + 50) {
            assert!(q.admit(&format!("token-{i}"), t0));
        }
        assert!(lock(&q.buckets).len() <= MAX_BUCKETS);
    }
}
