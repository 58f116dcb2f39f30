//! `assist start` (POST, optionally waiting for OPEN) and `assist cancel` (DELETE).

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;

use super::poll::{self, Plan};
use crate::api::model::RemoteAssistance;
use crate::cli::{CancelArgs, StartArgs};
use crate::config::Settings;
use crate::domain::{DesktopId, Status};
use crate::outcome::{Failure, Kind, Outcome};
use crate::output::{render_created, render_show, table_line, OutputFormat, Reporter};
use crate::text::sanitize;

pub fn start(settings: &Settings, args: &StartArgs) -> anyhow::Result<Outcome> {
    let client = super::setup::client(settings)?;
    let id = &super::select::one(&client, &args.target)?;
    let created = client.create_remote_assistance(id).with_context(|| {
        format!(
            "could not start remote assistance on desktop {}",
            sanitize(id.as_str())
        )
    })?;
    // `-o code` asks for the invitation code, which only exists once the user accepted:
    // it implies --wait rather than sending a request and then failing.
    if !args.wait && settings.output != OutputFormat::Code {
        render_created(
            &mut std::io::stdout().lock(),
            settings.output,
            id.as_str(),
            &created,
        )?;
        return Ok(Outcome::Done);
    }
    eprintln!(
        "asked desktop {} for remote assistance; waiting for the user to accept (Ctrl-C stops waiting)",
        sanitize(id.as_str())
    );
    wait_for_open(settings, args, id, Arc::new(client))
}

/// Progress of `start --wait` goes to stderr, one line per change.
struct Progress;

impl Reporter for Progress {
    fn change(
        &mut self,
        id: &str,
        r: &RemoteAssistance,
        at: jiff::Timestamp,
    ) -> std::io::Result<()> {
        if std::io::stderr().is_terminal() || r.status() != Some(&Status::Open) {
            eprintln!("{}", table_line(id, r, at));
        }
        Ok(())
    }
}

fn wait_for_open(
    settings: &Settings,
    args: &StartArgs,
    id: &DesktopId,
    client: Arc<crate::api::Client>,
) -> anyhow::Result<Outcome> {
    let interrupted = poll::interrupt_flag();
    let plan = Plan {
        ids: vec![id.clone()],
        interval: args.interval,
        concurrency: 1,
        max_rate: None,
        until: vec![Status::Open],
        deadline: args.deadline.map(|d| Instant::now() + d),
        once: false,
    };
    let outcome = poll::run(client, &plan, &HashMap::new(), &mut Progress, &interrupted)?;
    let record = outcome
        .records
        .get(id.as_str())
        .cloned()
        .unwrap_or_default();
    match outcome.end {
        Outcome::Done => {
            render_show(&mut std::io::stdout().lock(), settings.output, id.as_str(), &record, settings.style)?;
            Ok(Outcome::Done)
        }
        Outcome::Stopped(Kind::Deadline) => Err(Failure::new(
            Kind::Deadline,
            format!(
                "the deadline passed ({}) and desktop {} is still pending at {}",
                crate::units::format_duration(args.deadline.unwrap_or_default()),
                sanitize(id.as_str()),
                record.status().map_or_else(|| "no answer".into(), |s| sanitize(s.as_str()))
            ),
        )
        .with_hint("the user has not accepted yet: `assist watch` keeps following it, `assist cancel` withdraws the request")
        .into()),
        Outcome::Stopped(Kind::Ended) => Err(Failure::new(
            Kind::Ended,
            format!(
                "remote assistance on desktop {} ended {}{}",
                sanitize(id.as_str()),
                record.status().map(|s| sanitize(s.as_str())).unwrap_or_default(),
                record.failed_reason().map(|r| format!(": {}", sanitize(r))).unwrap_or_default()
            ),
        )
        .into()),
        Outcome::Stopped(kind) if kind.is_signal() => {
            eprintln!(
                "{}; the request stays open on the desktop (`assist cancel` withdraws it)",
                kind.signal_text()
            );
            Ok(Outcome::Stopped(kind))
        }
        end => Ok(end),
    }
}

pub fn cancel(settings: &Settings, args: &CancelArgs) -> anyhow::Result<Outcome> {
    let client = super::setup::client(settings)?;
    let id = &super::select::one(&client, &args.target)?;
    match client.cancel_remote_assistance(id) {
        Ok(()) => {
            eprintln!(
                "cancelled remote assistance on desktop {}",
                sanitize(id.as_str())
            );
            Ok(Outcome::Done)
        }
        Err(e) if e.is_not_found() => Err(Failure::new(
            Kind::NotFound,
            format!(
                "no active remote assistance on desktop {} to cancel ({e})",
                sanitize(id.as_str())
            ),
        )
        .with_hint("`assist show` tells its state; a closed session needs no cancelling")
        .into()),
        Err(e) => Err(anyhow::Error::new(e).context(format!(
            "could not cancel remote assistance on desktop {}",
            sanitize(id.as_str())
        ))),
    }
}
