//! What the project's desktop listing says about the desktops a command works on: whether
//! each exists, and its computer name and user. "No record" and "no such desktop" both may
//! come back from GET as a 404 (docs/WORKSPACE-API.md §8); only ListDesktops tells them apart,
//! asked by `desktop_id`, up to 100 IDs a call, once per desktop per run. The lookup before a
//! run is paced by the run's own pacer, which the run then takes over with what it learnt.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::pace::Pacer;

use crate::api::model::{Desktop, RemoteAssistance};
use crate::api::{ApiError, Client, DesktopFilter};
use crate::domain::{DesktopId, DesktopNames};

/// What is known of one desktop.
#[derive(Debug, Clone)]
enum Entry {
    /// The listing has it (with its names, when they came from a listing).
    Listed(DesktopNames),
    /// The listing was asked and does not have it.
    Absent,
}

/// The desktops of one run, as far as the listing told. Shared by the polling threads.
#[derive(Debug, Default)]
pub struct Directory {
    /// Keyed by the run's own IDs: a fleet's keys share the text the run already holds.
    known: Mutex<HashMap<DesktopId, Entry>>,
    /// The desktops a lookup could not settle: asked again, 100 at a time, on a 404.
    unsettled: Mutex<Vec<DesktopId>>,
    /// The run's pacer while the lookup goes on (`pace`), until the run takes it.
    pacer: Mutex<Option<Pacer>>,
}

/// What a GET means once "no record" is understood.
pub enum Answer {
    /// The record; `Status::None` for an existing desktop without one.
    Record(RemoteAssistance),
    /// The GET answered 404 and the listing confirmed that no such desktop exists.
    Missing(ApiError),
}

impl Directory {
    pub fn new() -> Directory {
        Directory::default()
    }

    /// Every desktop of a listing (a selector's matches, `--all`): they exist, with names.
    pub fn listed(desktops: &[Desktop]) -> Directory {
        let dir = Directory::new();
        for d in desktops {
            dir.add(d);
        }
        dir
    }

    /// Paces the lookup's calls with the run's pacer: one quota, one pace.
    pub fn pace(&self, pacer: Pacer) {
        *lock(&self.pacer) = Some(pacer);
    }

    /// The pacer the lookup used, with what it learnt, for the run to go on with.
    pub fn take_pacer(&self) -> Option<Pacer> {
        lock(&self.pacer).take()
    }

    /// Records a desktop the listing has.
    pub fn add(&self, d: &Desktop) {
        // An ID the API would not take is never polled, so nothing needs its names.
        if let Ok(id) = DesktopId::parse(d.id()) {
            self.lock().insert(id, Entry::Listed(d.names()));
        }
    }

    /// Records that a desktop exists, without names (a POST on it succeeded).
    pub fn exists(&self, id: &DesktopId) {
        self.lock()
            .entry(id.clone())
            .or_insert_with(|| Entry::Listed(DesktopNames::default()));
    }

    /// Its names, when a listing gave them.
    pub fn names(&self, id: &str) -> Option<DesktopNames> {
        match self.lock().get(id) {
            Some(Entry::Listed(names)) if names.label().is_some() => Some(names.clone()),
            _ => None,
        }
    }

    /// Asks the listing about every desktop not known yet, 100 IDs a call: the first call
    /// alone (refused credentials cost one request), the others `concurrency` at a time.
    /// A 401 is returned; any other failure leaves those desktops unknown (a 404 for one of
    /// them asks again) and is returned as the first failure, for a warning. Once `stop` is
    /// set (a signal), the calls not sent yet are not sent: a fleet's lookup is a thousand.
    pub fn look_up(
        &self,
        client: &Client,
        ids: &[DesktopId],
        concurrency: usize,
        stop: &AtomicBool,
    ) -> Result<(), ApiError> {
        let unknown: Vec<DesktopId> = {
            let known = self.lock();
            ids.iter()
                .filter(|id| !known.contains_key(id.as_str()) && !id.as_str().contains(','))
                .cloned()
                .collect()
        };
        *lock(&self.unsettled) = unknown.clone();
        let mut batches = unknown.chunks(DesktopFilter::MAX_IDS);
        let Some(first) = batches.next() else {
            return Ok(());
        };
        self.paced_ask(client, first, stop)?;
        let rest: Vec<&[DesktopId]> = batches.collect();
        let asked = super::fanout::in_parallel(&rest, concurrency, |batch| {
            self.paced_ask(client, batch, stop)
        });
        // Only what the lookup could not settle waits for a 404 to ask again: a fleet's worth
        // of IDs is not kept for the whole run.
        let known = self.lock();
        let mut unsettled = lock(&self.unsettled);
        unsettled.retain(|u| !known.contains_key(u));
        unsettled.shrink_to_fit();
        drop((known, unsettled));
        asked.into_iter().collect()
    }

