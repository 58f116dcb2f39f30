//! What every table shares: the border preset, colour on or off, and the width to fit.

use std::io::IsTerminal;

use comfy_table::{presets, ContentArrangement, Table};

use super::style::Style;

/// The stream a table is written to: its width is the one that counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Narrower than this, a table cannot show anything useful: such a COLUMNS is ignored.
const MIN_WIDTH: u16 = 20;

/// A table that wraps long cells to fit the width instead of breaking the layout.
pub fn new_table(style: Style, stream: Stream) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_BORDERS_ONLY)
        .set_content_arrangement(ContentArrangement::Dynamic);
    // comfy-table would look at stdout alone, and only when styling is not forced: decide here.
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    if let Some(width) = width(stream) {
        table.set_width(width);
    }
    table
}

/// `COLUMNS` when set (so a script or a test can fix it), else the terminal's width when the
/// stream is a terminal; `None` (no limit) for a pipe or a file.
pub fn width(stream: Stream) -> Option<u16> {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|c| *c >= MIN_WIDTH)
    {
        return Some(columns);
    }
    let size = match stream {
        Stream::Stdout if std::io::stdout().is_terminal() => {
            terminal_size::terminal_size_of(std::io::stdout())
        }
        Stream::Stderr if std::io::stderr().is_terminal() => {
            terminal_size::terminal_size_of(std::io::stderr())
        }
        _ => None,
    };
    size.map(|(w, _)| w.0).filter(|w| *w >= MIN_WIDTH)
}
