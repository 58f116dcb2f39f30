//! The defaults the command line shows in its help and the commands use: each written once.

use std::time::Duration;

/// How often `start --wait` polls.
pub const START_INTERVAL: Duration = Duration::from_secs(3);
/// How long `start --wait` waits without `--deadline` or `--timeout`.
pub const START_DEADLINE: Duration = Duration::from_secs(600);
/// How often `watch` polls each desktop.
pub const WATCH_INTERVAL: Duration = Duration::from_secs(5);
/// How often `watch --all` lists the project's desktops again.
pub const RELIST_INTERVAL: Duration = Duration::from_secs(600);
/// How long one `--exec` command may run before it is ended with all it started.
pub const EXEC_TIMEOUT: Duration = Duration::from_secs(30);

/// A default as the user would type it (`30s`, `10m`).
pub fn shown(d: Duration) -> String {
    crate::units::format_duration(d)
}
