//! Renderers: table, JSON and code. Nothing else writes results to stdout.

mod age;
mod desktops;
mod fields;
mod show;
mod style;
mod table;
mod watch;

use clap::ValueEnum;
use serde::Deserialize;

pub use desktops::{candidates_table, render_desktops};
pub use fields::{render_fields, render_rows, Field};
pub use show::{render_created, render_show};
pub use style::Style;
pub use watch::{table_line, LineReporter, Reporter};

/// How results are rendered on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// For people: aligned, coloured on a terminal
    Table,
    /// For scripts: stable JSON (NDJSON for `watch`)
    Json,
    /// The invitation code alone (exit 9 when there is none); for `desktops`, IDs one per line
    Code,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorWhen {
    /// Only when stdout is a terminal and NO_COLOR is not set
    Auto,
    /// Always, even into a pipe
    Always,
    /// Never
    Never,
}
