//! `assist watch`: poll many desktops, report each change, stop at a status, a deadline or Ctrl-C.

use std::collections::HashSet;
use std::io::{BufRead, IsTerminal};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;

use super::directory::Directory;
use super::poll::{self, Plan, Seen};
use super::select::{self, Selector};
use super::state::StateFile;
use crate::api::model::RemoteAssistance;
use crate::api::DesktopFilter;
use crate::cli::WatchArgs;
use crate::config::Settings;
use crate::domain::DesktopId;
use crate::outcome::{Failure, Kind, Outcome};
use crate::output::LineReporter;
use crate::text::sanitize;

pub fn run(settings: &Settings, args: &WatchArgs) -> anyhow::Result<Outcome> {
    // One client (one set of secrets read, one token) for the lookup and the watch.
    let mut client = super::setup::client(settings)?;
    let listed = match Selector::of(&args.select) {
        // The lookup is one-shot, so it gets the usual retries whatever the watch does.
        Some(selector) => select::all(&client, &selector)?,
        None if args.all => select::list_all(&client, &DesktopFilter::default())
            .context("could not list the desktops of the project")?,
        None => Vec::new(),
    };
    let selected = listed.iter().map(|d| d.id().to_string()).collect();
    let ids = if args.all {
        let ids = listed_ids(&listed);
        if ids.is_empty() {
            eprintln!("note: the project has no desktops yet");
        }
        ids
    } else {
        desktop_ids(args, selected)?
    };
    let interrupted = poll::interrupt_flag();
    let state = match args.state.as_deref() {
        Some(path) => Some(StateFile::open(path, &interrupted)?),
        None => None,
    };
    let directory = Arc::new(Directory::listed(&listed));
    look_up_names(&client, &directory, &ids, args.concurrency as usize)?;
    let mut previous = state.as_ref().map(|s| s.seen.clone()).unwrap_or_default();
    if state.is_some() {
        // Remembered runs start from "no session": a desktop first seen without one is quiet,
        // one first seen with a session is reported.
        for id in &ids {
            previous
                .entry(id.to_string())
                .or_insert_with(|| Seen::of(&RemoteAssistance::none()));
        }
    }
    // Continuous watching paces its own retries; a one-shot run retries inside the client.
    if !args.once {
        client.set_max_attempts(1);
    }
    let client = Arc::new(client);
    let membership = (args.all && !args.once).then(|| relist(client.clone(), args.relist));
    let plan = Plan {
        ids,
        interval: args.interval,
        concurrency: args.concurrency as usize,
        max_rate: args.max_rate,
        until: args.until.clone(),
        deadline: args.deadline.map(|d| Instant::now() + d),
        once: args.once,
        directory,
        membership,
    };
    let mut reporter = LineReporter {
        width: crate::output::line_width(),
        out: std::io::stdout().lock(),
        format: settings.output,
        show_password: settings.style.show_password,
    };
    let result = poll::run(client, &plan, &previous, &mut reporter, &interrupted);
    if let (Some(state), Ok(outcome)) = (&state, &result) {
        let mut all = previous.clone();
        all.extend(outcome.seen.clone());
        state.save(&all)?;
    }
    let outcome = result?;
    finish(outcome.end, &outcome.pending, args.once)
}

/// The valid IDs of a listing, in order, each once.
fn listed_ids(listed: &[crate::api::model::Desktop]) -> Vec<DesktopId> {
    let mut seen = HashSet::new();
    listed
        .iter()
        .filter_map(|d| DesktopId::parse(d.id()).ok())
        .filter(|id| seen.insert(id.clone()))
        .collect()
}

/// `--all`: lists the project's desktops every `every`, on a thread of its own, and sends each
/// listing to the watch; a failed listing is a warning, and the watch goes on as it was.
fn relist(
    client: Arc<crate::api::Client>,
    every: std::time::Duration,
) -> std::sync::mpsc::Receiver<Vec<crate::api::model::Desktop>> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || loop {
        std::thread::sleep(every);
        match select::list_all(&client, &DesktopFilter::default()) {
            Ok(listed) => {
                if tx.send(listed).is_err() {
                    return;
                }
            }
            Err(e) => eprintln!(
                "warning: could not list the project's desktops again ({e}); watching the same ones"
            ),
        }
    });
    rx
}

/// One batched ListDesktops by `desktop_id` before the first round: the names that the
/// change lines carry, and which desktops exist (a 404 for one of them is `NONE`). Refused
/// credentials end the run; any other failure only costs the names (a warning), and a 404
/// then asks again.
fn look_up_names(
    client: &crate::api::Client,
    directory: &Directory,
    ids: &[DesktopId],
    concurrency: usize,
) -> anyhow::Result<()> {
    match directory.look_up(client, ids, concurrency) {
        Ok(()) => Ok(()),
        Err(e) if e.status() == Some(401) => {
            Err(anyhow::Error::new(e).context("the cloud refused to list the desktops"))
        }
        Err(e) => {
            eprintln!("warning: could not look up the desktops' names ({e}); the watch goes on without them");
            Ok(())
        }
    }
}

fn finish(end: Outcome, pending: &[String], once: bool) -> anyhow::Result<Outcome> {
    let what = if once {
        "not yet in a wanted status after this poll"
    } else {
        "the deadline passed; still pending"
    };
    match end {
        Outcome::Stopped(Kind::Deadline) => Err(Failure::new(
            Kind::Deadline,
            format!(
                "{what}: {}",
                pending
                    .iter()
                    .map(|p| sanitize(p))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .into()),
        Outcome::Stopped(Kind::Interrupted) => {
            eprintln!("interrupted");
            Ok(end)
        }
        end => Ok(end),
    }
}

/// IDs from the arguments, `--file` and a selector's matches, or stdin when none of them is
/// given and stdin is a pipe; validated, de-duplicated, in order.
fn desktop_ids(args: &WatchArgs, selected: Vec<String>) -> anyhow::Result<Vec<DesktopId>> {
    let mut raw: Vec<String> = args.desktop_ids.clone();
    if let Some(path) = &args.file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read desktop IDs from {}", path.display()))
            .map_err(|e| Failure::new(Kind::Usage, format!("{e:#}")))?;
        raw.extend(id_lines(text.lines().map(str::to_string)));
    }
    raw.extend(selected);
    if raw.is_empty() && !std::io::stdin().is_terminal() {
        raw.extend(id_lines(stdin_lines()?.into_iter()));
    }
    let mut seen = HashSet::new();
    let mut ids = Vec::new();
    for raw_id in raw {
        let id = select::desktop_id(&raw_id)?;
        if seen.insert(id.clone()) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(Failure::new(Kind::Usage, "no desktop IDs to watch")
            .with_hint("give IDs as arguments, with --file FILE, --name/--user/--ip, or one per line on stdin")
            .into());
    }
    Ok(ids)
}

/// Every line of stdin; a line that is not UTF-8 is an error naming it, never a silent stop.
fn stdin_lines() -> anyhow::Result<Vec<String>> {
    let mut lines = Vec::new();
    for (n, line) in std::io::stdin().lock().split(b'\n').enumerate() {
        let bytes = line.context("cannot read desktop IDs from stdin")?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Failure::new(
                Kind::Usage,
                format!("line {} of stdin is not UTF-8 text", n + 1),
            )
            .with_hint("desktop IDs are text, one per line")
        })?;
        lines.push(text);
    }
    Ok(lines)
}

fn id_lines(lines: impl Iterator<Item = String>) -> Vec<String> {
    lines
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}
