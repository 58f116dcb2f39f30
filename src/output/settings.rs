//! The tenant's collaboration settings: one row a key with its plain-language label (unknown
//! keys by their name, after the known ones), or the parsed object as JSON.

use std::io::Write;

use serde_json::Value;

use super::format::OutputFormat;
use super::style::Style;
use super::table::{pairs, Cell, Fit, Layout, Stream};
use crate::domain::share::{shown, ShareSettings};
use crate::text::sanitize;

pub fn render_settings(
    out: &mut dyn Write,
    format: OutputFormat,
    settings: &ShareSettings,
) -> std::io::Result<()> {
    match format {
        OutputFormat::Table => {
            let rows: Vec<(String, String)> = settings
                .rows()
                .into_iter()
                .map(|(label, name, value)| (sanitize(&label), sanitize(&shown(&name, value))))
                .collect();
            let cells: Vec<(&str, Cell, Fit)> = rows
                .iter()
                .map(|(label, value)| (label.as_str(), Cell::new(value.clone()), Fit::Keep))
                .collect();
            for line in pairs(&cells, Style::default(), Layout::of(Stream::Stdout)) {
                writeln!(out, "{line}")?;
            }
        }
        // -o prometheus is refused before any request (commands/setup.rs).
        OutputFormat::Json | OutputFormat::Code | OutputFormat::Link | OutputFormat::Prometheus => {
            let object = Value::Object(settings.values.clone());
            crate::text::write_json_pretty(&mut *out, &object)?;
            writeln!(out)?;
        }
    }
    out.flush()
}
