//! Renderers: table, JSON and code. Nothing else writes results to stdout.

mod age;
mod desktops;
mod fields;
mod format;
mod show;
mod style;
mod table;
mod watch;

pub use age::{age_seconds, relative_age, since};
pub use desktops::{candidates_table, render_desktops};
pub use fields::{render_fields, render_rows, Field};
pub use format::{ColorWhen, OutputFormat};
pub use show::{render_created, render_show};
pub use style::Style;
pub use watch::{table_line, LineReporter, Reporter};
