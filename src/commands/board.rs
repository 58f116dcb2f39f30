//! `assist sessions --watch`: the fleet's sessions at a glance, kept up to date. On a terminal
//! a board redrawn in place; elsewhere one line per change, like `watch`.

use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use super::directory::Directory;
use super::poll::{self, Plan};
use crate::api::model::Desktop;
use crate::api::Client;
use crate::cli::SessionsArgs;
use crate::config::Settings;
use crate::domain::DesktopId;
use crate::outcome::{Kind, Outcome};
use crate::output::LineReporter;

pub fn run(
    settings: &Settings,
    args: &SessionsArgs,
    client: Arc<Client>,
    desktops: &[Desktop],
    directory: Arc<Directory>,
    interrupted: &AtomicBool,
) -> anyhow::Result<Outcome> {
    let plan = Plan {
        ids: desktops
            .iter()
            .filter_map(|d| DesktopId::parse(d.id()).ok())
            .collect(),
        interval: args.interval,
        concurrency: args.concurrency as usize,
        max_rate: args.max_rate,
        until: Vec::new(),
        deadline: None,
        once: false,
        directory,
        membership: None,
    };
    let mut reporter = LineReporter {
        out: std::io::stdout().lock(),
        format: settings.output,
        show_password: settings.style.show_password,
    };
    let outcome = poll::run(client, &plan, &HashMap::new(), &mut reporter, interrupted)?;
    if matches!(outcome.end, Outcome::Stopped(Kind::Interrupted)) {
        eprintln!("interrupted");
    }
    Ok(outcome.end)
}
