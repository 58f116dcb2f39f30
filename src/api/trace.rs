//! Where the client's lines for a person go: `-v` trace lines at their level, and the
//! warnings and notes it says once per run whatever the level.

use std::sync::{Mutex, MutexGuard};

/// Where `-v` lines go: the client never prints, its caller decides.
pub struct Trace {
    pub level: u8,
    pub sink: Box<dyn Fn(&str) + Send + Sync>,
}

impl Trace {
    #[cfg(test)]
    pub fn off() -> Self {
        Trace {
            level: 0,
            sink: Box::new(|_| {}),
        }
    }

    /// Says the line when the run's level is at least `level`; built only then.
    pub(super) fn at(&self, level: u8, line: impl FnOnce() -> String) {
        if self.level >= level {
            (self.sink)(&line());
        }
    }
}

/// What was said once per run already (fields of an unexpected type, retry notes): a fleet
/// hitting the same trouble hears of it once, not once per desktop.
#[derive(Default)]
pub(super) struct Said(Mutex<Vec<String>>);

impl Said {
    /// Those of `lines` not said before, now remembered as said.
    pub(super) fn fresh(&self, lines: Vec<String>) -> Vec<String> {
        let mut said = lock(&self.0);
        let fresh: Vec<String> = lines.into_iter().filter(|l| !said.contains(l)).collect();
        said.extend(fresh.iter().cloned());
        fresh
    }
}

/// A lock that survives a panic elsewhere: what it guards is consistent at every step.
pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_is_fresh_once() {
        let said = Said::default();
        let lines = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(said.fresh(lines(&["a", "b"])), ["a", "b"]);
        assert_eq!(said.fresh(lines(&["b", "c"])), ["c"]);
        assert!(said.fresh(lines(&["a"])).is_empty());
    }
}
