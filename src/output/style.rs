//! `Style`: whether to colour and what to reveal, decided once from flags and the terminal.

use std::io::IsTerminal;

use super::format::ColorWhen;

#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub color: bool,
    pub show_password: bool,
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
