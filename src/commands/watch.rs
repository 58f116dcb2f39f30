//! `assist watch`: poll many desktops, report each change, stop at a status, a deadline or Ctrl-C.

use std::collections::HashSet;
use std::io::{BufRead, IsTerminal, Read};
use std::sync::Arc;
use std::time::Instant;

use super::select::{self, Selector};
use crate::api::model::RemoteAssistance;
use crate::api::DesktopFilter;
use crate::cli::WatchArgs;
use crate::config::Settings;
use crate::domain::DesktopId;
use crate::engine::directory::Directory;
use crate::engine::pace::Pacer;
use crate::engine::poll::{self, Plan, Seen};
use crate::engine::state::StateFile;
use crate::hooks::{Listeners, MetricsTarget};
use crate::messages::{self, msg, os_error, Message};
use crate::outcome::words_of;
use crate::outcome::{explained, Explain, Failure, Kind, Outcome};
use crate::output::LineReporter;
use crate::text::sanitize;

pub fn run(settings: &Settings, args: &WatchArgs) -> anyhow::Result<Outcome> {
    // An unknown target or a failing secret command ends the run before any request.
    let targets = settings.notify.select(&args.notify.notify)?;
    let notifier = crate::notify::Notifier::start(targets, settings.verbose)?;
    // One client (one set of secrets read, one token) for the lookup and the watch.
    let client = super::setup::client(settings)?;
    let listed = match Selector::of(&args.select) {
        // The lookup is one-shot, so it gets the usual retries whatever the watch does.
        Some(selector) => select::all(&client, &selector)?,
        None if args.all => select::list_all(&client, &DesktopFilter::default())
            .explain(msg!("err-list-project"))?,
        None => Vec::new(),
    };
    let selected = listed.iter().map(|d| d.id().to_string()).collect();
    let ids = if args.all {
        let ids = listed_ids(&listed);
        if ids.is_empty() {
            messages::note(&msg!("watch-no-desktops"));
        }
        ids
    } else {
        desktop_ids(args, selected)?
    };
    let interrupted = crate::engine::signals::catch(crate::messages::say);
    let state = match args.state.as_deref() {
        Some(path) => Some(StateFile::open(path, &interrupted, crate::messages::say)?),
        None => None,
    };
    let directory = Arc::new(Directory::listed(&listed));
    // The lookup's calls count against the same quota as the polls: one pacer for both.
    let demand = ids.len().max(1) as f64 / args.interval.as_secs_f64();
    directory.pace(Pacer::new(args.max_rate, demand, Instant::now()));
    look_up_names(
        &client,
        &directory,
        &ids,
        args.concurrency as usize,
        &interrupted,
    )?;
    let remembered = state.as_ref().map(|s| s.seen.clone()).unwrap_or_default();
    let mut previous = remembered.clone();
    if state.is_some() {
        // Remembered runs start from "no session": a desktop first seen without one is quiet,
        // one first seen with a session is reported.
        for id in &ids {
            previous
                .entry(id.as_str().to_owned())
                .or_insert_with(|| Seen::of(&RemoteAssistance::none()));
        }
    }
    let client = Arc::new(client);
    // Listed again while the engine polls, with its single attempts: a failed listing is
    // only a warning, and the next one comes at the next --relist.
    let membership =
        (args.all && !args.once).then(|| relist(Arc::new(client.single_attempts()), args.relist));
    let plan = Plan {
        ids,
        interval: args.interval,
        concurrency: args.concurrency as usize,
        max_rate: args.max_rate,
        until: args.until.clone(),
        deadline: settings.deadline.map(|d| Instant::now() + d),
        once: args.once,
        // A closed session from before this moment is an earlier one (docs/CONTRACT.md).
        began: Some(jiff::Timestamp::now()),
        directory,
        membership,
        keep_records: false,
        keep_seen: state.is_some(),
    };
    let lines = LineReporter {
        width: crate::output::line_width(),
        out: std::io::stdout().lock(),
        format: settings.output,
        show_password: settings.style.show_password,
        stdout: true,
    };
    // Only the watched desktops: a state file may remember others, from other runs.
    let watched: Vec<_> = plan
        .ids
        .iter()
        .filter_map(|id| previous.get_key_value(id.as_str()))
        .collect();
    let mut told = notifier
        .listen(lines)
        .remembering(watched.iter().map(|(id, seen)| {
            let status = seen.status.as_ref().map_or("-", |s| s.as_str());
            (id.to_string(), status.to_string())
        }));
    let mut reporter = listeners(&mut told, args, &plan, client.tally());
    for (id, seen) in watched {
        let status = seen.status.clone();
        reporter.remember(
            id,
            &RemoteAssistance {
                status,
                ..RemoteAssistance::default()
            },
        );
    }
    let result = poll::run(client, &plan, &previous, &mut reporter, &interrupted);
    reporter.finish(interrupted.load(std::sync::atomic::Ordering::SeqCst));
    drop(told);
    if let (Some(state), Ok(outcome)) = (&state, &result) {
        // A desktop this run never polled keeps what earlier runs knew of it (nothing, for a
        // new one), not the "no session" it was assumed to start from.
        let mut all = remembered;
        let polled = outcome
            .seen
            .iter()
            .filter(|(id, _)| !outcome.unpolled.contains(id));
        all.extend(polled.map(|(id, seen)| (id.clone(), seen.clone())));
        state.save(&all)?;
    }
    // What waits for the team is sent (within notify's flush limit) before the run ends.
    notifier.finish();
    let outcome = result?;
    if !outcome.unpolled.is_empty() {
        return Err(unpolled(&outcome.unpolled, plan.ids.len()));
    }
    finish(outcome.end, &outcome.pending, args.once)
}

