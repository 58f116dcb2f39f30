//! `assist log`: the audit log newest first, filtered, as a table or JSON; `--verify` checks
//! its hash chain.

use std::io::Write;

use crate::audit::Entry;
use crate::cli::LogArgs;
use crate::config::Settings;
use crate::outcome::{Failure, Kind, Outcome};
use crate::output::OutputFormat;
use crate::text::sanitize;

pub fn run(settings: &Settings, args: &LogArgs) -> anyhow::Result<Outcome> {
    let path = settings.audit.log.clone().ok_or_else(|| {
        Failure::new(
            Kind::Usage,
            "there is no data directory on this system for the audit log",
        )
        .with_hint("set `audit_log = \"/path\"` in the profile")
    })?;
    let text = match crate::files::read_nofollow(&path, u64::MAX / 2) {
        Ok(Some((text, _))) => text,
        Ok(None) => String::new(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(anyhow::Error::new(e)
                .context(format!("could not read the audit log {}", path.display())))
        }
    };
    if args.verify {
        return verify(&path, &text);
    }
    let now = jiff::Timestamp::now();
    let mut entries: Vec<Entry> = crate::audit::parse(&text)
        .into_iter()
        .filter(|e| keep(e, args, now))
        .collect();
    entries.reverse();
    let out = &mut std::io::stdout().lock();
    match settings.output {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&entries)?)?,
        _ => table(out, &entries, settings.style.no_headers)?,
    }
    Ok(Outcome::Done)
}

fn verify(path: &std::path::Path, text: &str) -> anyhow::Result<Outcome> {
    match crate::audit::verify(text) {
        Ok(n) => {
            println!("{}: {n} line(s), the chain is intact", path.display());
            Ok(Outcome::Done)
        }
        Err(b) => Err(Failure::new(
            Kind::Ended,
            format!("{} line {}: {}", path.display(), b.line, b.why),
        )
        .with_hint("the log was changed after it was written: compare it with the copy shipped to your central log")
        .into()),
    }
}

fn keep(e: &Entry, args: &LogArgs, now: jiff::Timestamp) -> bool {
    let has = |field: &str, want: &str| field.to_lowercase().contains(&want.to_lowercase());
    args.desktop
        .as_ref()
        .is_none_or(|d| e.desktop_id.eq_ignore_ascii_case(d))
        && args
            .ticket
            .as_ref()
            .is_none_or(|t| e.ticket.as_deref() == Some(t.as_str()))
        && args
            .user
            .as_ref()
            .is_none_or(|u| has(&e.local_user, u) || has(&e.operator, u))
        && args.since.is_none_or(|since| {
            let time = e.time.parse::<jiff::Timestamp>();
            let span = jiff::SignedDuration::try_from(since).unwrap_or(jiff::SignedDuration::MAX);
            time.is_ok_and(|t| now.duration_since(t) <= span)
        })
}

fn table(out: &mut impl Write, entries: &[Entry], no_headers: bool) -> std::io::Result<()> {
    if !no_headers {
        writeln!(
            out,
            "TIME\tACTION\tDESKTOP\tNAME\tTICKET\tUSER\tOPERATOR\tHTTP\tSTATUS\tREASON"
        )?;
    }
    for e in entries {
        let text = |v: &Option<String>| v.as_deref().map_or_else(|| "-".into(), sanitize);
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            sanitize(&e.time),
            sanitize(&e.action),
            sanitize(&e.desktop_id),
            text(&e.desktop_name),
            text(&e.ticket),
            sanitize(&e.local_user),
            sanitize(&e.operator),
            e.http_status.map_or_else(|| "-".into(), |s| s.to_string()),
            text(&e.status),
            text(&e.reason.clone().or(e.detail.clone())),
        )?;
    }
    Ok(())
}
