//! `watch --metrics-file`: the last record of each desktop, and a thread that writes their
//! metrics (the text of `sessions -o prometheus`) each round, atomically, off the poll loop.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::api::model::RemoteAssistance;
use crate::api::Tally;
use crate::messages::{self, msg};
use crate::output::{write_metrics_file, Metrics};

/// What the metrics are made of: the last status and creation time seen of each desktop.
struct Fleet {
    records: HashMap<String, RemoteAssistance>,
    desktops: usize,
}

pub struct MetricsFile {
    fleet: Arc<Mutex<Fleet>>,
    stop: Sender<()>,
    writer: JoinHandle<()>,
}

/// Where to write, how often, how many desktops are watched, and the run's request counters.
pub struct Target {
    pub path: PathBuf,
    pub every: Duration,
    pub desktops: usize,
    pub tally: Arc<Tally>,
}

impl MetricsFile {
    pub fn start(target: Target) -> MetricsFile {
        let fleet = Arc::new(Mutex::new(Fleet {
            records: HashMap::new(),
            desktops: target.desktops,
        }));
        let (stop, stopped) = mpsc::channel();
        let shared = fleet.clone();
        let writer = std::thread::spawn(move || {
            let mut failing = false;
            loop {
                // A stop, or the run gone: one last write with everything seen.
                let last = !matches!(
                    stopped.recv_timeout(target.every),
                    Err(RecvTimeoutError::Timeout)
                );
                write(&target, &shared, &mut failing);
                if last {
                    return;
                }
            }
        });
        MetricsFile {
            fleet,
            stop,
            writer,
        }
    }

    /// The desktop's latest record (only what the metrics need of it).
    pub fn record(&self, id: &str, record: &RemoteAssistance) {
        let kept = RemoteAssistance {
            status: record.status.clone(),
            create_time: record.create_time.clone(),
            ..RemoteAssistance::default()
        };
        let mut fleet = self.fleet.lock().unwrap_or_else(PoisonError::into_inner);
        fleet.records.insert(id.to_string(), kept);
        fleet.desktops = fleet.desktops.max(fleet.records.len());
    }

    /// Writes the file a last time, with everything the run saw, and stops the writer.
    pub fn finish(self) {
        let _ = self.stop.send(());
        let _ = self.writer.join();
    }
}

/// One refresh; a failure is a warning once until a write succeeds again (the watch goes on).
fn write(target: &Target, fleet: &Mutex<Fleet>, failing: &mut bool) {
    let text = {
        let fleet = fleet.lock().unwrap_or_else(PoisonError::into_inner);
        let counts = target.tally.counts();
        let now = jiff::Timestamp::now();
        Metrics::of(fleet.records.values(), fleet.desktops, counts, now).render()
    };
    match write_metrics_file(&target.path, &text) {
        Ok(()) => *failing = false,
        Err(e) if !std::mem::replace(failing, true) => {
            let path = target.path.display().to_string();
            let failed = msg!("metrics-file-failed", path = path);
            messages::warn(&failed.quote("error", messages::os_error(&e)));
        }
        Err(_) => {}
    }
}
