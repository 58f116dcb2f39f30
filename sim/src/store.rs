//! Remote-assistance records and their state machine. A started session's status is computed
//! from its start time whenever it is read, so no task runs per desktop.

use super::clock::Clock;
use super::seed::{Catalogue, Desktop};
use super::tenant::{SavedTenant, Tenant, CONSENT_TIMED_OUT};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const DECLINED: &str = "The end user declined the remote assistance request.";

/// A JSON member that can be absent, `null`, or a string — the API allows all three.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Field {
    #[default]
    Absent,
    Null,
    Text(String),
}

impl Field {
    pub fn text(s: impl Into<String>) -> Field {
        Field::Text(s.into())
    }

    pub fn is_absent(&self) -> bool {
        *self == Field::Absent
    }
}

impl Serialize for Field {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Text(t) => s.serialize_str(t),
            _ => s.serialize_none(),
        }
    }
}

/// Read back from a saved state: a missing member is `Absent` (through `#[serde(default)]`).
impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Option::<String>::deserialize(d)?.map_or(Field::Null, Field::Text))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    #[serde(rename = "WAIT_USER_CONFIRM")]
    WaitUserConfirm,
    #[serde(rename = "WAIT_USER_ACCESS")]
    WaitUserAccess,
    #[serde(rename = "OPEN")]
    Open,
    #[serde(rename = "CLOSE")]
    Close,
}

/// The GET body, members in the order of the API reference.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub share_space_id: Field,
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub invitation_code: Field,
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub share_space_name: Field,
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub share_space_passwd: Field,
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub private_share_link: Field,
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub internet_share_link: Field,
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub create_time: Field,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Field::is_absent")]
    pub failed_reason: Field,
}

/// What an OPEN record is made of.
pub struct OpenParts<'a> {
    pub space_id: &'a str,
    pub space_name: &'a str,
    pub code: &'a str,
    pub passwd: &'a str,
    pub user: &'a str,
    pub create_time: &'a str,
}

impl Record {
    /// A record before the space exists: no code, no links, no creation time.
    pub fn waiting(space_id: &str, space_name: &str, status: Status) -> Record {
        Record {
            share_space_id: Field::text(space_id),
            invitation_code: Field::Absent,
            share_space_name: Field::text(space_name),
            share_space_passwd: Field::Absent,
            private_share_link: Field::Absent,
            internet_share_link: Field::Absent,
            create_time: Field::Absent,
            status,
            failed_reason: Field::Null,
        }
    }

    /// An OPEN record with all nine members.
    pub fn open(p: &OpenParts<'_>) -> Record {
        Record {
            invitation_code: Field::text(p.code),
            share_space_passwd: Field::text(p.passwd),
            private_share_link: Field::text(share_link("192.168.0.10", p.user, p.code)),
            internet_share_link: Field::text(share_link("203.0.113.10", p.user, p.code)),
            create_time: Field::text(p.create_time),
            ..Record::waiting(p.space_id, p.space_name, Status::Open)
        }
    }

    /// A closed record; what is left of a session once it ended.
    pub fn closed(space_id: &str, space_name: &str, create_time: Field, reason: Field) -> Record {
        Record {
            create_time,
            failed_reason: reason,
            ..Record::waiting(space_id, space_name, Status::Close)
        }
    }

    pub fn is_active(&self) -> bool {
        self.status != Status::Close
    }

    fn is_pending(&self) -> bool {
        matches!(
            self.status,
            Status::WaitUserConfirm | Status::WaitUserAccess
        )
    }

    /// The record once cancelled: the secrets and the code are gone with the space.
    fn cancelled(&self) -> Record {
        Record {
            invitation_code: Field::Absent,
            share_space_passwd: Field::Absent,
            private_share_link: Field::Absent,
            internet_share_link: Field::Absent,
            status: Status::Close,
            failed_reason: Field::Null,
            ..self.clone()
        }
    }
}

/// A collaborative-space link like the API reference's, embedding `code=<invitation code>`.
pub fn share_link(host: &str, user: &str, code: &str) -> String {
    format!("https://{host}:9445/#/share-space?username={user}&workspace_id=sim&code={code}")
}

