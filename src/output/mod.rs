//! Renderers: table, JSON and code. Nothing else writes results to stdout.

mod age;
mod board;
mod clipboard;
mod desktops;
mod fields;
mod format;
mod log;
mod report;
mod sessions;
mod show;
mod style;
mod table;
mod watch;

pub use age::since;
pub use board::LiveBoard;
pub use clipboard::copy_code;
pub use desktops::{candidates_table, render_desktops};
pub use fields::{render_fields, render_rows, Field};
pub use format::{ColorWhen, OutputFormat};
pub use log::{render_log, render_verified};
pub use report::Reporter;
pub use sessions::{render_sessions, SessionRow};
pub use show::{render_cancelled, render_created, render_show};
pub use style::Style;
pub use table::{line_width, width, Stream};
pub use watch::{fitted_line, LineReporter};
