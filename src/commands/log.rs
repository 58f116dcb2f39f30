//! `assist log`: the audit log newest first, filtered, as a table or JSON; `--verify` checks
//! its hash chain.

use crate::audit::Entry;
use crate::cli::LogArgs;
use crate::config::Settings;
use crate::messages::msg;
use crate::outcome::{explained, Failure, Kind, Outcome};
use crate::output::{render_log, render_verified, OutputFormat};

pub fn run(settings: &Settings, args: &LogArgs) -> anyhow::Result<Outcome> {
    if matches!(settings.output, OutputFormat::Code | OutputFormat::Link) {
        return Err(Failure::new(Kind::Usage, msg!("err-log-formats"))
            .with_hint(msg!("hint-log-formats"))
            .into());
    }
    let path = settings.audit.log.clone().ok_or_else(|| {
        Failure::new(Kind::Usage, msg!("err-no-data-dir")).with_hint(msg!("hint-audit-log-path"))
    })?;
    let text = match crate::files::read_nofollow(&path, u64::MAX / 2) {
        Ok(Some((text, _))) => text,
        Ok(None) => String::new(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(explained(
                e,
                msg!("err-read-audit-log", path = path.display()),
            ))
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
    render_log(
        &mut std::io::stdout().lock(),
        settings.output,
        &entries,
        settings.style,
    )?;
    Ok(Outcome::Done)
}

fn verify(path: &std::path::Path, text: &str) -> anyhow::Result<Outcome> {
    match crate::audit::verify(text) {
        Ok(n) => {
            render_verified(&mut std::io::stdout().lock(), path, n)?;
            // Not an edit, but a fact the chain alone would hide: a request went out (or was
            // about to) and no outcome was written.
            for line in crate::audit::unanswered(text) {
                crate::messages::warn(&msg!("audit-intent-unanswered", line = line));
            }
            Ok(Outcome::Done)
        }
        Err(b) => Err(Failure::new(
            Kind::Ended,
            msg!("err-log-broken", path = path.display(), line = b.line).quote("why", b.why),
        )
        .with_hint(msg!("hint-log-edited"))
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
        && args.user.as_ref().is_none_or(|u| {
            has(&e.local_user, u)
                || e.env_user.as_deref().is_some_and(|env| has(env, u))
                || has(&e.operator, u)
                || end_user(e).is_some_and(|end| has(end, u))
        })
        && args.since.is_none_or(|since| {
            let time = e.time.parse::<jiff::Timestamp>();
            let span = jiff::SignedDuration::try_from(since).unwrap_or(jiff::SignedDuration::MAX);
            time.is_ok_and(|t| now.duration_since(t) <= span)
        })
}

/// The desktop's end user, as the line names it: the `(erin)` of `DEV-PC-004 (erin)`. The
/// helpdesk looks for the person they helped, not only for who helped.
fn end_user(e: &Entry) -> Option<&str> {
    let name = e.desktop_name.as_deref()?.strip_suffix(')')?;
    let open = name.rfind('(')?;
    Some(&name[open + 1..])
}