/// The delays of the state machine.
#[derive(Clone, Copy, Debug)]
pub struct Delays {
    pub confirm: Duration,
    pub access: Duration,
}

/// A session started through the simulator; its status follows from its age on the
/// simulator's clock (wall-clock time, so that a saved session goes on after a restart).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Session {
    space_id: String,
    space_name: String,
    code: String,
    passwd: String,
    user: String,
    started_at: jiff::Timestamp,
    refuses: bool,
    /// The user never answers: the request waits for them until the tenant's time to accept
    /// (`gives_up_after`, seconds) passes, then closes (for ever without one).
    #[serde(default)]
    silent: bool,
    #[serde(default)]
    gives_up_after: Option<u64>,
}

impl Session {
    fn new(desktop: &Desktop, refuses: bool, clock: &Clock) -> Session {
        Session {
            space_id: random_text(24, b"abcdefghijklmnopqrstuvwxyz0123456789"),
            space_name: format!("helpdesk-{}", desktop.computer_name()),
            code: random_text(8, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
            passwd: format!(
                "Sim-{}!",
                random_text(
                    10,
                    b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
                )
            ),
            user: desktop.user_name(),
            started_at: clock.timestamp(),
            refuses,
            silent: false,
            gives_up_after: None,
        }
    }

    /// A seeded pending record that moves on as if it had been started at `started_at`.
    fn seeded(desktop: &Desktop, seeded: &Record, started_at: jiff::Timestamp) -> Session {
        let text = |f: &Field| match f {
            Field::Text(t) => Some(t.clone()),
            _ => None,
        };
        let fresh = Session::new(desktop, desktop.refuses(), &Clock::default());
        Session {
            space_id: text(&seeded.share_space_id).unwrap_or(fresh.space_id),
            space_name: text(&seeded.share_space_name).unwrap_or(fresh.space_name),
            started_at,
            ..fresh
        }
    }

    fn record(&self, now: jiff::Timestamp, delays: Delays) -> Record {
        let age = now
            .duration_since(self.started_at)
            .try_into()
            .unwrap_or(Duration::ZERO);
        if self.silent {
            return self.unanswered(age);
        }
        if age < delays.confirm {
            return Record::waiting(&self.space_id, &self.space_name, Status::WaitUserConfirm);
        }
        if self.refuses {
            let reason = Field::text(DECLINED);
            return Record::closed(&self.space_id, &self.space_name, Field::Absent, reason);
        }
        if age < delays.confirm + delays.access {
            return Record::waiting(&self.space_id, &self.space_name, Status::WaitUserAccess);
        }
        Record::open(&OpenParts {
            space_id: &self.space_id,
            space_name: &self.space_name,
            code: &self.code,
            passwd: &self.passwd,
            user: &self.user,
            create_time: &self.opened_at(delays),
        })
    }

    /// A request nobody answers: waiting, then closed once the time to accept has passed.
    fn unanswered(&self, age: Duration) -> Record {
        match self.gives_up_after {
            Some(limit) if age >= Duration::from_secs(limit) => {
                let reason = Field::text(CONSENT_TIMED_OUT);
                Record::closed(&self.space_id, &self.space_name, Field::Absent, reason)
            }
            _ => Record::waiting(&self.space_id, &self.space_name, Status::WaitUserConfirm),
        }
    }

    /// When the space was created: start + both delays, as `yyyy-MM-ddTHH:mm:ssZ`.
    fn opened_at(&self, delays: Delays) -> String {
        let opened = jiff::SignedDuration::try_from(delays.confirm + delays.access)
            .ok()
            .and_then(|d| self.started_at.checked_add(d).ok())
            .unwrap_or(self.started_at);
        format_time(opened)
    }
}

pub fn format_time(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn random_text(len: usize, alphabet: &[u8]) -> String {
    (0..len)
        .map(|_| char::from(alphabet[fastrand::usize(..alphabet.len())]))
        .collect()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Assistance {
    Fixed(Record),
    Live(Session),
}

/// Why an operation found nothing to act on.
#[derive(Debug, PartialEq, Eq)]
pub enum Missing {
    Desktop,
    Record,
    ActiveAssistance,
}

/// The answer of a POST.
#[derive(Debug, Serialize)]
pub struct Started {
    pub share_space_id: Field,
    pub status: Status,
    pub desktop_id: String,
    pub initiator_type: &'static str,
    /// The session was already open or pending: nothing was created.
    #[serde(skip)]
    pub existing: bool,
}

/// What a simulator remembers across restarts (the demo profile's saved state): the records
/// that changed since seeding (lively seeds included, once looked at).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Saved {
    changed: HashMap<String, Assistance>,
    /// The tenant's settings, the desktops' changed states, the messages received.
    #[serde(default)]
    tenant: SavedTenant,
}

impl Saved {
    /// The records `self` changed since `base` (the state it was taken up from), laid over
    /// `current` (what another simulator saved meanwhile): two demo commands at once each
    /// keep what they did, instead of the last one to end writing over the other.
    pub fn merged(self, base: &Saved, mut current: Saved) -> Saved {
        current.tenant = self.tenant.merged(&base.tenant, current.tenant);
        for (id, mine) in self.changed {
            if base.changed.get(&id) != Some(&mine) {
                current.changed.insert(id, mine);
            }
        }
        current
    }
}

/// Every desktop's assistance record. Only records that changed since seeding are stored, so
/// memory grows with use, not with `--desktops`.
pub struct Store {
    catalogue: Catalogue,
    delays: Delays,
    refuse: HashSet<String>,
    changed: Mutex<HashMap<String, Assistance>>,
    clock: Arc<Clock>,
    /// `--lively`: seeded pending sessions move on from the first time someone looks.
    lively: bool,
    /// The tenant's settings, the desktops' states and their messages.
    pub tenant: Tenant,
}

impl Store {
    pub fn new(
        catalogue: Catalogue,
        delays: Delays,
        refuse: HashSet<String>,
        clock: Arc<Clock>,
        lively: bool,
    ) -> Store {
        Store {
            catalogue,
            delays,
            refuse,
            changed: Mutex::new(HashMap::new()),
            clock,
            lively,
            tenant: Tenant::default(),
        }
    }

    /// Takes up where a saved state left off (what it saved wins over this run's seeds).
    pub fn restore(&mut self, saved: Saved) {
        super::server::lock(&self.changed).extend(saved.changed);
        self.tenant.restore(saved.tenant);
    }

    /// A desktop helped `ago` before now, whose session is over: CLOSE, dated when it began
    /// (what a desktop assisted yesterday shows until someone asks again).
    pub fn close_earlier(&self, desktop_id: &str, ago: Duration) {
        let now = self.clock.timestamp();
        let began = jiff::SignedDuration::try_from(ago)
            .ok()
            .and_then(|d| now.checked_sub(d).ok())
            .unwrap_or(now);
        let record = Record::closed(
            &format!("earlier-{desktop_id}"),
            "helpdesk-space-earlier",
            Field::text(format_time(began)),
            Field::Null,
        );
        let closed = Assistance::Fixed(record);
        super::server::lock(&self.changed).insert(desktop_id.to_string(), closed);
    }

    /// What to save so that a later simulator goes on from here.
    pub fn save(&self) -> Saved {
        Saved {
            changed: super::server::lock(&self.changed).clone(),
            tenant: self.tenant.save(),
        }
    }

    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// GET: the current record of a desktop.
    pub fn show(&self, desktop_id: &str) -> Result<Record, Missing> {
        let desktop = self.catalogue.find(desktop_id).ok_or(Missing::Desktop)?;
        let mut changed = super::server::lock(&self.changed);
        self.current(&desktop, &mut changed, self.clock.timestamp())
            .ok_or(Missing::Record)
    }

    /// POST: starts a session, or returns the one that is still active.
    pub fn start(&self, desktop_id: &str) -> Result<Started, Missing> {
        let desktop = self.catalogue.find(desktop_id).ok_or(Missing::Desktop)?;
        let mut changed = super::server::lock(&self.changed);
        let now = self.clock.timestamp();
        let (record, existing) = match self.current(&desktop, &mut changed, now) {
            Some(active) if active.is_active() => (active, true),
            _ => {
                let refuses = desktop.refuses() || self.refuse.contains(desktop_id);
                let mut session = Session::new(&desktop, refuses, &self.clock);
                session.silent = self.tenant.state(desktop_id).silent == Some(true);
                session.gives_up_after = self.tenant.consent_limit();
                let record = session.record(now, self.delays);
                changed.insert(desktop_id.to_string(), Assistance::Live(session));
                (record, false)
            }
        };
        Ok(Started {
            share_space_id: record.share_space_id,
            status: record.status,
            desktop_id: desktop_id.to_string(),
            initiator_type: "ADMIN_INITIATE",
            existing,
        })
    }

    /// DELETE: closes the active session.
    pub fn cancel(&self, desktop_id: &str) -> Result<(), Missing> {
        let desktop = self.catalogue.find(desktop_id).ok_or(Missing::Desktop)?;
        let mut changed = super::server::lock(&self.changed);
        match self.current(&desktop, &mut changed, self.clock.timestamp()) {
            Some(record) if record.is_active() => {
                let closed = Assistance::Fixed(record.cancelled());
                changed.insert(desktop_id.to_string(), closed);
                Ok(())
            }
            _ => Err(Missing::ActiveAssistance),
        }
    }

    fn current(
        &self,
        desktop: &Desktop,
        changed: &mut HashMap<String, Assistance>,
        now: jiff::Timestamp,
    ) -> Option<Record> {
        match changed.get(desktop.id().as_ref()) {
            Some(Assistance::Fixed(record)) => Some(record.clone()),
            Some(Assistance::Live(session)) => Some(session.record(now, self.delays)),
            None => {
                let seeded = desktop.seeded_record()?;
                if !(self.lively && seeded.is_pending()) {
                    return Some(seeded);
                }
                // A lively seed waiting for the user: from the first look on, a session like
                // a started one (one waiting for access began its confirmation earlier).
                let began = match seeded.status {
                    Status::WaitUserAccess => jiff::SignedDuration::try_from(self.delays.confirm)
                        .ok()
                        .and_then(|d| now.checked_sub(d).ok())
                        .unwrap_or(now),
                    _ => now,
                };
                let session = Session::seeded(desktop, &seeded, began);
                let record = session.record(now, self.delays);
                changed.insert(desktop.id().into_owned(), Assistance::Live(session));
                Some(record)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(space: &str, status: Status) -> Assistance {
        Assistance::Fixed(Record::waiting(space, "helpdesk", status))
    }

    fn saved(records: &[(&str, Assistance)]) -> Saved {
        let changed = records.iter().map(|(id, a)| (id.to_string(), a.clone()));
        Saved {
            changed: changed.collect(),
            tenant: SavedTenant::default(),
        }
    }

    #[test]
    fn a_merge_keeps_what_another_command_saved_meanwhile() {
        let base = saved(&[("a", fixed("s1", Status::WaitUserConfirm))]);
        // This command started desktop b and left a as it found it; another command moved a
        // on and started c, and saved first.
        let mine = saved(&[
            ("a", fixed("s1", Status::WaitUserConfirm)),
            ("b", fixed("s2", Status::WaitUserConfirm)),
        ]);
        let on_disk = saved(&[
            ("a", fixed("s1", Status::Open)),
            ("c", fixed("s3", Status::WaitUserConfirm)),
        ]);
        let merged = mine.merged(&base, on_disk).changed;
        assert_eq!(merged.len(), 3, "{merged:?}");
        assert_eq!(
            merged["a"],
            fixed("s1", Status::Open),
            "the newer record stays"
        );
        assert_eq!(merged["b"], fixed("s2", Status::WaitUserConfirm));
        assert_eq!(merged["c"], fixed("s3", Status::WaitUserConfirm));
    }

    #[test]
    fn a_record_this_command_changed_wins_over_the_file() {
        let base = saved(&[("a", fixed("s1", Status::WaitUserConfirm))]);
        let mine = saved(&[("a", fixed("s1", Status::Close))]);
        let on_disk = saved(&[("a", fixed("s1", Status::Open))]);
        let merged = mine.merged(&base, on_disk).changed;
        assert_eq!(merged["a"], fixed("s1", Status::Close));
    }
}
