//! Generic renderers for settings-like answers: one record of named fields, or a list of rows.

use std::io::Write;

use comfy_table::{presets, Table};
use serde_json::{Map, Value};

use super::format::OutputFormat;
use crate::text::sanitize;

/// A field: its JSON key, its label for people, and its value.
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub value: Value,
    /// What a person reads instead of the JSON value, when that says more.
    pub text: Option<String>,
}

fn text(v: &Value) -> String {
    match v {
        Value::Null => "-".to_string(),
        Value::String(s) => sanitize(s),
        other => sanitize(&other.to_string()),
    }
}

/// One record: a two-column table, or a JSON object keyed by `key` (`code` renders as JSON).
pub fn render_fields(
    out: &mut dyn Write,
    format: OutputFormat,
    fields: &[Field],
) -> std::io::Result<()> {
    match format {
        OutputFormat::Table => {
            let mut table = Table::new();
            table.load_preset(presets::NOTHING).force_no_tty();
            // Fields without a label are for scripts only (their label's row already says it).
            for f in fields.iter().filter(|f| !f.label.is_empty()) {
                let shown = f.text.clone().unwrap_or_else(|| text(&f.value));
                table.add_row(vec![f.label.to_string(), shown]);
            }
            writeln!(out, "{}", trim_lines(&table.to_string()))?;
        }
        OutputFormat::Json | OutputFormat::Code => {
            let map: Map<String, Value> = fields
                .iter()
                .map(|f| (f.key.to_string(), f.value.clone()))
                .collect();
            crate::text::write_json_pretty(&mut *out, &Value::Object(map))?;
            writeln!(out)?;
        }
    }
    out.flush()
}

/// A list: a table with a header row, or a JSON array of objects keyed by `columns`' keys.
pub fn render_rows(
    out: &mut dyn Write,
    format: OutputFormat,
    columns: &[(&'static str, &'static str)],
    rows: &[Vec<Value>],
) -> std::io::Result<()> {
    match format {
        OutputFormat::Table => {
            let mut table = Table::new();
            table.load_preset(presets::NOTHING).force_no_tty();
            table.set_header(columns.iter().map(|(_, label)| label.to_string()));
            for row in rows {
                table.add_row(row.iter().map(text));
            }
            writeln!(out, "{}", trim_lines(&table.to_string()))?;
        }
        OutputFormat::Json | OutputFormat::Code => {
            let array: Vec<Value> = rows
                .iter()
                .map(|row| {
                    let map: Map<String, Value> = columns
                        .iter()
                        .zip(row)
                        .map(|((k, _), v)| (k.to_string(), v.clone()))
                        .collect();
                    Value::Object(map)
                })
                .collect();
            crate::text::write_json_pretty(&mut *out, &array)?;
            writeln!(out)?;
        }
    }
    out.flush()
}

/// comfy-table pads every line to the table's width; trailing blanks only get in the way.
fn trim_lines(s: &str) -> String {
    s.lines()
        .map(|l| l.trim_end().trim_start_matches(' '))
        .collect::<Vec<_>>()
        .join("\n")
}
