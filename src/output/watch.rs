//! Rendering what `watch` observes: one readable line, one NDJSON object or `ID<TAB>CODE` per change.

use std::io::Write;

use serde::Serialize;

use super::format::OutputFormat;
use super::show::RecordJson;
use crate::api::model::RemoteAssistance;
use crate::domain::DesktopNames;
use crate::text::sanitize;

/// Receives each first observation and each change, in the order they were seen.
pub trait Reporter {
    fn change(
        &mut self,
        id: &str,
        names: Option<&DesktopNames>,
        record: &RemoteAssistance,
        at: jiff::Timestamp,
    ) -> std::io::Result<()>;
}

/// Writes one complete line per change and flushes it, so a reader (`jq`, a log) sees it at
/// once and an interrupted run never leaves half a line.
pub struct LineReporter<W: Write> {
    pub out: W,
    pub format: OutputFormat,
    pub show_password: bool,
}

/// One NDJSON line: the `show` object, when it was seen, and the desktop's names (null when
/// unknown).
#[derive(Serialize)]
struct WatchJson<'a> {
    #[serde(flatten)]
    record: RecordJson<'a>,
    observed_at: String,
    computer_name: Option<&'a str>,
    user_name: Option<&'a str>,
}

impl<W: Write> Reporter for LineReporter<W> {
    fn change(
        &mut self,
        id: &str,
        names: Option<&DesktopNames>,
        record: &RemoteAssistance,
        at: jiff::Timestamp,
    ) -> std::io::Result<()> {
        let line = match self.format {
            OutputFormat::Json => {
                let json = WatchJson {
                    record: RecordJson::new(id, record, self.show_password),
                    observed_at: timestamp(at),
                    computer_name: names.and_then(|n| n.computer_name.as_deref()),
                    user_name: names.and_then(|n| n.user_name.as_deref()),
                };
                crate::text::json_line(&json)?
            }
            OutputFormat::Table => table_line(id, names, record, at),
            OutputFormat::Code => match record.open_code() {
                Some(code) => format!("{}\t{}", sanitize(id), sanitize(code)),
                None => return Ok(()),
            },
        };
        self.out.write_all(format!("{line}\n").as_bytes())?;
        self.out.flush()
    }
}

/// RFC 3339 UTC to the second, like the API's own times.
pub fn timestamp(at: jiff::Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `<observed_at>  <desktop_id>[  <name> (<user>)]  <status>[  code <CODE>][  failed: <reason>]`
pub fn table_line(
    id: &str,
    names: Option<&DesktopNames>,
    record: &RemoteAssistance,
    at: jiff::Timestamp,
) -> String {
    let mut line = format!("{}  {}", timestamp(at), sanitize(id));
    if let Some(label) = names.and_then(DesktopNames::label) {
        line.push_str(&format!("  {}", sanitize(&label)));
    }
    line.push_str(&format!("  {}", sanitize(record.status_text())));
    if let Some(code) = record.invitation_code.as_deref().filter(|c| !c.is_empty()) {
        line.push_str(&format!("  code {}", sanitize(code)));
    }
    if let Some(reason) = record.failed_reason() {
        line.push_str(&format!("  failed: {}", sanitize(reason)));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_lines_have_the_documented_shape() {
        let r: RemoteAssistance = serde_json::from_str(
            r#"{"status":"CLOSE","invitation_code":"AB12CD34","failed_reason":"no\u001b"}"#,
        )
        .unwrap();
        let at: jiff::Timestamp = "2026-11-28T05:40:01Z".parse().unwrap();
        assert_eq!(
            table_line("d1", None, &r, at),
            "2026-11-28T05:40:01Z  d1  CLOSE  code AB12CD34  failed: no\\u{1b}"
        );
        let names = DesktopNames {
            computer_name: Some("PC-00054".into()),
            user_name: Some("user054".into()),
        };
        assert_eq!(
            table_line("d1", Some(&names), &r, at),
            "2026-11-28T05:40:01Z  d1  PC-00054 (user054)  CLOSE  code AB12CD34  failed: no\\u{1b}"
        );
    }

    #[test]
    fn json_lines_are_compact_objects_with_observed_at() {
        let r: RemoteAssistance = serde_json::from_str(r#"{"status":"OPEN"}"#).unwrap();
        let mut rep = LineReporter {
            out: Vec::new(),
            format: OutputFormat::Json,
            show_password: false,
        };
        rep.change("d1", None, &r, "2026-11-28T05:40:01Z".parse().unwrap())
            .unwrap();
        let text = String::from_utf8(rep.out).unwrap();
        assert!(text.ends_with("}\n") && text.lines().count() == 1);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["observed_at"], "2026-11-28T05:40:01Z");
        assert_eq!(v["desktop_id"], "d1");
        assert_eq!(v.as_object().unwrap().len(), 13);
        assert_eq!(v["computer_name"], serde_json::Value::Null);
    }
}
