//! What a run of the engine is asked (`Plan`) and what it gives back (`Outcome`, with what
//! each desktop was last `Seen` as, which a state file keeps between runs).

use std::collections::HashMap;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::directory::Directory;
use super::settle::Rules;
use crate::api::model::{Desktop, RemoteAssistance};
use crate::domain::{DesktopId, Status};
use crate::outcome::Outcome as End;

/// What one run polls, how often, and when it stops.
pub struct Plan {
    pub ids: Vec<DesktopId>,
    pub interval: Duration,
    pub concurrency: usize,
    pub max_rate: Option<f64>,
    /// Wanted statuses; empty means "watch until the deadline or Ctrl-C".
    pub until: Vec<Status>,
    pub deadline: Option<Instant>,
    pub once: bool,
    /// When the watch began: a closed session from before it does not end a wait
    /// (`settle::earlier`). `None` for a wait that has just asked, which any close ends.
    pub began: Option<jiff::Timestamp>,
    /// Which desktops exist (a 404 for one of them is `NONE`), and their names.
    pub directory: Arc<Directory>,
    /// `watch --all`: the project's desktops, listed again now and then; those new join the
    /// run, those gone leave it.
    pub membership: Option<mpsc::Receiver<Vec<Desktop>>>,
    /// Whether the outcome carries each desktop's last record (`start --wait`, `sessions`);
    /// a watch needs only what change detection keeps, whatever the size of the fleet.
    pub keep_records: bool,
    /// Whether the outcome carries what each desktop was last seen as (for a state file).
    pub keep_seen: bool,
}

impl Plan {
    /// The part of the plan that decides when a desktop is settled.
    pub fn rules(&self) -> Rules<'_> {
        Rules {
            until: &self.until,
            once: self.once,
            began: self.began,
        }
    }
}

/// The part of a record whose change is worth reporting (and remembering in a state file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Seen {
    pub status: Option<Status>,
    pub invitation_code: Option<String>,
    pub failed_reason: Option<String>,
    /// An all-null answer came after this active state and waits for the next answer to
    /// confirm it (see `blank.rs`); kept in the state file so that cron runs agree.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub doubted: bool,
}

impl Seen {
    pub fn of(r: &RemoteAssistance) -> Seen {
        Seen {
            status: r.status.clone(),
            invitation_code: r.invitation_code.clone(),
            failed_reason: r.failed_reason().map(str::to_string),
            doubted: false,
        }
    }

    /// The same observation, whether or not a doubt hangs over it.
    pub fn same_as(&self, other: &Seen) -> bool {
        (&self.status, &self.invitation_code, &self.failed_reason)
            == (&other.status, &other.invitation_code, &other.failed_reason)
    }
}

/// How a run ended, and what it saw.
pub struct Outcome {
    pub end: End,
    pub pending: Vec<String>,
    /// `--once`: the desktops the deadline came before (never answered, so not in `seen`
    /// beyond what an earlier run saw).
    pub unpolled: Vec<String>,
    pub seen: HashMap<String, Seen>,
    pub records: HashMap<String, RemoteAssistance>,
}
