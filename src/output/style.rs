//! `Style`: whether to colour and what to reveal, decided once from flags and the terminal.

use std::io::IsTerminal;

use super::format::ColorWhen;

#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub color: bool,
    pub show_password: bool,
    /// `--no-headers`: tables without their header line.
    pub no_headers: bool,
}

impl Style {
    /// `auto` colours only a terminal, and never when NO_COLOR is set (https://no-color.org).
    pub fn color_enabled(when: ColorWhen) -> bool {
        match when {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var("TERM").map_or(true, |t| t != "dumb")
            }
        }
    }
}

/// A status's colour, the same in every table: OPEN green and bold, waiting yellow, closed or
/// absent dim, any other status `other`; nothing without colour.
pub fn status_paint(
    status: Option<&crate::domain::Status>,
    style: Style,
    other: crossterm::style::ContentStyle,
) -> crossterm::style::ContentStyle {
    use crate::domain::Status;
    use crossterm::style::{ContentStyle, Stylize};
    match status {
        _ if !style.color => ContentStyle::new(),
        Some(Status::Open) => ContentStyle::new().green().bold(),
        Some(Status::WaitUserConfirm | Status::WaitUserAccess) => ContentStyle::new().yellow(),
        Some(Status::Close | Status::None) => ContentStyle::new().dim(),
        _ => other,
    }
}
