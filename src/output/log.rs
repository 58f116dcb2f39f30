//! Rendering the audit log (`assist log`): newest first as a table (aligned on a terminal,
//! tab-separated into a pipe, like every table), or a JSON array; and the verdict of `--verify`.

use std::io::Write;

use super::format::OutputFormat;
use super::style::Style;
use super::table::{Cell, Column, Layout, Stream, Table};
use crate::audit::Entry;
use crate::messages::msg;
use crate::text::sanitize;

/// The time (to the second), the action, the desktop and the ticket never give way: what an
/// auditor looks for, and within 80 columns; the names, users, status and reason are cut,
/// then dropped.
const COLUMNS: [Column; 10] = [
    Column::keep("col-time"),
    Column::keep("col-action"),
    Column::keep("col-desktop"),
    Column::cut("col-name", 4).droppable(6),
    Column::keep("col-ticket"),
    Column::cut("col-user", 3).droppable(5),
    Column::cut("col-operator", 2).droppable(4),
    Column::keep("col-http").droppable(3),
    Column::cut("col-status", 5)
        .at_least(super::sessions::STATUS_LEAST)
        .droppable(2),
    Column::cut("col-reason", 1).droppable(1),
];

/// Writes the entries as they are given (the caller orders and filters them).
pub fn render_log(
    out: &mut dyn Write,
    format: OutputFormat,
    entries: &[Entry],
    style: Style,
) -> std::io::Result<()> {
    if format == OutputFormat::Json {
        crate::text::write_json_pretty(&mut *out, &entries)?;
        writeln!(out)?;
        return out.flush();
    }
    let layout = Layout::of(Stream::Stdout);
    let mut table = Table::new(&COLUMNS, style);
    let text = |v: &Option<String>| v.as_deref().map_or_else(|| "-".into(), sanitize);
    for e in entries {
        table.add_row(vec![
            Cell::new(time(&e.time, layout)),
            Cell::new(sanitize(e.action.as_str())),
            Cell::new(sanitize(&e.desktop_id)),
            Cell::new(text(&e.desktop_name)),
            Cell::new(text(&e.ticket)),
            Cell::new(sanitize(&e.local_user)),
            Cell::new(sanitize(&e.operator)),
            Cell::new(e.http_status.map_or_else(|| "-".into(), |s| s.to_string())),
            // An intent whose outcome never came shows `unknown` where the status would be.
            Cell::new(text(
                &e.status
                    .as_ref()
                    .map(|s| s.to_string())
                    .or(e.outcome.clone()),
            )),
            Cell::new(text(&e.reason.clone().or(e.detail.clone()))),
        ]);
    }
    for line in table.lines(layout) {
        writeln!(out, "{line}")?;
    }
    out.flush()
}

/// The entry's time for people: to the second, in UTC like the log itself (the nanoseconds
/// are for ordering, and cost the table 10 columns). Scripts reading the tab-separated
/// lines get it exactly as written.
fn time(written: &str, layout: Layout) -> String {
    match (layout, written.parse::<jiff::Timestamp>()) {
        (Layout::Aligned(_), Ok(at)) => super::watch::timestamp(at),
        _ => sanitize(written),
    }
}

/// `--verify` found every line where the chain says it should be.
pub fn render_verified(
    out: &mut dyn Write,
    path: &std::path::Path,
    lines: usize,
) -> std::io::Result<()> {
    let verified = msg!("log-verified", path = path.display(), lines = lines);
    writeln!(out, "{}", verified.render())
}
