//! `assist start` and `assist cancel` end to end: the real binary against a real simulator.

use std::time::Duration;

use crate::common::*;
use serde_json::{json, Value};

#[test]
fn start_without_wait_prints_the_post_answer_as_json_after_one_post() {
    let (sim, env) = setup(&["--desktops", "3"]);
    let id = generated_id(2);
    let out = env
        .cmd()
        .args(["start", &id, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(
        keys_of(&v),
        ["desktop_id", "initiator_type", "share_space_id", "status"],
        "{v}"
    );
    assert_eq!(v["desktop_id"], id.as_str());
    assert_eq!(v["status"], "WAIT_USER_CONFIRM");
    assert_eq!(v["initiator_type"], "ADMIN_INITIATE");
    let space = v["share_space_id"]
        .as_str()
        .expect("share_space_id is a string");
    assert_eq!(space.len(), 24, "{space}");
    assert_clean(&out);

    // A look first (no session there), then exactly one POST.
    let reqs = assistance_requests(&sim);
    assert_eq!(reqs.len(), 2, "one GET, one POST: {reqs:#?}");
    assert_eq!(reqs[0]["method"], "GET");
    assert_eq!(reqs[1]["method"], "POST");
    assert_eq!(reqs[1]["path"], assistance_path(&id));
    assert_eq!(reqs[1]["status"], 200);

    // The session really started: the record has the share space the answer named.
    let shown = env
        .cmd()
        .args(["show", &id, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(shown.status.code(), Some(0), "{}", stderr(&shown));
    assert_eq!(json_of(&shown)["share_space_id"], space);
}

#[test]
fn start_without_wait_as_a_table_shows_the_answer() {
    let (sim, env) = setup(&["--desktops", "1"]);
    let id = generated_id(1);
    let out = env.cmd().args(["start", &id]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(&id), "{text}");
    assert!(text.contains("WAIT_USER_CONFIRM"), "{text}");
    assert!(text.contains("ADMIN_INITIATE"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour into a pipe: {text:?}");
    assert_eq!(requests_with_method(&sim, "POST").len(), 1);
}

#[test]
fn start_code_output_implies_wait_and_prints_the_code() {
    let (sim, env) = setup(&[
        "--desktops",
        "1",
        "--confirm-after",
        "1h",
        "--access-after",
        "1h",
    ]);
    let id = generated_id(1);
    let mut cmd = std_cmd(&env);
    cmd.args(["start", &id, "-o", "code", "--interval", "100ms"]);
    let mut run = Running::spawn(cmd);
    // The code comes only once the space is OPEN, which needs two hours of simulated time:
    // wait until the POST has arrived, then let both hours pass at once.
    wait_for("the POST to arrive", || {
        requests_with_method(&sim, "POST").len() == 1
    });
    sim.advance(Duration::from_secs(2 * 3600));
    let status = run
        .wait_for_exit(Duration::from_secs(20))
        .expect("start --wait ends once OPEN");
    assert_eq!(status.code(), Some(0));
    let (lines, err) = run.finish();
    assert!(!err.contains("panicked"), "{err}");
    let code = lines.concat();
    assert!(is_invitation_code(code.trim_end()), "{code:?}");
    assert!(
        code.ends_with('\n') && code.lines().count() == 1,
        "{code:?}"
    );
    assert!(!err.contains(SK), "{err}");
    let reqs = assistance_requests(&sim);
    assert_eq!(reqs[0]["method"], "GET", "a look first: {reqs:#?}");
    assert_eq!(reqs[1]["method"], "POST", "{reqs:#?}");
    assert!(reqs[2..].iter().all(|r| r["method"] == "GET"), "{reqs:#?}");
}

#[test]
fn a_post_answered_503_is_not_retried_and_exits_6() {
    let (sim, env) = setup(&["--desktops", "1"]);
    let id = generated_id(1);
    // Enough 503s that a client retrying up to its 3 attempts would show them all.
    sim.fault(json!({"kind": "503", "count": 5, "method": "POST"}));
    assert_error(env.cmd().args(["start", &id]), 6, &["HTTP 503"]);
    let posts = requests_with_method(&sim, "POST");
    assert_eq!(
        posts.len(),
        1,
        "exactly one POST, never retried: {posts:#?}"
    );
    assert_eq!(posts[0]["status"], 503);
}

#[test]
fn start_wait_code_prints_the_code_that_show_prints() {
    let (sim, env) = setup(&[
        "--desktops",
        "1",
        "--confirm-after",
        "200ms",
        "--access-after",
        "200ms",
    ]);
    let id = generated_id(1);
    let out = env
        .cmd()
        .args(["start", &id, "--wait", "--interval", "100ms", "-o", "code"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let code = text
        .strip_suffix('\n')
        .unwrap_or_else(|| panic!("the code ends with one newline: {text:?}"));
    assert!(is_invitation_code(code), "{text:?}");
    assert_clean(&out);

    let reqs = assistance_requests(&sim);
    let posts = reqs.iter().filter(|r| r["method"] == "POST").count();
    assert_eq!(posts, 1, "{reqs:#?}");
    assert_eq!(reqs[0]["method"], "GET", "a look comes first");
    assert_eq!(reqs[1]["method"], "POST", "then the POST");
    assert!(
        reqs[2..]
            .iter()
            .all(|r| r["method"] == "GET" && r["path"] == assistance_path(&id)),
        "then only GETs of the desktop: {reqs:#?}"
    );

    let shown = env
        .cmd()
        .args(["show", &id, "-o", "code"])
        .output()
        .unwrap();
    assert_eq!(shown.status.code(), Some(0), "{}", stderr(&shown));
    assert_eq!(stdout(&shown), text);
}

#[test]
fn start_wait_json_prints_only_the_final_open_record() {
    let (_sim, env) = setup(&[
        "--desktops",
        "1",
        "--confirm-after",
        "200ms",
        "--access-after",
        "200ms",
    ]);
    let id = generated_id(1);
    let out = env
        .cmd()
        .args(["start", &id, "--wait", "--interval", "100ms", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    let mut expected_keys: Vec<String> = SHOW_KEYS.iter().map(|k| k.to_string()).collect();
    expected_keys.sort();
    assert_eq!(keys_of(&v), expected_keys, "{v}");
    assert_eq!(v["desktop_id"], id.as_str());
    assert_eq!(v["status"], "OPEN");
    assert!(
        is_invitation_code(v["invitation_code"].as_str().unwrap_or_default()),
        "{v}"
    );
    assert_eq!(v["share_space_passwd"], "********", "masked: {v}");
    assert_eq!(v["failed_reason"], Value::Null);
    assert_clean(&out);

    // The same object `show -o json` gives for the open session.
    let shown = env
        .cmd()
        .args(["show", &id, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(shown.status.code(), Some(0), "{}", stderr(&shown));
    assert_eq!(json_of(&shown), v);
}

#[test]
fn start_wait_ends_with_9_as_soon_as_the_user_declines() {
    let id = generated_id(1);
    let (_sim, env) = setup(&[
        "--desktops",
        "1",
        "--refuse",
        &id,
        "--confirm-after",
        "200ms",
    ]);
    let start = ["start", &id, "--wait", "--deadline", "30s"];
    // 9, not the deadline's 8: a refusal ends the wait, not the 30 s.
    assert_error(env.cmd().args(start), 9, &["declined"]);
}

#[test]
fn start_wait_past_the_deadline_exits_8_naming_the_desktop() {
    let (sim, env) = setup(&["--desktops", "1", "--confirm-after", "60s"]);
    let id = generated_id(1);
    let out = env
        .cmd()
        .args([
            "start",
            &id,
            "--wait",
            "--deadline",
            "1s",
            "--interval",
            "100ms",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    // 8: the 1 s deadline ended it, the user being a minute away.
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    assert_eq!(stdout(&out), "", "no final record: it never opened");
    assert!(stderr(&out).contains(&id), "{}", stderr(&out));
    assert_clean(&out);
    // It did poll while waiting.
    assert!(requests_with_method(&sim, "GET").len() >= 2);
}

#[test]
fn cancel_closes_the_active_session() {
    let (sim, env) = setup(&["--desktops", "1"]);
    let id = generated_id(1);
    start_via_api(&sim, &id);
    let out = env.cmd().args(["cancel", &id]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("cancelled"), "{}", stderr(&out));
    assert_clean(&out);

    let reqs = sim.requests();
    let deletes: Vec<&Value> = reqs.iter().filter(|r| r["method"] == "DELETE").collect();
    assert_eq!(deletes.len(), 1, "{reqs:#?}");
    assert_eq!(deletes[0]["path"], assistance_path(&id));
    assert_eq!(deletes[0]["status"], 204);

    let shown = env
        .cmd()
        .args(["show", &id, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(shown.status.code(), Some(0), "{}", stderr(&shown));
    assert_eq!(json_of(&shown)["status"], "CLOSE");
}

#[test]
fn cancel_with_nothing_active_says_so_and_exits_0() {
    let (sim, env) = setup(&["--desktops", "1"]);
    // A desktop never started, and one whose session is already closed.
    for id in [
        generated_id(1),
        "11111111-0000-4000-8000-000000000004".to_string(),
    ] {
        let before = sim.requests().len();
        let out = env.cmd().args(["cancel", &id]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{id}: {}", stderr(&out));
        assert_eq!(stdout(&out), "");
        assert_eq!(
            stderr(&out),
            format!("nothing to cancel: desktop {id} has no active remote assistance\n")
        );
        let reqs = &sim.requests()[before..];
        // The look (which session is meant), one DELETE, not retried; then the listing says
        // the desktop exists.
        assert_eq!(reqs.len(), 3, "{reqs:#?}");
        assert_eq!(
            (&reqs[0]["method"], &reqs[0]["path"]),
            (&json!("GET"), &json!(assistance_path(&id)))
        );
        assert_eq!(
            (&reqs[1]["method"], &reqs[1]["path"], &reqs[1]["status"]),
            (&json!("DELETE"), &json!(assistance_path(&id)), &json!(404))
        );
        assert_eq!(
            (&reqs[2]["method"], &reqs[2]["status"]),
            (&json!("GET"), &json!(200))
        );
    }
    // A desktop that does not exist is still "not found".
    let missing = generated_id(9);
    let out = env.cmd().args(["cancel", &missing]).output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("desktop {missing} does not exist")),
        "{}",
        stderr(&out)
    );
}

/// The method and status of each request about the desktop's assistance, in order.
fn assistance_story(sim: &Sim, id: &str) -> Vec<(String, u64)> {
    sim.requests()
        .iter()
        .filter(|r| r["path"] == assistance_path(id))
        .map(|r| {
            (
                r["method"].as_str().unwrap().to_string(),
                r["status"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Issue 22, item 11: the DELETE closes the session but its answer is lost (the connection
/// breaks). It is not sent again blindly: a look finds no active session, so the first one
/// went through. Before, the DELETE was resent at once and its 404 said "probably".
#[test]
fn a_cancel_whose_answer_was_lost_looks_and_finds_the_first_request_went_through() {
    let (sim, env) = setup(&["--desktops", "1"]);
    let id = generated_id(1);
    start_via_api(&sim, &id);
    sim.fault(json!({"kind": "drop-after", "method": "DELETE", "desktop_id": id, "count": 1}));
    let out = env
        .cmd()
        .args(["cancel", &id, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_of(&out), json!({"desktop_id": id, "status": "CLOSE"}));
    assert!(
        stderr(&out).ends_with(&format!(
            "cancelled remote assistance on desktop {id}: the first request went through (its answer was lost; desktop {id} has no active remote assistance now)\n"
        )),
        "{}",
        stderr(&out)
    );
    let story = assistance_story(&sim, &id);
    let methods: Vec<&str> = story.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(methods, ["POST", "GET", "DELETE", "GET"], "{story:?}");
}

/// Issue 22, item 11: the DELETE's connection breaks before it was carried out: the look
/// finds the same session (same share space id) still active, and only then is the DELETE
/// sent again. Before, it was resent without looking.
#[test]
fn a_cancel_whose_answer_was_lost_sends_again_only_after_seeing_the_same_session() {
    let (sim, env) = setup(&["--desktops", "1"]);
    let id = generated_id(1);
    start_via_api(&sim, &id);
    sim.fault(json!({"kind": "drop", "method": "DELETE", "desktop_id": id, "count": 1}));
    let out = env.cmd().args(["cancel", &id]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is still active: sending the cancel again"),
        "{}",
        stderr(&out)
    );
    let story = assistance_story(&sim, &id);
    let methods: Vec<&str> = story.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(
        methods,
        ["POST", "GET", "DELETE", "GET", "DELETE"],
        "{story:?}"
    );
    assert_eq!(story.last().unwrap().1, 204);
}

/// Issue 22, item 11: the DELETE went through but its answer was lost, and a colleague
/// started a new session before the look: that session is left alone, and the cancel says so
/// with exit 7. Before, the blind resend closed the colleague's session.
#[test]
fn a_cancel_whose_answer_was_lost_leaves_a_session_started_since_alone() {
    let (sim, env) = setup(&["--desktops", "1"]);
    let id = generated_id(1);
    start_via_api(&sim, &id);
    // Both looks are held a little, so that the new session comes between the DELETE and
    // the second look.
    sim.fault(
        json!({"kind": "latency", "latency": "4s", "method": "GET", "desktop_id": id, "count": 2}),
    );
    sim.fault(json!({"kind": "drop-after", "method": "DELETE", "desktop_id": id, "count": 1}));
    let mut cmd = std_cmd(&env);
    cmd.args(["cancel", &id]);
    let run = Running::spawn(cmd);
    wait_for("the lost DELETE", || {
        !requests_with_method(&sim, "DELETE").is_empty()
    });
    let fresh = start_via_api(&sim, &id);
    let (status, _, err) = run.end_within(std::time::Duration::from_secs(30)).unwrap();
    assert_eq!(status.code(), Some(7), "{err}");
    assert!(err.contains("that is not the one meant"), "{err}");
    assert!(err.contains("it was left alone"), "{err}");
    assert_eq!(requests_with_method(&sim, "DELETE").len(), 1);
    let shown = env
        .cmd()
        .args(["show", &id, "-o", "json"])
        .output()
        .unwrap();
    let shown = json_of(&shown);
    assert!(
        LIFECYCLE.contains(&shown["status"].as_str().unwrap()),
        "{shown}"
    );
    assert_eq!(shown["share_space_id"], fresh["share_space_id"]);
}

/// An identity policy may allow createRemoteAssistance without getRemoteAssistance: the look
/// first is refused (403), and `start` asks anyway, once, saying it could not look.
#[test]
fn start_asks_once_when_the_look_first_is_forbidden() {
    let (sim, env) = setup(&["--desktops", "1"]);
    let id = generated_id(1);
    sim.fault(json!({"kind": "403", "method": "GET", "desktop_id": id}));
    let out = env
        .cmd()
        .args(["start", &id, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{:#?}",
        stderr(&out),
        sim.requests()
    );
    assert_eq!(json_of(&out)["status"], "WAIT_USER_CONFIRM");
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "warning: the current state of desktop {id} could not be read ("
        )),
        "{err}"
    );
    assert!(
        err.contains("HTTP 403") && err.contains("; asking anyway\n"),
        "{err}"
    );
    let reqs = assistance_requests(&sim);
    let calls: Vec<(&Value, &Value)> = reqs.iter().map(|r| (&r["method"], &r["status"])).collect();
    assert_eq!(
        calls,
        [(&json!("GET"), &json!(403)), (&json!("POST"), &json!(200))]
    );
}

/// A desktop helped yesterday shows that session's CLOSE: `start` asks for a new one.
#[test]
fn start_on_a_desktop_helped_yesterday_asks_again() {
    let id = generated_id(1);
    let (sim, env) = setup(&["--desktops", "1", "--helped-yesterday", &id]);
    let out = env
        .cmd()
        .args(["start", &id, "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_of(&out)["status"], "WAIT_USER_CONFIRM");
    assert_clean(&out);
    let reqs = assistance_requests(&sim);
    let calls: Vec<(&Value, &Value)> = reqs.iter().map(|r| (&r["method"], &r["status"])).collect();
    assert_eq!(
        calls,
        [(&json!("GET"), &json!(200)), (&json!("POST"), &json!(200))]
    );
}