/// The watch's lines, then `--exec` and `--metrics-file` (refreshed each interval).
fn listeners<'a>(
    lines: &'a mut dyn crate::output::Reporter,
    args: &WatchArgs,
    plan: &Plan,
    tally: Arc<crate::api::Tally>,
) -> Listeners<'a> {
    let metrics = args.metrics_file.as_ref().map(|path| MetricsTarget {
        path: path.clone(),
        every: plan.interval,
        desktops: plan.ids.len(),
        tally,
    });
    Listeners::new(lines)
        .exec(args.exec.exec.as_deref(), args.exec.exec_timeout)
        .metrics(metrics)
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
            Err(e) => messages::warn(&msg!("watch-relist-failed").quote("error", words_of(&e))),
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
    stop: &std::sync::atomic::AtomicBool,
) -> anyhow::Result<()> {
    match directory.look_up(client, ids, concurrency, stop) {
        Ok(()) => Ok(()),
        Err(e) if e.status() == Some(401) => Err(explained(e, msg!("err-list-refused"))),
        Err(e) => {
            messages::warn(&msg!("watch-names-failed").quote("error", e.message()));
            Ok(())
        }
    }
}

/// At most this many IDs are named in a message; the rest are counted.
const NAMED: usize = 20;

/// `--once` cut short by its deadline: exit 8, saying how many (and which) were not polled.
fn unpolled(ids: &[String], total: usize) -> anyhow::Error {
    let mut named: Vec<String> = ids.iter().take(NAMED).map(|id| sanitize(id)).collect();
    if ids.len() > NAMED {
        named.push(format!("and {} more", ids.len() - NAMED));
    }
    Failure::new(
        Kind::Deadline,
        msg!(
            "err-round-too-long",
            left = ids.len(),
            total = total,
            desktops = named.join(", ")
        ),
    )
    .with_hint(msg!("hint-round-too-long"))
    .into()
}

