//! The choices of rendering: `--output` and `--color`, also read from the profile's TOML.

use clap::ValueEnum;
use serde::Deserialize;

/// How results are rendered on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// For people: aligned, coloured on a terminal
    Table,
    /// For scripts: stable JSON (NDJSON for `watch`)
    Json,
    /// The invitation code alone (exit 9 when there is none); for `desktops` and `sessions`,
    /// IDs one per line
    Code,
    /// The internet share link alone (exit 9 when there is none); for `sessions`, one per line
    Link,
    /// The Prometheus text format (`sessions` only; `--metrics-file` writes the same)
    Prometheus,
}

impl OutputFormat {
    /// `code` and `link` print what only an OPEN session has: `start` waits for it.
    pub fn needs_open(self) -> bool {
        matches!(self, OutputFormat::Code | OutputFormat::Link)
    }
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
