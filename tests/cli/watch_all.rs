//! `watch --all`: every desktop of the project, listed again every `--relist`, so that new
//! desktops join and deleted ones leave with a note; names on every line.

use std::time::Duration;

use crate::common::*;
use serde_json::Value;

#[test]
fn new_desktops_join_and_deleted_ones_leave_with_a_note() {
    let (sim, env) = sim_and_env(&["--desktops", "3"]);
    let mut cmd = std_cmd(&env);
    cmd.args([
        "watch",
        "--all",
        "--relist",
        "300ms",
        "--interval",
        "100ms",
        "-o",
        "json",
    ]);
    let mut watch = Running::spawn(cmd);
    // The eight named desktops and the three generated ones, each observed once.
    let mut first: Vec<Value> = Vec::new();
    while first.len() < 11 {
        let line = watch
            .next_line(Duration::from_secs(20))
            .unwrap_or_else(|| panic!("only {} first lines", first.len()));
        first.push(serde_json::from_str(&line).unwrap());
    }
    let pc3 = first
        .iter()
        .find(|v| v["desktop_id"] == generated_id(3))
        .expect("PC-00003 watched");
    assert_eq!(pc3["computer_name"], "PC-00003");
    assert_eq!(pc3["status"], "NONE");

    sim.set_desktops(4);
    assert!(
        watch.wait_for_stderr("joined the project", Duration::from_secs(20)),
        "{:?}",
        watch.seen
    );
    let joined: Value = serde_json::from_str(
        &watch
            .next_line(Duration::from_secs(20))
            .expect("the new desktop's first line"),
    )
    .unwrap();
    assert_eq!(joined["desktop_id"], generated_id(4));
    assert_eq!(joined["computer_name"], "PC-00004");

    sim.set_desktops(2);
    assert!(
        watch.wait_for_stderr("left the project", Duration::from_secs(20)),
        "{:?}",
        watch.seen
    );
    watch.interrupt();
    let (status, rest, err) = watch
        .end_within(Duration::from_secs(10))
        .expect("ends after SIGINT");
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(rest.is_empty(), "no change after the first lines: {rest:?}");
    assert!(
        err.contains(&format!("{} (PC-00004 (user004)) joined", generated_id(4))),
        "{err}"
    );
    for gone in [3, 4] {
        assert!(
            err.contains(&format!(
                "{} (PC-{gone:05} (user{gone:03})) left the project",
                generated_id(gone)
            )),
            "{err}"
        );
    }
    assert!(!err.contains("panicked"), "{err}");
}