    /// `ask`, once the pacer lets the call go (not at all once `stop` is set); what the
    /// gateway answered sets the pace.
    fn paced_ask(
        &self,
        client: &Client,
        ids: &[DesktopId],
        stop: &AtomicBool,
    ) -> Result<(), ApiError> {
        let Some(sent) = self.turn(stop) else {
            return Ok(());
        };
        let asked = self.ask(client, ids);
        if let Some(pacer) = lock(&self.pacer).as_mut() {
            match &asked {
                Err(e) if e.status() == Some(429) => pacer.throttled(Instant::now()),
                _ => pacer.accepted(Instant::now(), sent),
            }
        }
        asked
    }

    /// Waits for the pacer to let a call go: when it went, or `None` once `stop` is set.
    fn turn(&self, stop: &AtomicBool) -> Option<Instant> {
        loop {
            if stop.load(Ordering::SeqCst) {
                return None;
            }
            let now = Instant::now();
            let next = match lock(&self.pacer).as_mut() {
                None => return Some(now),
                Some(p) => match p.permit(now) {
                    true => return Some(now),
                    false => p.next_permit().unwrap_or(now),
                },
            };
            // A short nap at most, so that a signal is heeded at once.
            let nap = next.saturating_duration_since(now);
            std::thread::sleep(nap.clamp(Duration::from_millis(1), Duration::from_millis(50)));
        }
    }

    /// One ListDesktops call for these IDs; those it does not list are absent.
    fn ask(&self, client: &Client, ids: &[DesktopId]) -> Result<(), ApiError> {
        let filter = DesktopFilter {
            desktop_ids: ids.iter().map(|id| id.as_str().to_owned()).collect(),
            ..DesktopFilter::default()
        };
        let page = client.list_desktops(&filter, 0, ids.len().max(1))?.value;
        let mut known = self.lock();
        for d in &page.desktops {
            // A server that ignored the filter must not make other desktops "exist".
            if let Some(id) = ids.iter().find(|id| id.as_str() == d.id()) {
                known.insert(id.clone(), Entry::Listed(d.names()));
            }
        }
        for id in ids {
            known.entry(id.clone()).or_insert(Entry::Absent);
        }
        Ok(())
    }

    /// Whether the desktop exists: known, or asked now (with up to 99 other unknown ones, so
    /// that many 404s in one round cost few calls).
    pub fn confirm(&self, client: &Client, id: &DesktopId) -> Result<bool, ApiError> {
        if let Some(known) = self.exists_known(id.as_str()) {
            return Ok(known);
        }
        let mut batch = vec![id.clone()];
        {
            let known = self.lock();
            let mut unsettled = lock(&self.unsettled);
            unsettled.retain(|u| !known.contains_key(u));
            batch.extend(
                unsettled
                    .iter()
                    .filter(|u| *u != id)
                    .take(DesktopFilter::MAX_IDS - 1)
                    .cloned(),
            );
        }
        self.ask(client, &batch)?;
        Ok(self.exists_known(id.as_str()).unwrap_or(false))
    }

    fn exists_known(&self, id: &str) -> Option<bool> {
        self.lock().get(id).map(|e| matches!(e, Entry::Listed(_)))
    }

    /// GET the record and understand "no record": a blank 200 is `NONE`; a 404 is `NONE` for a
    /// desktop the listing has, and `Missing` for one it does not have. A failure to ask the
    /// listing is returned as it is (transient ones are retried by the caller).
    pub fn assistance(&self, client: &Client, id: &DesktopId) -> Result<Answer, ApiError> {
        match client.remote_assistance(id).map(|a| a.value) {
            Ok(record) if record.is_blank() => Ok(Answer::Record(RemoteAssistance::none())),
            Ok(record) => Ok(Answer::Record(record)),
            Err(e) if e.is_not_found() => match self.confirm(client, id) {
                Ok(true) => {
                    client.detail_no_record(id, &e);
                    Ok(Answer::Record(RemoteAssistance::none()))
                }
                Ok(false) => Ok(Answer::Missing(e)),
                // Not allowed to list, or the listing itself is not found: the 404 stands.
                Err(listing) if listing.is_refused() && listing.status() == Some(403) => {
                    Ok(Answer::Missing(e))
                }
                Err(listing) if listing.is_not_found() => Ok(Answer::Missing(e)),
                Err(listing) => Err(listing),
            },
            Err(e) => Err(e),
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<DesktopId, Entry>> {
        lock(&self.known)
    }
}

/// A lock that outlives a panic elsewhere: every step leaves the data consistent.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
