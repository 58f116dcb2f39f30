//! Which desktop is polled next. A desktop whose request the gateway throttled goes first:
//! it had its turn and keeps it. Then the first round: desktops not answered yet take most
//! of the budget, so that however many are pending every desktop is seen once in about a
//! round's time. Then desktops whose state is about to change ("hot": pending, just changed)
//! ahead of the rest, never with the whole budget, so that no desktop starves. Within a lane
//! the longest-waiting due one goes first. Each pick costs O(log n), whatever the fleet.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::Instant;

use super::pace::Pacer;

/// While both kinds wait, this many hot picks in a row, then a cold one: the rest of the fleet
/// keeps at least a quarter of the requests.
const HOT_IN_A_ROW: u32 = 3;
/// While the first round goes on, this many of its picks in a row, then one for the desktops
/// already seen: the first round takes at most 4/3 of what the pace needs for it.
const FIRST_IN_A_ROW: u32 = 3;

type Heap = BinaryHeap<Reverse<(Instant, usize)>>;

/// Where a desktop waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    /// Its request was throttled (429): it goes again before any other.
    Throttled,
    /// Not answered yet in this run (the first round, a desktop that joined).
    First,
    /// About to change: pending, or changed a moment ago.
    Hot,
    /// The rest.
    Cold,
}

/// Desktops waiting for their turn, by index, each at most once.
#[derive(Default)]
pub struct Queue {
    throttled: Heap,
    first: Heap,
    hot: Heap,
    cold: Heap,
    /// First-round picks since the last other one, counted while others were due too.
    first_streak: u32,
    /// Hot picks since the last cold one, counted while cold ones were due too.
    hot_streak: u32,
}

impl Queue {
    pub fn push(&mut self, index: usize, due: Instant, lane: Lane) {
        self.heap(lane).push(Reverse((due, index)));
    }

    /// The next desktop due at `now`, if any, and its lane; ties go in index order.
    pub fn pop_due(&mut self, now: Instant) -> Option<(usize, Lane)> {
        let lane = self.choose(now)?;
        self.heap(lane)
            .pop()
            .map(|Reverse((_, index))| (index, lane))
    }

    /// The next desktop due at `now` that the pacer lets go (and counts), passing over those
    /// `gone` says have left the run. The pacer is asked before a lane is chosen: a pick it
    /// refused and put back still used up its lane's turn, and the run's loop, which asks
    /// again right after each send, then gave every permit to the hot lane (a throttled
    /// board never polled its quiet desktops again).
    pub fn pop_paced(
        &mut self,
        now: Instant,
        pacer: &mut Pacer,
        gone: impl Fn(usize) -> bool,
    ) -> Option<(usize, Lane)> {
        loop {
            if !pacer.ready(now) {
                return None;
            }
            let (index, lane) = self.pop_due(now)?;
            if !gone(index) {
                pacer.permit(now);
                return Some((index, lane));
            }
        }
    }

    fn choose(&mut self, now: Instant) -> Option<Lane> {
        if due(&self.throttled, now) {
            return Some(Lane::Throttled);
        }
        let (first, hot, cold) = (
            due(&self.first, now),
            due(&self.hot, now),
            due(&self.cold, now),
        );
        if first && !(hot || cold) {
            return Some(Lane::First);
        }
        if first && self.first_streak < FIRST_IN_A_ROW {
            self.first_streak += 1;
            return Some(Lane::First);
        }
        self.first_streak = 0;
        match (hot, cold) {
            (true, true) if self.hot_streak < HOT_IN_A_ROW => {
                self.hot_streak += 1;
                Some(Lane::Hot)
            }
            (true, false) => Some(Lane::Hot),
            (_, true) => {
                self.hot_streak = 0;
                Some(Lane::Cold)
            }
            (false, false) => None,
        }
    }

    fn heap(&mut self, lane: Lane) -> &mut Heap {
        match lane {
            Lane::Throttled => &mut self.throttled,
            Lane::First => &mut self.first,
            Lane::Hot => &mut self.hot,
            Lane::Cold => &mut self.cold,
        }
    }

    /// When the next desktop falls due (in the past when one already is).
    pub fn next_due(&self) -> Option<Instant> {
        let top = |h: &Heap| h.peek().map(|Reverse((due, _))| *due);
        [&self.throttled, &self.first, &self.hot, &self.cold]
            .into_iter()
            .filter_map(top)
            .min()
    }

    /// How many wait in `lane`.
    pub fn len(&self, lane: Lane) -> usize {
        match lane {
            Lane::Throttled => self.throttled.len(),
            Lane::First => self.first.len(),
            Lane::Hot => self.hot.len(),
            Lane::Cold => self.cold.len(),
        }
    }

    pub fn any_due(&self, now: Instant) -> bool {
        self.next_due().is_some_and(|d| d <= now)
    }
}

fn due(heap: &Heap, now: Instant) -> bool {
    heap.peek().is_some_and(|Reverse((due, _))| *due <= now)
}

#[cfg(test)]
mod tests;
