//! A watch under the gateway's quota (`assist sim --rate-limit`): it learns the pace from the
//! 429s, says so once (with how long a round takes), reports every change once, spends more of
//! the budget on the desktops waiting for their user, and starves none of the others.

use std::collections::HashMap;
use std::time::Duration;

use crate::common::*;
use serde_json::Value;

const FLEET: u32 = 30;
const PENDING: u32 = 5;
const LIMIT: Duration = Duration::from_secs(60);

/// Answered GETs of each desktop's record so far (a desktop without a session answers 404).
fn polls(sim: &Sim) -> HashMap<String, usize> {
    let mut count = HashMap::new();
    for r in requests_with_method(sim, "GET") {
        let path = r["path"].as_str().unwrap_or_default();
        if r["status"] == 200 || r["status"] == 404 {
            if let Some(id) = path
                .strip_suffix("/remote-assistance")
                .and_then(|p| p.rsplit('/').next())
            {
                *count.entry(id.to_string()).or_insert(0) += 1;
            }
        }
    }
    count
}

/// Waits until each of `ids` was polled `times` times; on a timeout, ends the watch and says
/// what the simulator saw and what the watch said.
fn until_polled(sim: &Sim, run: Running, ids: &[String], times: usize) -> Running {
    let polled = poll_until(LIMIT, || {
        let polls = polls(sim);
        ids.iter()
            .all(|id| polls.get(id).copied().unwrap_or(0) >= times)
    });
    if !polled {
        run.interrupt();
        let err = run.end_within(LIMIT).map(|(_, _, err)| err);
        panic!(
            "not polled {times} times: {:?}\n{}\n{err:?}",
            polls(sim),
            sim.stats()
        );
    }
    run
}

/// Reads change lines until `want` of them are in `status`; every line read is kept.
fn read_until(run: &Running, seen: &mut Vec<Value>, status: &str, want: usize) {
    while seen.iter().filter(|l| l["status"] == status).count() < want {
        let line = run
            .next_line(LIMIT)
            .unwrap_or_else(|| panic!("{want} lines in {status}; so far: {seen:?}"));
        seen.push(serde_json::from_str(&line).expect("an NDJSON line"));
    }
}

#[test]
fn a_watch_under_a_quota_reports_every_change_once_and_starves_no_desktop() {
    // Whether the real gateway sends Retry-After with its 429 is not known: both.
    for retry_after in ["none", "1"] {
        watch_under_a_quota(retry_after);
    }
}

