//! The queue's rules, pick by pick, and in the token-bucket model of a fleet under a quota.

use super::*;
use crate::engine::model::{Fleet, FleetRun};
use std::time::Duration;

#[test]
fn the_longest_waiting_goes_first_ties_in_order() {
    let t = Instant::now();
    let mut q = Queue::default();
    q.push(2, t, Lane::Cold);
    q.push(0, t + Duration::from_secs(1), Lane::Cold);
    q.push(1, t, Lane::Cold);
    assert_eq!(q.pop_due(t), Some((1, Lane::Cold)));
    assert_eq!(q.pop_due(t), Some((2, Lane::Cold)));
    assert_eq!(q.pop_due(t), None, "index 0 is not due yet");
    assert_eq!(q.next_due(), Some(t + Duration::from_secs(1)));
    assert_eq!(q.pop_due(t + Duration::from_secs(1)), Some((0, Lane::Cold)));
    assert_eq!(q.next_due(), None);
}

#[test]
fn hot_ones_go_first_but_leave_the_rest_a_quarter() {
    let t = Instant::now();
    let mut q = Queue::default();
    for i in 0..100 {
        q.push(i, t, Lane::Cold);
    }
    for i in 100..200 {
        q.push(i, t + Duration::from_millis(1), Lane::Hot);
    }
    let now = t + Duration::from_secs(1);
    let picks: Vec<usize> = (0..8).map(|_| q.pop_due(now).unwrap().0).collect();
    assert_eq!(picks, [100, 101, 102, 0, 103, 104, 105, 1]);
}

#[test]
fn a_hot_one_not_yet_due_leaves_the_turn_to_cold_ones() {
    let t = Instant::now();
    let mut q = Queue::default();
    q.push(0, t + Duration::from_secs(5), Lane::Hot);
    q.push(1, t, Lane::Cold);
    q.push(2, t, Lane::Cold);
    assert_eq!(q.pop_due(t), Some((1, Lane::Cold)));
    assert_eq!(q.pop_due(t), Some((2, Lane::Cold)));
    assert_eq!(q.pop_due(t), None);
    assert!(!q.any_due(t));
    assert!(q.any_due(t + Duration::from_secs(5)));
}

#[test]
fn the_first_round_takes_three_picks_in_four_however_many_are_hot() {
    let t = Instant::now();
    let mut q = Queue::default();
    for i in 0..100 {
        q.push(i, t, Lane::First);
    }
    for i in 100..200 {
        q.push(i, t, Lane::Hot);
    }
    let picks: Vec<usize> = (0..8).map(|_| q.pop_due(t).unwrap().0).collect();
    assert_eq!(picks, [0, 1, 2, 100, 3, 4, 5, 101]);
}

#[test]
fn a_throttled_desktop_keeps_its_place_at_the_head_of_the_queue() {
    let t = Instant::now();
    let mut q = Queue::default();
    for i in 0..10 {
        q.push(i, t, Lane::First);
    }
    q.push(10, t, Lane::Hot);
    let (first, _) = q.pop_due(t).unwrap();
    // Its request came back 429 a second later: it goes again before any other, though
    // every other was due as long.
    let later = t + Duration::from_secs(1);
    q.push(first, t, Lane::Throttled);
    assert_eq!(q.pop_due(later), Some((first, Lane::Throttled)));
    // With a Retry-After, once it waited that long.
    q.push(first, later + Duration::from_secs(1), Lane::Throttled);
    assert_eq!(q.pop_due(later), Some((1, Lane::First)));
    let after = later + Duration::from_secs(1);
    assert_eq!(q.pop_due(after), Some((first, Lane::Throttled)));
}

/// 1.5 times what the quota needs for one round of the fleet.
fn bound(fleet: &Fleet) -> Duration {
    Duration::from_secs_f64(1.5 * fleet.desktops as f64 / fleet.quota)
}

fn assert_first_round_within_bound(fleet: Fleet) {
    let run: FleetRun = fleet.run();
    assert_eq!(run.unanswered, 0, "{fleet:?}");
    assert!(
        run.first_round <= bound(&fleet),
        "every desktop answered once after {:?}, more than 1.5 rounds ({:?}): {fleet:?}",
        run.first_round,
        bound(&fleet)
    );
}

#[test]
fn the_first_round_is_never_starved_however_many_are_pending() {
    // The fleets: 1,000 with 300 pending, and the benchmark's 320 with 100.
    let big = Fleet {
        desktops: 1000,
        pending: 300,
        ..Fleet::default()
    };
    assert_first_round_within_bound(big);
    assert_first_round_within_bound(Fleet::default());
    // All pending, a short interval, a small burst: the same bound.
    assert_first_round_within_bound(Fleet {
        pending: 320,
        interval: Duration::from_millis(500),
        burst: 5.0,
        ..Fleet::default()
    });
}

#[test]
fn pending_desktops_still_get_most_of_what_is_left() {
    let run = Fleet::default().run();
    assert!(
        run.polls_per_pending > 2.0 * run.polls_per_other,
        "pending polled {:.1} times each, the others {:.1}",
        run.polls_per_pending,
        run.polls_per_other
    );
    assert!(run.throttled_share <= 0.02, "{}", run.throttled_share);
}

/// The run's loop asks for a job again right after each send; while the pacer holds requests
/// back, that second ask is refused. A refused ask must not use up a lane's turn: when it did,
/// the turns fell so that every permit went to the hot lane and a quiet desktop of a throttled
/// `sessions --watch` board was never polled again (its new session never drawn).
#[test]
fn a_pick_the_pacer_refuses_costs_no_lane_its_turn() {
    let t = Instant::now();
    // The slow start's pace (10 calls a second), well below what four hot desktops ask.
    let mut pacer = Pacer::new(None, 80.0, t);
    let mut q = Queue::default();
    for i in 0..4 {
        q.push(i, t, Lane::Hot);
    }
    q.push(4, t, Lane::Cold);
    let mut now = t;
    let mut picks = Vec::new();
    while picks.len() < 8 {
        // As the loop does: a job, and another at once, until the pacer or the queue says no.
        while let Some((i, lane)) = q.pop_paced(now, &mut pacer, |_| false) {
            picks.push(i);
            // A hot desktop is due again in a moment; the cold one, once polled, much later.
            if lane == Lane::Hot {
                q.push(i, now + Duration::from_millis(1), Lane::Hot);
            }
        }
        now = pacer.next_permit().expect("the pacer keeps a pace");
    }
    assert!(
        picks.contains(&4),
        "the cold desktop never polled: {picks:?}"
    );
    assert_eq!(picks[..4], [0, 1, 2, 4], "{picks:?}");
}

#[test]
fn a_desktop_that_left_is_passed_over_without_using_a_permit() {
    let t = Instant::now();
    let mut pacer = Pacer::new(None, 80.0, t);
    let mut q = Queue::default();
    q.push(0, t, Lane::Cold);
    q.push(1, t, Lane::Cold);
    assert_eq!(
        q.pop_paced(t, &mut pacer, |i| i == 0),
        Some((1, Lane::Cold))
    );
    assert_eq!(q.len(Lane::Cold), 0);
    // That one permit is spent: the next waits for the pace.
    q.push(2, t, Lane::Cold);
    assert_eq!(q.pop_paced(t, &mut pacer, |_| false), None);
    assert_eq!(
        q.len(Lane::Cold),
        1,
        "a refused ask leaves the queue as it was"
    );
}