fn finish(end: Outcome, pending: &[String], once: bool) -> anyhow::Result<Outcome> {
    let what = if once {
        "err-pending-after-once"
    } else {
        "err-pending-at-deadline"
    };
    match end {
        Outcome::Stopped(Kind::Deadline) => Err(Failure::new(
            Kind::Deadline,
            Message::new(what).arg(
                "desktops",
                pending
                    .iter()
                    .map(|p| sanitize(p))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        )
        .into()),
        Outcome::Stopped(kind) if kind.is_signal() => {
            messages::plain(&kind.signal_message());
            Ok(end)
        }
        end => Ok(end),
    }
}

/// How many lines of IDs `--file` or stdin may bring: more than any fleet has, and an end
/// for `yes abcdefgh | assist watch`, which would otherwise read for ever.
const MAX_ID_LINES: usize = 200_000;
/// A desktop ID has at most 255 characters: a much longer line is not one.
const MAX_LINE_BYTES: usize = 4096;

/// IDs from the arguments, `--file` and a selector's matches, or stdin when none of them is
/// given and stdin is a pipe; validated, de-duplicated as they come, in order. Files and
/// stdin are read as a stream, line by line, up to a cap.
fn desktop_ids(args: &WatchArgs, selected: Vec<String>) -> anyhow::Result<Vec<DesktopId>> {
    let mut ids = Ids::default();
    for raw in &args.desktop_ids {
        ids.add(raw)?;
    }
    if let Some(path) = &args.file {
        let file = std::fs::File::open(path).map_err(|e| {
            let said = msg!("err-read-ids-from", source = path.display());
            let said = said.quote("reason", os_error(&e));
            Failure::new(Kind::Usage, said)
        })?;
        let name = path.display().to_string();
        read_ids(std::io::BufReader::new(file), &name, &mut ids)?;
    }
    for raw in &selected {
        ids.add(raw)?;
    }
    if ids.list.is_empty() && !std::io::stdin().is_terminal() {
        read_ids(std::io::stdin().lock(), "stdin", &mut ids)?;
    }
    if ids.list.is_empty() {
        return Err(Failure::new(Kind::Usage, msg!("err-no-ids"))
            .with_hint(msg!("hint-no-ids"))
            .into());
    }
    Ok(ids.list)
}

/// The IDs so far, each once, in the order they came.
#[derive(Default)]
struct Ids {
    seen: HashSet<DesktopId>,
    list: Vec<DesktopId>,
}

impl Ids {
    fn add(&mut self, raw: &str) -> anyhow::Result<()> {
        let id = select::desktop_id(raw)?;
        if self.seen.insert(id.clone()) {
            self.list.push(id);
        }
        Ok(())
    }
}

/// One ID a line (blank lines and `#` comments skipped); a line that is not UTF-8, too long
/// or past the cap is an error naming it, never a silent stop or an endless read.
fn read_ids(mut input: impl BufRead, source: &str, ids: &mut Ids) -> anyhow::Result<()> {
    let mut line = Vec::new();
    for n in 1.. {
        line.clear();
        let read = (&mut input)
            .take(MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut line)
            .explain_with(|| msg!("err-read-ids", source = source))?;
        if read == 0 {
            return Ok(());
        }
        let bad = |what: Message, hint: &'static str| -> anyhow::Error {
            Failure::new(Kind::Usage, what)
                .with_hint(Message::new(hint))
                .into()
        };
        if n > MAX_ID_LINES {
            return Err(bad(
                msg!(
                    "err-ids-too-many-lines",
                    source = source,
                    max = MAX_ID_LINES
                ),
                "hint-too-many-id-lines",
            ));
        }
        if line.len() > MAX_LINE_BYTES {
            return Err(bad(
                msg!(
                    "err-ids-line-too-long",
                    line = n,
                    source = source,
                    max = MAX_LINE_BYTES
                ),
                "hint-ids-are-text",
            ));
        }
        let text = std::str::from_utf8(&line).map_err(|_| {
            bad(
                msg!("err-ids-not-text", line = n, source = source),
                "hint-ids-are-text",
            )
        })?;
        let text = text.trim();
        if !text.is_empty() && !text.starts_with('#') {
            ids.add(text)?;
        }
    }
    Ok(())
}