fn watch_under_a_quota(retry_after: &str) {
    // The watch signs with AK/SK; the test starts sessions with the token, on a budget of its
    // own. 30 desktops every 500 ms ask for 60 calls/s: three times the quota.
    let (sim, env) = sim_and_env(&[
        "--desktops",
        "30",
        "--rate-limit",
        "20/s",
        "--rate-burst",
        "5",
        "--rate-limit-scope",
        "credential",
        "--retry-after",
        retry_after,
        // Sessions move on only when the test advances the simulated clock.
        "--confirm-after",
        "1h",
        "--access-after",
        "1h",
    ]);
    let ids: Vec<String> = (1..=FLEET).map(generated_id).collect();
    let pending: Vec<String> = (1..=PENDING).map(generated_id).collect();
    for id in &pending {
        start_via_api(&sim, id);
    }
    let mut cmd = std_cmd(&env);
    cmd.args(["watch", "--interval", "500ms", "-o", "json"])
        .args(&ids);
    let run = Running::spawn(cmd);
    let mut seen = Vec::new();
    read_until(&run, &mut seen, "WAIT_USER_CONFIRM", PENDING as usize);
    read_until(&run, &mut seen, "NONE", (FLEET - PENDING) as usize);
    // The pending ones are polled again and again while the round goes on.
    let run = until_polled(&sim, run, &pending, 4);
    sim.advance(Duration::from_secs(3600));
    read_until(&run, &mut seen, "WAIT_USER_ACCESS", PENDING as usize);
    sim.advance(Duration::from_secs(3600));
    read_until(&run, &mut seen, "OPEN", PENDING as usize);
    let mut run = until_polled(&sim, run, &ids, 3);
    let polls = polls(&sim);
    // The round note is measured: said once a few seconds of answers were counted.
    assert!(
        run.wait_for_stderr("a full round takes", LIMIT),
        "{:?}",
        run.seen
    );
    run.interrupt();
    assert!(run.wait_for_stderr("interrupted", LIMIT));
    let (status, rest, err) = run.end_within(LIMIT).expect("the watch ended");
    assert_eq!(status.code(), Some(130), "{err}");
    seen.extend(
        rest.iter()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()),
    );

    // Every change once, in order; nothing else.
    for id in &ids {
        let statuses: Vec<&str> = seen
            .iter()
            .filter(|l| l["desktop_id"] == id.as_str())
            .map(|l| l["status"].as_str().unwrap())
            .collect();
        let expected: &[&str] = match pending.contains(id) {
            true => &["WAIT_USER_CONFIRM", "WAIT_USER_ACCESS", "OPEN"],
            false => &["NONE"],
        };
        assert_eq!(statuses, expected, "{id}");
    }
    // The quota did bite, and was said once; then what a round costs, as measured (again
    // only when that changed by more than half).
    assert!(sim.stats()["quota"]["throttled"].as_u64().unwrap() > 0);
    let notes: Vec<&str> = err.lines().filter(|l| l.starts_with("note:")).collect();
    assert!(notes.len() >= 2, "{err}");
    assert_eq!(
        notes[0],
        "note: the API gateway is throttling (HTTP 429); assist paces its requests to what it accepts"
    );
    for note in &notes[1..] {
        assert!(
            note.starts_with("note: 30 desktops at ~")
                && note.contains("/s: a full round takes ~")
                && note.contains("; pending ones every "),
            "{err}"
        );
    }
    assert!(
        !err.contains("warning") && !err.contains("error"),
        "429s are pacing, not failures: {err}"
    );
    // The pending ones got more of the budget than the rest.
    let mean = |set: &mut dyn Iterator<Item = &String>| {
        let v: Vec<usize> = set.map(|id| polls[id]).collect();
        v.iter().sum::<usize>() as f64 / v.len() as f64
    };
    let hot = mean(&mut pending.iter());
    let cold = mean(&mut ids.iter().filter(|id| !pending.contains(id)));
    assert!(
        hot > cold,
        "pending polled {hot:.1} times on average, the rest {cold:.1}"
    );
}

#[test]
fn ctrl_c_during_the_lookup_of_a_large_fleet_ends_the_watch_without_the_rest_of_it() {
    // 2,000 desktops are 20 ListDesktops calls; one at a time, half a second each.
    let (sim, env) = sim_and_env(&["--desktops", "2000"]);
    sim.fault(serde_json::json!({"kind": "latency:500ms", "method": "GET"}));
    let ids: Vec<String> = (1..=2000).map(generated_id).collect();
    let file = env.dir.path().join("ids.txt");
    std::fs::write(&file, ids.join("\n")).unwrap();
    let mut cmd = std_cmd(&env);
    cmd.args(["watch", "--concurrency", "1", "--file"])
        .arg(&file);
    let run = Running::spawn(cmd);
    let lookups = || {
        requests_with_method(&sim, "GET")
            .iter()
            .filter(|r| {
                r["path"]
                    .as_str()
                    .unwrap_or_default()
                    .ends_with("/desktops")
            })
            .count()
    };
    wait_for("the lookup to begin", || lookups() >= 1);
    run.interrupt();
    let (status, _, err) = run.end_within(LIMIT).expect("the watch ended");
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(
        lookups() < 20,
        "every lookup call was still sent: {}",
        lookups()
    );
    assert!(
        requests_with_method(&sim, "GET").len() == lookups(),
        "no desktop was polled after the signal"
    );
}

/// Starts a session with the token, whose own budget (5 calls at once, 20 a second) the
/// test waits for.
fn start_within_the_quota(sim: &Sim, id: &str) {
    let url = format!("{}{}", sim.url, assistance_path(id));
    wait_for("the token's quota to let a POST through", || {
        let sent = sim_client()
            .post(&url)
            .header("X-Auth-Token", TOKEN)
            .header("Content-Length", "0")
            .send();
        sent.is_ok_and(|r| r.status() == 200)
    });
}

/// The watch's own requests for desktop records (it signs with the AK; the test's calls carry
/// the token), in the order the simulator received them: the desktop and the status.
fn watch_gets(sim: &Sim) -> Vec<(String, u64)> {
    requests_with_method(sim, "GET")
        .iter()
        .filter(|r| r["headers"].get("authorization").is_some())
        .filter_map(|r| {
            let path = r["path"].as_str()?.strip_suffix("/remote-assistance")?;
            Some((path.rsplit('/').next()?.to_string(), r["status"].as_u64()?))
        })
        .collect()
}

