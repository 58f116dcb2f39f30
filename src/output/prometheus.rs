//! The Prometheus text exposition format (version 0.0.4) of a fleet's sessions and the run's
//! requests: `sessions -o prometheus`, and the `--metrics-file` of `sessions` and `watch`,
//! written atomically for node_exporter's textfile collector.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use super::age::age_seconds;
use crate::api::model::RemoteAssistance;
use crate::api::Counts;
use crate::domain::Status;

/// Every status always has a series (zero included), so that none vanishes from a graph when
/// the last desktop leaves it.
const STATUSES: [Status; 5] = [
    Status::Open,
    Status::WaitUserConfirm,
    Status::WaitUserAccess,
    Status::Close,
    Status::None,
];

/// What the metrics say, gathered from the records last seen of each desktop.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// Desktops by status; the known ones always, one the cloud invented when seen.
    pub sessions: BTreeMap<String, u64>,
    /// Seconds since the oldest open or pending session was created; 0 when there is none.
    pub oldest_age_seconds: i64,
    /// How many desktops were looked at.
    pub desktops: u64,
    pub requests: Counts,
}

impl Metrics {
    /// From the last record of each of `desktops` desktops (a desktop not read yet has none).
    pub fn of<'a>(
        records: impl IntoIterator<Item = &'a RemoteAssistance>,
        desktops: usize,
        requests: Counts,
        now: jiff::Timestamp,
    ) -> Metrics {
        let mut sessions: BTreeMap<String, u64> = STATUSES
            .iter()
            .map(|s| (s.as_str().to_string(), 0))
            .collect();
        let mut oldest = 0;
        for record in records {
            let status = record.status().unwrap_or(&Status::None);
            *sessions.entry(status.as_str().to_string()).or_default() += 1;
            let age = record
                .create_time
                .as_deref()
                .and_then(|t| age_seconds(t, now));
            if let (true, Some(age)) = (status.is_active(), age) {
                oldest = oldest.max(age);
            }
        }
        Metrics {
            sessions,
            oldest_age_seconds: oldest,
            desktops: desktops as u64,
            requests,
        }
    }

    /// The text format: per family `# HELP`, `# TYPE`, then its samples.
    pub fn render(&self) -> String {
        let mut out = String::new();
        family(&mut out, "assist_sessions", "gauge", HELP_SESSIONS);
        for (status, count) in &self.sessions {
            let _ = writeln!(
                out,
                "assist_sessions{{status=\"{}\"}} {count}",
                label(status)
            );
        }
        family(
            &mut out,
            "assist_session_oldest_age_seconds",
            "gauge",
            HELP_OLDEST,
        );
        let _ = writeln!(
            out,
            "assist_session_oldest_age_seconds {}",
            self.oldest_age_seconds
        );
        family(&mut out, "assist_desktops_total", "gauge", HELP_DESKTOPS);
        let _ = writeln!(out, "assist_desktops_total {}", self.desktops);
        family(
            &mut out,
            "assist_api_requests_total",
            "counter",
            HELP_REQUESTS,
        );
        for (outcome, count) in self.requests.by_outcome() {
            let _ = writeln!(
                out,
                "assist_api_requests_total{{outcome=\"{outcome}\"}} {count}"
            );
        }
        family(
            &mut out,
            "assist_api_throttled_total",
            "counter",
            HELP_THROTTLED,
        );
        let _ = writeln!(
            out,
            "assist_api_throttled_total {}",
            self.requests.throttled
        );
        family(
            &mut out,
            "assist_last_success_timestamp_seconds",
            "gauge",
            HELP_LAST,
        );
        let last = self
            .requests
            .last_success
            .map_or(0.0, |t| t.as_millisecond() as f64 / 1000.0);
        let _ = writeln!(out, "assist_last_success_timestamp_seconds {last:.3}");
        out
    }
}

const HELP_SESSIONS: &str =
    "Desktops by remote-assistance status (NONE: the desktop has no session).";
const HELP_OLDEST: &str =
    "Seconds since the oldest open or pending session was created (0 when there is none).";
const HELP_DESKTOPS: &str = "Desktops looked at.";
const HELP_REQUESTS: &str = "API requests (each attempt) by outcome: success (2xx), client_error (4xx), server_error (5xx), network_error (no answer), other.";
const HELP_THROTTLED: &str = "API requests the gateway throttled (HTTP 429).";
const HELP_LAST: &str =
    "When an API request last succeeded, in seconds since the epoch (0: never).";

fn family(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {}", help_text(help));
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

/// A label value as the format writes it: backslash, double quote and line feed escaped.
pub fn label(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// A HELP text as the format writes it: backslash and line feed escaped.
fn help_text(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\n', "\\n")
}

/// Replaces `path` with `text` so that no reader (node_exporter's textfile collector) ever
/// sees half a file: a temporary file with an unpredictable name, created exclusively
/// (O_EXCL) in the same directory, then renamed over `path`. A link planted at `path` is
/// replaced, never written through. Mode 0644: metrics are not secret, and the collector
/// often runs as another user.
pub fn write_file(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".assist-metrics-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map(|_| ()).map_err(|e| e.error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(status: &str, created: Option<&str>) -> RemoteAssistance {
        RemoteAssistance {
            status: Some(Status::parse(status)),
            create_time: created.map(str::to_string),
            ..RemoteAssistance::default()
        }
    }

    #[test]
    fn every_status_has_a_series_and_the_oldest_active_session_counts() {
        let now: jiff::Timestamp = "2026-01-01T12:00:00Z".parse().unwrap();
        let records = [
            record("OPEN", Some("2026-01-01T11:00:00Z")),
            record("CLOSE", Some("2025-01-01T00:00:00Z")),
            record("x\"y\\z\nw", None),
        ];
        let m = Metrics::of(&records, 4, Counts::default(), now);
        assert_eq!(m.oldest_age_seconds, 3600);
        let text = m.render();
        assert!(
            text.contains("assist_sessions{status=\"OPEN\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("assist_sessions{status=\"NONE\"} 0\n"),
            "{text}"
        );
        assert!(
            text.contains("assist_sessions{status=\"x\\\"y\\\\z\\nw\"} 1\n"),
            "{text}"
        );
        assert!(text.contains("assist_desktops_total 4\n"), "{text}");
        assert!(
            text.contains("assist_last_success_timestamp_seconds 0.000\n"),
            "{text}"
        );
    }
}
