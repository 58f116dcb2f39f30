//! Renderers: table, JSON and code. Nothing else writes results to stdout.

mod age;
mod board;
mod clipboard;
mod desktops;
pub mod fields;
mod format;
mod log;
mod prometheus;
mod report;
mod sessions;
mod settings;
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
pub use prometheus::{write_file as write_metrics_file, Metrics};
pub use report::Reporter;
pub use sessions::{render_sessions, SessionRow};
pub use settings::render_settings;
pub use show::{
    meaning_id as status_meaning, render_cancelled, render_created, render_show, render_show_detail,
};
pub use style::Style;
pub use table::{line_width, width, Stream};
pub use watch::{change_json, fitted_line, LineReporter};
