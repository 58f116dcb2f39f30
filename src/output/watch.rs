//! Rendering what `watch` observes: one readable line, one NDJSON object or `ID<TAB>CODE` per change.

use std::io::Write;

use serde::Serialize;

use super::format::OutputFormat;
use super::report::Reporter;
use super::sessions::STATUS_LEAST;
use super::show::RecordJson;
use super::style::Style;
use super::table::{Cell, Column, Layout, Table};
use crate::api::model::RemoteAssistance;
use crate::domain::DesktopNames;
use crate::text::sanitize;

/// Writes one complete line per change and flushes it, so a reader (`jq`, a log) sees it at
/// once and an interrupted run never leaves half a line.
pub struct LineReporter<W: Write> {
    pub out: W,
    pub format: OutputFormat,
    pub show_password: bool,
    /// The terminal's width, for `table` lines; `None` (whole lines) into a pipe or a file.
    pub width: Option<usize>,
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
            OutputFormat::Table => fitted_line(id, names, record, at, self.width),
            OutputFormat::Code => match record.open_code() {
                Some(code) => format!("{}\t{}", sanitize(id), sanitize(code)),
                None => return Ok(()),
            },
            OutputFormat::Link => match record.open_link() {
                Some(link) => format!("{}\t{}", sanitize(id), sanitize(link)),
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

/// `<observed_at>  <desktop_id>[  <name> (<user>)]  <status>[  code <CODE>][  failed: <reason>]`:
/// whole without a width (a log line, into a pipe or a file); within `width` columns (a
/// terminal) the ID and code stay whole: the time goes first, then the names; the status
/// and the reason are cut last.
pub fn fitted_line(
    id: &str,
    names: Option<&DesktopNames>,
    record: &RemoteAssistance,
    at: jiff::Timestamp,
    width: Option<usize>,
) -> String {
    let mut columns = vec![Column::keep("Time").droppable(3), Column::keep("ID")];
    let mut cells = vec![Cell::new(timestamp(at)), Cell::new(sanitize(id))];
    if let Some(label) = names.and_then(DesktopNames::label) {
        columns.push(Column::cut("Name", 2));
        cells.push(Cell::new(sanitize(&label)));
    }
    // A change line without its status says nothing: cut, never dropped.
    columns.push(Column {
        drop: None,
        ..Column::cut("Status", 1).at_least(STATUS_LEAST)
    });
    cells.push(Cell::new(sanitize(record.status_text())));
    if let Some(code) = record.invitation_code.as_deref().filter(|c| !c.is_empty()) {
        columns.push(Column::keep("Code"));
        cells.push(Cell::new(format!("code {}", sanitize(code))));
    }
    if let Some(reason) = record.failed_reason() {
        columns.push(Column {
            drop: None,
            ..Column::cut("Failed", 0)
        });
        cells.push(Cell::new(format!("failed: {}", sanitize(reason))));
    }
    let style = Style {
        no_headers: true,
        ..Style::default()
    };
    let mut table = Table::new(&columns, style);
    table.add_row(cells);
    table
        .lines(Layout::Aligned(width))
        .into_iter()
        .next()
        .unwrap_or_default()
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
            fitted_line("d1", None, &r, at, None),
            "2026-11-28T05:40:01Z  d1  CLOSE  code AB12CD34  failed: no\\u{1b}"
        );
        let names = DesktopNames {
            computer_name: Some("PC-00054".into()),
            user_name: Some("user054".into()),
        };
        assert_eq!(
            fitted_line("d1", Some(&names), &r, at, None),
            "2026-11-28T05:40:01Z  d1  PC-00054 (user054)  CLOSE  code AB12CD34  failed: no\\u{1b}"
        );
    }

    #[test]
    fn on_a_narrow_terminal_the_id_status_and_code_stay_whole() {
        let r: RemoteAssistance =
            serde_json::from_str(r#"{"status":"WAIT_USER_CONFIRM","invitation_code":"AB12CD34"}"#)
                .unwrap();
        let at: jiff::Timestamp = "2026-11-28T05:40:01Z".parse().unwrap();
        let names = DesktopNames {
            computer_name: Some("FINANCE-LAPTOP-0042".into()),
            user_name: Some("alice.wonderland".into()),
        };
        let id = "00000000-0000-4000-8000-000000000001";
        let line = |w| fitted_line(id, Some(&names), &r, at, Some(w));
        assert_eq!(
            line(200),
            format!("2026-11-28T05:40:01Z  {id}  FINANCE-LAPTOP-0042 (alice.wonderland)  WAIT_USER_CONFIRM  code AB12CD34")
        );
        assert_eq!(
            line(80),
            format!("{id}  FINANCE…  WAIT_USER_CONFIRM  code AB12CD34")
        );
        assert_eq!(line(65), format!("{id}  WAIT_USER_C…  code AB12CD34"));
    }

    #[test]
    fn json_lines_are_compact_objects_with_observed_at() {
        let r: RemoteAssistance = serde_json::from_str(r#"{"status":"OPEN"}"#).unwrap();
        let mut rep = LineReporter {
            out: Vec::new(),
            format: OutputFormat::Json,
            show_password: false,
            width: None,
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
