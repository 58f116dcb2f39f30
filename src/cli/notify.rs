//! `--notify NAME`: the option `watch`, `start --wait`, `sessions --watch` and `config check`
//! share, and its completion from the config file's `[notify.NAME]` tables.

use std::path::PathBuf;

use clap::Args;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

/// The targets a run tells of each change.
#[derive(Debug, Args, Clone, Default)]
pub struct NotifyArgs {
    /// Tell the [notify.NAME] target of the config (a chat bot or webhook) of each change;
    /// repeatable
    #[arg(long = "notify", value_name = "NAME", add = ArgValueCompleter::new(complete_target))]
    pub notify: Vec<String>,
}

/// `--notify <TAB>`: the targets of the config file (`ASSIST_CONFIG` or the platform's).
fn complete_target(current: &std::ffi::OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    let config = std::env::var_os("ASSIST_CONFIG")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    crate::config::notify_target_names(config)
        .into_iter()
        .filter(|name| name.starts_with(current.as_ref()))
        .map(CompletionCandidate::new)
        .collect()
}
