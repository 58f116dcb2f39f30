//! Generic renderers for settings-like answers: one record of named fields, or a list of rows.

use std::io::Write;

use serde_json::{json, Map, Value};

use super::format::OutputFormat;
use super::style::Style;
use super::table::{lang_of, pairs, word, Cell, Column, Fit, Layout, Stream, Table};
use crate::messages::{msg, Message};
use crate::text::sanitize;

/// A field: its JSON key, its label for people, and its value.
pub struct Field {
    pub key: &'static str,
    /// A catalogue id (`label-…`), shown in the layout's language; a text that is not an id
    /// is shown as it is.
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

/// A cell of a list: a yes/no column reads as a mark (`*` for yes, blank for no), the way
/// `kubectl config get-contexts` marks the current context.
fn mark(v: &Value) -> String {
    match v {
        Value::Bool(true) => "*".to_string(),
        Value::Bool(false) => String::new(),
        other => text(other),
    }
}

/// One record: a two-column table, or a JSON object keyed by `key` (`code` and `link` render as JSON).
pub fn render_fields(
    out: &mut dyn Write,
    format: OutputFormat,
    fields: &[Field],
) -> std::io::Result<()> {
    match format {
        OutputFormat::Table => {
            for line in field_lines(fields, Layout::of(Stream::Stdout)) {
                writeln!(out, "{line}")?;
            }
        }
        OutputFormat::Json | OutputFormat::Code | OutputFormat::Link | OutputFormat::Prometheus => {
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

/// The record's lines in `layout`: each label in the layout's language.
fn field_lines(fields: &[Field], layout: Layout) -> Vec<String> {
    // Fields without a label are for scripts only (their label's row already says it).
    let labelled: Vec<&Field> = fields.iter().filter(|f| !f.label.is_empty()).collect();
    let labels: Vec<String> = labelled
        .iter()
        .map(|f| word(f.label, lang_of(layout)))
        .collect();
    let rows: Vec<(&str, Cell, Fit)> = labelled
        .iter()
        .zip(&labels)
        .map(|(f, label)| {
            let shown = f.text.clone().unwrap_or_else(|| text(&f.value));
            (label.as_str(), Cell::new(shown), Fit::Keep)
        })
        .collect();
    pairs(&rows, Style::default(), layout)
}

/// A list: a table with a header row (each header a catalogue id, or a text shown as it is),
/// or a JSON array of objects keyed by `columns`' keys.
pub fn render_rows(
    out: &mut dyn Write,
    format: OutputFormat,
    columns: &[(&'static str, &'static str)],
    rows: &[Vec<Value>],
) -> std::io::Result<()> {
    match format {
        OutputFormat::Table => {
            let header: Vec<Column> = columns.iter().map(|(_, l)| Column::keep(l)).collect();
            let mut table = Table::new(&header, Style::default());
            for row in rows {
                table.add_row(row.iter().map(|v| Cell::new(mark(v))).collect());
            }
            for line in table.lines(Layout::of(Stream::Stdout)) {
                writeln!(out, "{line}")?;
            }
        }
        OutputFormat::Json | OutputFormat::Code | OutputFormat::Link | OutputFormat::Prometheus => {
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

/// A person's words on stdout: in the run's language on a terminal, in English into a pipe
/// or a file, like the labels (scripts read them).
pub fn stdout_words(m: &crate::messages::Message) -> String {
    m.render_in(lang_of(Layout::of(Stream::Stdout)))
}

/// Where a setting comes from: English in JSON (data), in the run's language for people.
pub struct Origin {
    pub data: String,
    pub said: String,
}

/// A resolved setting: `{"value": …, "source": …}` for scripts, "value  (source)" for people.
pub fn setting(
    key: &'static str,
    label: &'static str,
    value: Option<String>,
    source: Option<Origin>,
) -> Field {
    let text = match (&value, &source) {
        (Some(v), Some(src)) => {
            stdout_words(&msg!("cfg-value-from", value = v, source = &src.said))
        }
        (Some(v), None) => v.clone(),
        (None, _) => "-".to_string(),
    };
    let source = value.as_ref().and(source).map(|s| s.data);
    Field {
        key,
        label,
        value: json!({ "value": value, "source": source }),
        text: Some(text),
    }
}

/// A setting whose value (English in JSON: data) a person reads as `shown`.
pub fn setting_shown(
    key: &'static str,
    label: &'static str,
    value: &str,
    shown: String,
    source: Option<Origin>,
) -> Field {
    let said = source.as_ref().map(|s| s.said.clone());
    let mut f = setting(key, label, Some(value.into()), source);
    f.text = Some(match said {
        Some(src) => stdout_words(&msg!("cfg-value-from", value = shown, source = src)),
        None => shown,
    });
    f
}

/// A secret: never its value, only that it is set and where it comes from.
pub fn secret_setting(key: &'static str, label: &'static str, source: Option<Message>) -> Field {
    let set = source.as_ref().map(|_| "(set)".to_string());
    let data = source.clone().map(|s| Origin {
        data: s.render_in(crate::messages::lang::Lang::En),
        said: stdout_words(&s),
    });
    let mut f = setting(key, label, set, data);
    f.text = Some(match source {
        Some(src) => stdout_words(&msg!("cfg-secret-set").quote("source", src)),
        None => "-".to_string(),
    });
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A label may be a catalogue id (its words, English into a pipe) or a plain text.
    #[test]
    fn a_label_that_is_an_id_is_shown_in_words_and_a_text_as_it_is() {
        let field = |label, value: &str| Field {
            key: "k",
            label,
            value: Value::String(value.into()),
            text: None,
        };
        let fields = [field("label-user", "alice"), field("Config file", "/x")];
        assert_eq!(
            field_lines(&fields, Layout::Tabs),
            ["User\talice", "Config file\t/x"]
        );
    }
}
