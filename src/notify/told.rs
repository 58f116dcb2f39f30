//! The reporter that tells the team: it passes everything to the reporter it wraps (whose
//! output comes first and is never changed) and hands each change to the queue, which it
//! never waits for.

use std::collections::HashMap;
use std::sync::mpsc::Sender;

use super::change::Change;
use super::queue::Event;
use crate::api::model::RemoteAssistance;
use crate::domain::{DesktopNames, Status};
use crate::messages::{Level, Message};
use crate::output::Reporter;

pub struct Told<R> {
    inner: R,
    /// `None` when no target was chosen: the wrapper only passes things on.
    queue: Option<Sender<Event>>,
    /// Each desktop's last status, for a change's `previous_status`.
    last: HashMap<String, String>,
}

impl<R> Told<R> {
    pub fn new(inner: R, queue: Option<Sender<Event>>) -> Told<R> {
        Told {
            inner,
            queue,
            last: HashMap::new(),
        }
    }

    /// What earlier runs saw (a `--state` file): a change the engine reports against it is
    /// told with that status as its previous one, never as a first sight.
    pub fn remembering(mut self, known: impl IntoIterator<Item = (String, String)>) -> Self {
        self.last.extend(known);
        self
    }
}

impl<R: Reporter> Reporter for Told<R> {
    fn change(
        &mut self,
        id: &str,
        names: Option<&DesktopNames>,
        record: &RemoteAssistance,
        at: jiff::Timestamp,
    ) -> std::io::Result<()> {
        let result = self.inner.change(id, names, record, at);
        let status = record.status_text().to_string();
        let previous = self.last.insert(id.to_string(), status.clone());
        // A desktop first seen without a session (NONE, a closed one) is no news.
        let news = previous.is_some() || record.status().is_some_and(Status::is_active);
        if let (Some(queue), true) = (&self.queue, news) {
            let change = Change {
                desktop_id: id.to_string(),
                computer_name: names.and_then(|n| n.computer_name.clone()),
                user_name: names.and_then(|n| n.user_name.clone()),
                status,
                previous_status: previous,
                observed_at: at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
                failed_reason: record.failed_reason().map(str::to_string),
                invitation_code: record.open_code().map(str::to_string),
            };
            // A queue that has gone (it never does before the run ends) costs only the message.
            let _ = queue.send(Event::Change(change));
        }
        result
    }

    fn say(&mut self, level: Level, message: &Message) {
        self.inner.say(level, message);
    }

    fn gone(&self) -> bool {
        self.inner.gone()
    }
}
