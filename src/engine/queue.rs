//! Which desktop is polled next: the longest-waiting due one, desktops whose state is about to
//! change ("hot": pending, just changed) ahead of the rest, but never with the whole budget, so
//! that no desktop starves. Each pick costs O(log n), whatever the size of the fleet.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::Instant;

/// While both kinds wait, this many hot picks in a row, then a cold one: the rest of the fleet
/// keeps at least a quarter of the requests.
const HOT_IN_A_ROW: u32 = 3;

type Heap = BinaryHeap<Reverse<(Instant, usize)>>;

/// Desktops waiting for their turn, by index, each at most once.
#[derive(Default)]
pub struct Queue {
    hot: Heap,
    cold: Heap,
    /// Hot picks since the last cold one, counted while cold ones were due too.
    hot_streak: u32,
}

impl Queue {
    pub fn push(&mut self, index: usize, due: Instant, hot: bool) {
        let heap = if hot { &mut self.hot } else { &mut self.cold };
        heap.push(Reverse((due, index)));
    }

    /// The next desktop due at `now`, if any, and whether it was hot; ties go in index order.
    pub fn pop_due(&mut self, now: Instant) -> Option<(usize, bool)> {
        let hot_due = due(&self.hot, now);
        let cold_due = due(&self.cold, now);
        let hot = match (hot_due, cold_due) {
            (true, true) if self.hot_streak < HOT_IN_A_ROW => {
                self.hot_streak += 1;
                true
            }
            (true, false) => true,
            (_, true) => {
                self.hot_streak = 0;
                false
            }
            (false, false) => return None,
        };
        let heap = if hot { &mut self.hot } else { &mut self.cold };
        heap.pop().map(|Reverse((_, index))| (index, hot))
    }

    /// When the next desktop falls due (in the past when one already is).
    pub fn next_due(&self) -> Option<Instant> {
        let top = |h: &Heap| h.peek().map(|Reverse((due, _))| *due);
        match (top(&self.hot), top(&self.cold)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
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
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_longest_waiting_goes_first_ties_in_order() {
        let t = Instant::now();
        let mut q = Queue::default();
        q.push(2, t, false);
        q.push(0, t + Duration::from_secs(1), false);
        q.push(1, t, false);
        assert_eq!(q.pop_due(t), Some((1, false)));
        assert_eq!(q.pop_due(t), Some((2, false)));
        assert_eq!(q.pop_due(t), None, "index 0 is not due yet");
        assert_eq!(q.next_due(), Some(t + Duration::from_secs(1)));
        assert_eq!(q.pop_due(t + Duration::from_secs(1)), Some((0, false)));
        assert_eq!(q.next_due(), None);
    }

    #[test]
    fn hot_ones_go_first_but_leave_the_rest_a_quarter() {
        let t = Instant::now();
        let mut q = Queue::default();
        for i in 0..100 {
            q.push(i, t, false);
        }
        for i in 100..200 {
            q.push(i, t + Duration::from_millis(1), true);
        }
        let now = t + Duration::from_secs(1);
        let picks: Vec<usize> = (0..8).map(|_| q.pop_due(now).unwrap().0).collect();
        assert_eq!(picks, [100, 101, 102, 0, 103, 104, 105, 1]);
    }

    #[test]
    fn a_hot_one_not_yet_due_leaves_the_turn_to_cold_ones() {
        let t = Instant::now();
        let mut q = Queue::default();
        q.push(0, t + Duration::from_secs(5), true);
        q.push(1, t, false);
        q.push(2, t, false);
        assert_eq!(q.pop_due(t), Some((1, false)));
        assert_eq!(q.pop_due(t), Some((2, false)));
        assert_eq!(q.pop_due(t), None);
        assert!(!q.any_due(t));
        assert!(q.any_due(t + Duration::from_secs(5)));
    }
}
