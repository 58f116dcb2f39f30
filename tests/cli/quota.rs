//! The simulator's flow control (`assist sim --rate-limit`) over real HTTP: 429 APIGW.0308
//! past the budget, with or without Retry-After, and recovery; per-credential budgets; and
//! `assist show`, which retries inside the client, getting through a quota.

use crate::common::*;
use serde_json::{json, Value};

/// One GET of the example desktop's record with the test token; its status and answer.
fn token_get(sim: &Sim) -> reqwest::blocking::Response {
    sim_client()
        .get(format!("{}{}", sim.url, assistance_path(EXAMPLE_DESKTOP)))
        .header("X-Auth-Token", TOKEN)
        .send()
        .expect("a GET with the token")
}

/// The gateway's throttled answer, naming the limit, with the answer's request id.
fn assert_throttled(resp: reqwest::blocking::Response, limit: &str, retry_after: Option<&str>) {
    assert_eq!(resp.status().as_u16(), 429);
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    };
    assert_eq!(header("retry-after").as_deref(), retry_after);
    let id = header("x-request-id").expect("X-Request-Id");
    let body: Value = resp.json().expect("a JSON body");
    assert_eq!(
        body,
        json!({
            "error_code": "APIGW.0308",
            "error_msg": format!("The throttling threshold has been reached: policy user over ratelimit,{limit}"),
            "request_id": id,
        })
    );
}

#[test]
fn past_its_budget_the_quota_answers_429_apigw_0308_and_recovers() {
    for (flags, retry_after) in [(&[][..], None), (&["--retry-after", "1"][..], Some("1"))] {
        let sim = Sim::start(&[&["--rate-limit", "5/s", "--rate-burst", "2"], flags].concat());
        // The burst goes through (and what refills meanwhile, on a slow machine), then 429.
        let mut accepted = 0;
        let throttled = loop {
            let resp = token_get(&sim);
            if resp.status() != 200 {
                break resp;
            }
            accepted += 1;
            assert!(accepted < 50, "never throttled");
        };
        assert!(accepted >= 2, "the burst of 2: {accepted}");
        assert_throttled(throttled, "limit:5,time:1 second", retry_after);
        // A call a fifth of a second refills the bucket: one gets through again.
        let mut refused = 1;
        wait_for("the bucket to let a call through", || {
            let through = token_get(&sim).status() == 200;
            refused += u64::from(!through);
            through
        });
        accepted += 1;
        let stats = sim.stats();
        assert_eq!(
            stats["quota"],
            json!({"rate": "5/s", "accepted": accepted, "throttled": refused}),
            "{stats}"
        );
        // Each throttled call is in the log like any other answer, with its status.
        let statuses: Vec<u64> = sim
            .requests()
            .iter()
            .map(|r| r["status"].as_u64().unwrap())
            .collect();
        assert_eq!(
            statuses.iter().filter(|&&s| s == 429).count() as u64,
            refused
        );
        assert_eq!(statuses.len() as u64, accepted + refused);
    }
}

#[test]
fn with_a_budget_per_credential_another_credential_is_not_throttled() {
    let (sim, env) = sim_and_env(&["--rate-limit", "1/min", "--rate-limit-scope", "credential"]);
    // The token spends its one call a minute.
    assert_eq!(token_get(&sim).status(), 200);
    assert_throttled(token_get(&sim), "limit:1,time:1 minute", None);
    // The AK has a budget of its own.
    let out = env
        .cmd()
        .args(["show", EXAMPLE_DESKTOP, "-o", "code", "--max-attempts", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "D1F32AA6\n");
    // ...which the token's next call does not share either.
    assert_eq!(token_get(&sim).status(), 429);
    assert_eq!(
        sim.stats()["quota"],
        json!({"rate": "1/min", "accepted": 2, "throttled": 2})
    );
}

#[test]
fn with_one_budget_for_all_another_credential_is_throttled_too() {
    let (sim, env) = sim_and_env(&["--rate-limit", "1/min"]);
    assert_eq!(token_get(&sim).status(), 200);
    let out = env
        .cmd()
        .args(["show", EXAMPLE_DESKTOP, "--max-attempts", "1"])
        .output()
        .unwrap();
    // Still throttled after every attempt: exit 7, the way through is shut (issue 22).
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "HTTP 429 Too Many Requests, APIGW.0308: The throttling threshold has been reached"
        ),
        "{err}"
    );
    assert_clean(&out);
}

/// The statuses of the requests `show` sent (signed with the AK; the test's own carry the
/// token), in order.
fn statuses_of_show(sim: &Sim) -> Vec<u64> {
    sim.requests()
        .iter()
        .filter(|r| r["headers"].get("authorization").is_some())
        .map(|r| r["status"].as_u64().unwrap())
        .collect()
}

/// Spends the one call a full bucket holds, so that `show` starts on an empty one.
fn drain(sim: &Sim) {
    assert_eq!(token_get(sim).status(), 200);
}

#[test]
fn show_gets_through_a_quota_with_its_retry_policy() {
    // One call every 2 s: show's first attempt (within 2 s of the drain) is throttled, and
    // its backoff (random, doubling from 1 s) gets it through within ten attempts.
    let (sim, env) = sim_and_env(&["--rate-limit", "30/min", "--rate-burst", "1"]);
    drain(&sim);
    let out = env
        .cmd()
        .args([
            "show",
            EXAMPLE_DESKTOP,
            "-o",
            "code",
            "--max-attempts",
            "10",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "D1F32AA6\n");
    assert_eq!(stderr(&out), "", "a retried 429 says nothing without -v");
    let statuses = statuses_of_show(&sim);
    let (last, before) = statuses.split_last().expect("show's requests");
    assert_eq!(*last, 200, "{statuses:?}");
    assert!(
        !before.is_empty() && before.iter().all(|&s| s == 429),
        "{statuses:?}"
    );
}

#[test]
fn show_waits_as_retry_after_says() {
    // Told to wait 2 s, which is when the bucket has a call again: one 429, then the record.
    let (sim, env) = sim_and_env(&[
        "--rate-limit",
        "30/min",
        "--rate-burst",
        "1",
        "--retry-after",
        "2",
    ]);
    drain(&sim);
    let out = env
        .cmd()
        .args(["show", EXAMPLE_DESKTOP, "-o", "code", "-v"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "D1F32AA6\n");
    assert!(
        stderr(&out).contains("* attempt 1/3 failed (HTTP 429); retrying in 2s"),
        "{}",
        stderr(&out)
    );
    assert_eq!(statuses_of_show(&sim), [429, 200]);
}
