//! What listens to the changes of a watch besides its output: the `--exec` command and the
//! `--metrics-file`. A reporter that hands each change to the command's own reporter first,
//! then to them; neither can hold up the polling nor change what the watch prints.

mod exec;
mod metrics;

use std::collections::HashMap;
use std::time::Duration;

use crate::api::model::RemoteAssistance;
use crate::domain::DesktopNames;
use crate::messages::{self, msg, Level, Message};
use crate::output::{change_json, Reporter};

pub use metrics::Target as MetricsTarget;

/// Passes every change on to `inner`, then to the listeners that were asked for.
pub struct Listeners<'a> {
    inner: &'a mut dyn Reporter,
    exec: Option<exec::Exec>,
    metrics: Option<metrics::MetricsFile>,
    /// The status last reported of each desktop: the next change's previous one.
    previous: HashMap<String, String>,
}

impl<'a> Listeners<'a> {
    pub fn new(inner: &'a mut dyn Reporter) -> Listeners<'a> {
        Listeners {
            inner,
            exec: None,
            metrics: None,
            previous: HashMap::new(),
        }
    }

    /// `--exec COMMAND` with its time limit.
    pub fn exec(mut self, command: Option<&str>, limit: Duration) -> Self {
        self.exec = command.map(|c| exec::Exec::start(c, limit));
        self
    }

    /// `--metrics-file`.
    pub fn metrics(mut self, target: Option<MetricsTarget>) -> Self {
        self.metrics = target.map(metrics::MetricsFile::start);
        self
    }

    /// What an earlier run saw of a desktop (`--state`): its previous status, and its status
    /// in the metrics until it is polled.
    pub fn remember(&mut self, id: &str, record: &RemoteAssistance) {
        self.previous
            .insert(id.to_string(), record.status_text().to_string());
        if let Some(m) = &self.metrics {
            m.record(id, record);
        }
    }

    /// Waits for the commands already queued (each within its time limit; after a signal,
    /// only those already running) and writes the metrics a last time.
    pub fn finish(self, interrupted: bool) {
        if let Some(exec) = self.exec {
            let skipped = exec.finish(interrupted);
            if skipped > 0 {
                messages::note(&msg!("exec-skipped", count = skipped));
            }
        }
        if let Some(metrics) = self.metrics {
            metrics.finish();
        }
    }
}

impl Reporter for Listeners<'_> {
    fn change(
        &mut self,
        id: &str,
        names: Option<&DesktopNames>,
        record: &RemoteAssistance,
        at: jiff::Timestamp,
    ) -> std::io::Result<()> {
        let shown = self.inner.change(id, names, record, at);
        let status = record.status_text().to_string();
        let previous = self.previous.insert(id.to_string(), status.clone());
        if let Some(m) = &self.metrics {
            m.record(id, record);
        }
        if let Some(exec) = &mut self.exec {
            let json = change_json(id, names, record, at, false)?;
            let name = |f: fn(&DesktopNames) -> &Option<String>| {
                names.and_then(|n| f(n).clone()).unwrap_or_default()
            };
            let env = vec![
                ("ASSIST_DESKTOP_ID", id.to_string()),
                ("ASSIST_STATUS", status.clone()),
                ("ASSIST_PREVIOUS_STATUS", previous.unwrap_or_default()),
                ("ASSIST_COMPUTER_NAME", name(|n| &n.computer_name)),
                ("ASSIST_USER_NAME", name(|n| &n.user_name)),
                (
                    "ASSIST_INVITATION_CODE",
                    record.invitation_code.clone().unwrap_or_default(),
                ),
                ("ASSIST_JSON", json),
            ];
            let desktop = id.to_string();
            exec.push(exec::Job {
                desktop,
                status,
                env,
            });
        }
        shown
    }

    fn say(&mut self, level: Level, message: &Message) {
        self.inner.say(level, message);
    }

    fn gone(&self) -> bool {
        self.inner.gone()
    }
}
