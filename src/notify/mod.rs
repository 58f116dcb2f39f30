//! Telling the team (docs/CONTRACT.md, "Telling the team"): the changes a watch reports go,
//! through a queue with its own thread, to the chat bots and webhooks of `[notify.NAME]`.
//! change.rs (one change, its line), wire.rs (each kind's request, signature and limits),
//! limit.rs (a rate limit on a clock passed in), lane.rs (one target's batching, retries and
//! failure episode), post.rs (HTTP), queue.rs (the thread), told.rs (the reporter that feeds
//! it), guard.rs (the bot's key kept out of every output), shown.rs (`config show` and
//! `config check --notify`), error.rs.

mod change;
mod error;
mod guard;
mod lane;
mod limit;
mod post;
mod queue;
mod shown;
mod told;
mod wire;

use std::time::Duration;

pub use error::NotifyError;
pub use shown::{check, fields};
pub use told::Told;

use crate::config::notify::{redacted_url, NotifyTarget};
use crate::messages::{self, msg, Level};

/// The wait after a target's first failure, doubled after each next one (tests shorten it).
const BACKOFF: Duration = Duration::from_secs(1);

/// The notifications of one run: started before the first poll, finished after the last.
pub struct Notifier {
    queue: Option<queue::Queue>,
}

impl Notifier {
    /// Reads each target's signing secret (a failing `secret_command` ends the run before it
    /// starts, exit 3) and starts the queue; with no target, a notifier that does nothing.
    pub fn start(targets: Vec<NotifyTarget>, verbose: u8) -> anyhow::Result<Notifier> {
        if targets.is_empty() {
            return Ok(Notifier { queue: None });
        }
        let backoff = crate::testing::limit("ASSIST_TEST_NOTIFY_BACKOFF", BACKOFF);
        let mut lanes = Vec::new();
        for target in targets {
            let secret = target.secret.as_ref().map(|s| s.read()).transpose()?;
            guard::forbid_url_secrets(&target);
            if verbose > 0 {
                let m = msg!(
                    "notify-target",
                    target = &target.name,
                    kind = target.kind.as_str(),
                    url = redacted_url(&target.url)
                );
                messages::say(Level::Detail, &m);
            }
            lanes.push(lane::Lane::new(target, secret, backoff));
        }
        let poster = post::Poster::new().map_err(|e| NotifyError::Client(e.to_string()))?;
        Ok(Notifier {
            queue: Some(queue::Queue::start(lanes, poster, verbose > 0)),
        })
    }

    /// `inner`, telling the queue of each change it reports.
    pub fn listen<R>(&self, inner: R) -> Told<R> {
        Told::new(inner, self.queue.as_ref().map(|q| q.tx.clone()))
    }

    /// Sends what waits, within `lane::FLUSH_LIMIT` (10 s), and stops the queue.
    pub fn finish(self) {
        if let Some(queue) = self.queue {
            queue.finish();
        }
    }
}
