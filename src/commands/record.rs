//! What a change command writes to the audit log: the ticket check before any request, the
//! log opened before the request (a change that cannot be recorded is not made), one line
//! per action after it.

use crate::api::{Answered, ApiError};
use crate::audit::{Action, Entry, Log};
use crate::cli::AuditArgs;
use crate::config::{AuthSpec, Settings};
use crate::domain::DesktopId;
use crate::messages::{self, msg};
use crate::outcome::{Failure, Kind};

/// The log (unless `--no-audit` let a change go unrecorded) and what every line shares.
pub struct Recorder {
    log: Option<Log>,
    base: Entry,
}

impl Recorder {
    /// Refuses a change without `--ticket` when the profile requires one, and opens the log:
    /// both before any request.
    pub fn prepare(settings: &Settings, args: &AuditArgs) -> anyhow::Result<Recorder> {
        if settings.audit.require_ticket && args.ticket.is_none() {
            return Err(Failure::new(
                Kind::Usage,
                "this profile requires a ticket for every change (require_ticket = true)",
            )
            .with_hint(msg!("hint-ticket-required"))
            .into());
        }
        let log = match (&settings.audit.log, args.no_audit) {
            (_, true) => {
                messages::warn(&msg!("audit-off"));
                None
            }
            (Some(path), false) => Some(Log::open(path)?),
            (None, false) => {
                return Err(Failure::new(
                    Kind::Usage,
                    "there is no data directory on this system for the audit log",
                )
                .with_hint(msg!("hint-audit-log-or-no-audit"))
                .into())
            }
        };
        Ok(Recorder {
            log,
            base: base(settings, args),
        })
    }

    /// Appends one line for `action` on `desktop`; a failure now (the change is made) is
    /// said on stderr rather than hiding the change's own result.
    pub fn record(
        &mut self,
        desktop: &DesktopId,
        name: Option<String>,
        fill: impl FnOnce(&mut Entry),
    ) {
        self.append(desktop.as_str(), name, fill);
    }

    /// Appends one line for a change of the tenant (its settings), which names no desktop.
    pub fn record_tenant(&mut self, fill: impl FnOnce(&mut Entry)) {
        self.append("", None, fill);
    }

    fn append(&mut self, desktop: &str, name: Option<String>, fill: impl FnOnce(&mut Entry)) {
        let Some(log) = &mut self.log else { return };
        let mut entry = Entry {
            time: jiff::Timestamp::now().to_string(),
            desktop_id: desktop.to_string(),
            desktop_name: name,
            ..self.base.clone()
        };
        fill(&mut entry);
        if let Err(e) = log.append(entry) {
            messages::warn(&msg!("audit-not-recorded", error = e));
        }
    }
}

/// The HTTP status and request id of an answer (or of the error), into `entry`.
pub fn answered<T>(entry: &mut Entry, result: &Result<Answered<T>, ApiError>) {
    match result {
        Ok(a) => (entry.http_status, entry.request_id) = (Some(a.status), a.request_id.clone()),
        Err(e) => failed(entry, e),
    }
}

/// A DELETE's answer, into `entry`.
pub fn closed(entry: &mut Entry, result: &Result<Answered<()>, ApiError>) {
    entry.action = Action::Cancel;
    answered(entry, result);
}

fn failed(entry: &mut Entry, e: &ApiError) {
    entry.http_status = e.status();
    entry.request_id = e.request_id().map(str::to_string);
    entry.detail = Some(crate::text::sanitize(&e.to_string()));
}

fn base(settings: &Settings, args: &AuditArgs) -> Entry {
    let connection = settings.connection().ok();
    Entry {
        local_user: crate::audit::local_user(),
        operator: connection.map_or_else(|| "unknown".into(), |c| operator(&c.auth)),
        profile: settings.profile.as_ref().map(|p| p.value.clone()),
        project: connection.and_then(|c| c.project.as_ref().map(|p| p.value.clone())),
        ticket: args.ticket.clone(),
        reason: args.reason.clone(),
        ..Entry::default()
    }
}

/// The cloud identity without a secret: the IAM user, or the AK's first 4 characters.
fn operator(auth: &AuthSpec) -> String {
    match auth {
        AuthSpec::AkSk { ak, .. } => format!("ak:{}…", ak.chars().take(4).collect::<String>()),
        AuthSpec::Password { user, domain, .. } => format!("iam:{user}@{domain}"),
        AuthSpec::Token(_) => "token".into(),
    }
}