#[test]
fn under_a_quota_the_first_round_is_not_starved_and_a_throttled_desktop_goes_again_first() {
    // 40 of 60 desktops wait for their user, every 500 ms: alone they ask for 80 calls/s
    // under a quota of 20. Answered first (the lowest IDs), they would take most of the
    // budget while the other 20 wait for their first poll.
    const DESKTOPS: u32 = 60;
    const WAITING: u32 = 40;
    const CONCURRENCY: usize = 4;
    let (sim, env) = sim_and_env(&[
        "--desktops",
        "60",
        "--rate-limit",
        "20/s",
        "--rate-burst",
        "5",
        "--rate-limit-scope",
        "credential",
        "--confirm-after",
        "1h",
    ]);
    let ids: Vec<String> = (1..=DESKTOPS).map(generated_id).collect();
    for id in &ids[..WAITING as usize] {
        start_within_the_quota(&sim, id);
    }
    let mut cmd = std_cmd(&env);
    cmd.args([
        "watch",
        "--interval",
        "500ms",
        "-o",
        "json",
        "--concurrency",
        "4",
    ])
    .args(&ids);
    let run = Running::spawn(cmd);
    let mut seen = Vec::new();
    read_until(&run, &mut seen, "NONE", (DESKTOPS - WAITING) as usize);
    read_until(&run, &mut seen, "WAIT_USER_CONFIRM", WAITING as usize);
    let gets = watch_gets(&sim);
    run.interrupt();
    let (status, _, err) = run.end_within(LIMIT).expect("the watch ended");
    assert_eq!(status.code(), Some(130), "{err}");

    // Every desktop was answered once within 2 rounds' worth of answers. The queue's bound
    // (4/3 of a round, whatever is pending) is proven exactly on the token-bucket model
    // (engine::queue::tests); end to end, on a loaded machine, when each desktop falls due
    // shifts, so this allows slack, and still fails on the queue before the lanes (the first
    // round took 203 answers of 60 there).
    let answered: Vec<&str> = gets
        .iter()
        .filter(|(_, status)| *status == 200 || *status == 404)
        .map(|(id, _)| id.as_str())
        .collect();
    let mut first = std::collections::HashSet::new();
    let whole = answered
        .iter()
        .position(|id| first.insert(*id) && first.len() == DESKTOPS as usize)
        .expect("every desktop answered");
    assert!(
        whole < (DESKTOPS as usize) * 2,
        "the first round took {} answers: {answered:?}",
        whole + 1
    );
    // The quota did bite; each throttled desktop was asked again ahead of the others (those
    // already on their way aside).
    let throttled: Vec<usize> = (0..gets.len()).filter(|&i| gets[i].1 == 429).collect();
    assert!(!throttled.is_empty(), "{gets:?}");
    for &i in &throttled {
        let again = gets[i + 1..].iter().position(|(id, _)| *id == gets[i].0);
        if let Some(after) = again {
            assert!(
                after < 2 * CONCURRENCY,
                "{} asked again {after} requests after its 429: {gets:?}",
                gets[i].0
            );
        }
    }
}

#[test]
fn the_lookup_of_the_names_is_paced_like_the_polls() {
    // 2,000 desktops are 20 ListDesktops calls; sent --concurrency at a time and unpaced,
    // they empty a bucket of 5 at once and are refused.
    let (sim, env) = sim_and_env(&[
        "--desktops",
        "2000",
        "--rate-limit",
        "20/s",
        "--rate-burst",
        "5",
    ]);
    let ids: Vec<String> = (1..=2000).map(generated_id).collect();
    let file = env.dir.path().join("ids.txt");
    std::fs::write(&file, ids.join("\n")).unwrap();
    let mut cmd = std_cmd(&env);
    cmd.args(["watch", "-o", "json", "--file"]).arg(&file);
    let run = Running::spawn(cmd);
    // The first change line comes after the lookup.
    run.next_line(LIMIT).expect("a first change line");
    run.interrupt();
    let (status, _, err) = run.end_within(LIMIT).expect("the watch ended");
    assert_eq!(status.code(), Some(130), "{err}");
    let lookups: Vec<u64> = requests_with_method(&sim, "GET")
        .iter()
        .filter(|r| {
            r["path"]
                .as_str()
                .unwrap_or_default()
                .ends_with("/desktops")
        })
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(lookups, vec![200; 20], "{err}");
}
