//! Telling the team (`--notify`, `[notify.NAME]`): a receiver on 127.0.0.1 plays each kind of
//! bot, records what it was sent, checks each signature with its own code and answers what
//! the test scripts (500s, WeCom's `{"errcode": 45009}`).

use std::collections::{BTreeSet, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use crate::common::*;

/// One request the receiver took.
#[derive(Debug, Clone)]
pub(crate) struct Got {
    /// Path and query, as sent.
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Got {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {:?}", self.text()))
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    fn query(&self, key: &str) -> Option<String> {
        let query = self.target.split_once('?')?.1;
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    }
}

/// A tiny HTTP/1.1 server: one request a connection, answered from `answers` (then 200 with
/// `{"errcode":0,"errmsg":"ok"}`), every request recorded.
pub(crate) struct Receiver {
    pub(crate) url: String,
    got: Arc<Mutex<Vec<Got>>>,
    answers: Arc<Mutex<VecDeque<(u16, String)>>>,
    /// Answer every request with this when set (a target that is down).
    always: Arc<Mutex<Option<(u16, String)>>>,
}

impl Receiver {
    pub(crate) fn start() -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let got = Arc::new(Mutex::new(Vec::new()));
        let answers = Arc::new(Mutex::new(VecDeque::new()));
        let always = Arc::new(Mutex::new(None));
        let (g, a, al) = (got.clone(), answers.clone(), always.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let answer = al
                    .lock()
                    .unwrap()
                    .clone()
                    .or_else(|| a.lock().unwrap().pop_front())
                    .unwrap_or((200, r#"{"errcode":0,"errmsg":"ok"}"#.into()));
                if let Some(request) = serve(stream, &answer) {
                    g.lock().unwrap().push(request);
                }
            }
        });
        Receiver {
            url,
            got,
            answers,
            always,
        }
    }

    pub(crate) fn got(&self) -> Vec<Got> {
        self.got.lock().unwrap().clone()
    }

    fn answer(&self, status: u16, body: &str) {
        self.answers
            .lock()
            .unwrap()
            .push_back((status, body.into()));
    }

    fn always(&self, status: u16, body: &str) {
        *self.always.lock().unwrap() = Some((status, body.into()));
    }
}

/// Reads one request and answers it; the request is recorded only once answered.
fn serve(stream: std::net::TcpStream, answer: &(u16, String)) -> Option<Got> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let target = line.split_whitespace().nth(1)?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':')?;
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    let len: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    reader.read_exact(&mut body).ok()?;
    let (status, text) = answer;
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        text.len()
    )
    .ok()?;
    Some(Got {
        target,
        headers,
        body,
    })
}

fn hmac_b64(key: &[u8], message: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(message);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

const FEISHU_SECRET: &str = "feishu-secret-do-not-print";
const DINGTALK_SECRET: &str = "SECdingtalk-do-not-print";
/// A WeCom bot key: in the URL's query, never to be shown.
const WECOM_KEY: &str = "wecom-key-do-not-print";

/// A profile for the simulator plus one `[notify.KIND]` target of each kind at the receiver.
pub(crate) fn config_with_targets(env: &Env, sim: &Sim, r: &Receiver, extra: &str) {
    let u = &r.url;
    env.write_config(&format!(
        "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nauth = \"aksk\"\nak = \"{AK}\"\nsk = \"{SK}\"\n\
         [notify.wecom]\nkind = \"wecom\"\nurl = \"{u}/cgi-bin/webhook/send?key={WECOM_KEY}\"\n{extra}\
         [notify.feishu]\nkind = \"feishu\"\nurl = \"{u}/open-apis/bot/v2/hook/feishu-hook\"\nsecret = \"{FEISHU_SECRET}\"\n\
         [notify.dingtalk]\nkind = \"dingtalk\"\nurl = \"{u}/robot/send?access_token=ding-token-do-not-print\"\nsecret_command = \"echo {DINGTALK_SECRET}\"\n\
         [notify.ntfy]\nkind = \"ntfy\"\nurl = \"{u}/helpdesk-topic\"\n\
         [notify.slack]\nkind = \"slack\"\nurl = \"{u}/services/T0/B0/slack\"\n\
         [notify.hook]\nkind = \"webhook\"\nurl = \"{u}/hook\"\ninclude_code = true\n",
        sim.url
    ));
}

/// The one line a change of `event` (a `watch -o json` object) is told as.
pub(crate) fn line_of(event: &Value, code: bool) -> String {
    let mut line = format!(
        "{} ({}): {}",
        event["computer_name"].as_str().unwrap(),
        event["user_name"].as_str().unwrap(),
        event["status"].as_str().unwrap()
    );
    if let Some(c) = event["invitation_code"].as_str() {
        line += &if code {
            format!(", code {c}")
        } else {
            ", code in assist".into()
        };
    }
    line
}

#[test]
fn each_kind_gets_its_documented_payload_and_a_signature_that_checks() {
    let (sim, env) = setup(&[]);
    let r = Receiver::start();
    config_with_targets(&env, &sim, &r, "");
    let mut args = vec!["-v", "watch", OPEN_DESKTOP, "--once", "-o", "json"];
    for kind in ["wecom", "feishu", "dingtalk", "ntfy", "slack", "hook"] {
        args.extend(["--notify", kind]);
    }
    let out = run(&env, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let event: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    let line = line_of(&event, false);
    let got = r.got();
    assert_eq!(got.len(), 6, "one message a target: {got:?}");
    let at = |path: &str| {
        got.iter()
            .find(|g| g.path() == path)
            .unwrap_or_else(|| panic!("{path}: {got:?}"))
    };

    let wecom = at("/cgi-bin/webhook/send");
    assert_eq!(wecom.query("key").as_deref(), Some(WECOM_KEY));
    assert_eq!(
        wecom.json(),
        json!({"msgtype": "text", "text": {"content": line}})
    );

    let feishu = at("/open-apis/bot/v2/hook/feishu-hook").json();
    let ts = feishu["timestamp"].as_str().unwrap();
    let now = jiff::Timestamp::now().as_second();
    assert!(
        (now - ts.parse::<i64>().unwrap()).abs() < 3600,
        "seconds, and now: {ts}"
    );
    let sign = hmac_b64(format!("{ts}\n{FEISHU_SECRET}").as_bytes(), b"");
    assert_eq!(
        feishu,
        json!({"msg_type": "text", "content": {"text": line}, "timestamp": ts, "sign": sign})
    );

    let ding = at("/robot/send");
    let ts = ding.query("timestamp").unwrap();
    assert!(ts.len() == 13, "milliseconds: {ts}");
    let sign = hmac_b64(
        DINGTALK_SECRET.as_bytes(),
        format!("{ts}\n{DINGTALK_SECRET}").as_bytes(),
    );
    assert_eq!(
        ding.query("sign"),
        Some(sign),
        "the sign, URL-encoded in the query"
    );
    assert_eq!(
        ding.json(),
        json!({"msgtype": "text", "text": {"content": line}})
    );

    let ntfy = at("/helpdesk-topic");
    assert_eq!(ntfy.text(), line);
    assert_eq!(ntfy.header("Title"), Some("assist: 1 change"));

    assert_eq!(at("/services/T0/B0/slack").json(), json!({ "text": line }));

    let hook = at("/hook").json();
    crate::json_shapes::assert_valid("notify-webhook", &hook);
    assert_eq!(
        hook,
        json!({"event": "assistance_changed", "desktop_id": OPEN_DESKTOP,
               "computer_name": event["computer_name"], "user_name": event["user_name"],
               "status": "OPEN", "previous_status": null, "observed_at": event["observed_at"],
               "failed_reason": null, "invitation_code": event["invitation_code"]})
    );
    // -v names each target and what it answered, with the bot's key redacted (the run's
    // check: nothing marked do-not-print was shown).
    let err = stderr(&out);
    assert!(err.contains("* notify wecom: wecom at "), "{err}");
    assert!(
        err.contains("/cgi-bin/webhook/send?key=(redacted)"),
        "{err}"
    );
    assert!(err.contains("* notify hook: 1 change(s) to "), "{err}");
}

#[test]
fn thirty_desktops_reach_a_wecom_bot_in_few_messages_that_name_all_thirty() {
    let (sim, env) = setup(&[]);
    sim.set_desktops(30);
    let ids: Vec<String> = (1..=30).map(generated_id).collect();
    for id in &ids {
        start_via_api(&sim, id);
    }
    let r = Receiver::start();
    config_with_targets(&env, &sim, &r, "");
    let mut args = vec!["watch", "--once", "-o", "json", "--notify", "wecom"];
    args.extend(ids.iter().map(String::as_str));
    let out = run(&env, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 30);
    let got = r.got();
    assert!(!got.is_empty() && got.len() <= 20, "{} messages", got.len());
    let text: String = got
        .iter()
        .map(|g| g.json()["text"]["content"].as_str().unwrap().to_string() + "\n")
        .collect();
    let events: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let told: BTreeSet<&str> = text.lines().collect();
    let expected: BTreeSet<String> = events.iter().map(|e| line_of(e, false)).collect();
    assert_eq!(
        told,
        expected.iter().map(String::as_str).collect(),
        "each desktop told once"
    );
}

/// Stdout without the times of observation, which differ between two runs.
fn without_times(out: &std::process::Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            v.as_object_mut().unwrap().remove("observed_at");
            v
        })
        .collect()
}

#[test]
fn a_failing_target_changes_nothing_of_the_watch_and_is_one_warning() {
    let (sim, env) = setup(&[]);
    let r = Receiver::start();
    r.always(500, "{}");
    config_with_targets(&env, &sim, &r, "");
    let args = [
        "watch",
        OPEN_DESKTOP,
        CONFIRM_DESKTOP,
        "--once",
        "-o",
        "json",
    ];
    let plain = run(&env, &args);
    let told = env
        .cmd()
        .args(args)
        .args(["--notify", "wecom"])
        // The end waits at most 2.5 s for the bot: two tries a second apart (the third would
        // come 2 s after the second), then the warning.
        .env("ASSIST_TEST_NOTIFY_FLUSH", "2500ms")
        .output()
        .unwrap();
    assert_secrets_kept(&told);
    assert_eq!(told.status.code(), plain.status.code());
    assert_eq!(told.status.code(), Some(0));
    assert_eq!(without_times(&told), without_times(&plain));
    let err = stderr(&told);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(
        warnings,
        ["warning: 2 change(s) were not told to \"wecom\" before the end of the run (HTTP 500)"],
        "{err}"
    );
    assert_eq!(r.got().len(), 2, "tried, and tried again after its backoff");
}

#[test]
fn a_throttled_wecom_bot_gets_the_same_message_again_after_its_wait() {
    let (sim, env) = setup(&[]);
    let r = Receiver::start();
    r.answer(200, r#"{"errcode":45009,"errmsg":"api freq out of limit"}"#);
    config_with_targets(&env, &sim, &r, "");
    let out = env
        .cmd()
        .args(["watch", OPEN_DESKTOP, "--once", "--notify", "wecom"])
        .env("ASSIST_TEST_NOTIFY_BACKOFF", "100ms")
        .output()
        .unwrap();
    assert_secrets_kept(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    let got = r.got();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].body, got[1].body, "the same message, sent again");
}

#[test]
fn statuses_choose_which_changes_a_target_is_told() {
    let (sim, env) = setup(&[]);
    let r = Receiver::start();
    config_with_targets(&env, &sim, &r, "statuses = [\"WAIT_USER_CONFIRM\"]\n");
    let args = [
        "watch",
        OPEN_DESKTOP,
        CONFIRM_DESKTOP,
        "--once",
        "-o",
        "json",
        "--notify",
        "wecom",
    ];
    let out = run(&env, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got = r.got();
    assert_eq!(got.len(), 1, "{got:?}");
    let text = got[0].json()["text"]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(text.ends_with("): WAIT_USER_CONFIRM"), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
}

/// A cron watch with `--state` tells what changed since the last run, from what it was then.
#[test]
fn a_state_watch_tells_each_change_from_the_status_the_last_run_saw() {
    let (sim, env) = setup(&[]);
    let r = Receiver::start();
    config_with_targets(&env, &sim, &r, "");
    let id = generated_id(1);
    sim.set_desktops(1);
    let state = env.dir.path().join("state.json");
    let state = state.to_str().unwrap();
    let cron = [
        "watch",
        id.as_str(),
        "--once",
        "--state",
        state,
        "--notify",
        "wecom",
    ];
    let first = run(&env, &cron);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(r.got().is_empty(), "no session, nothing to tell");
    start_via_api(&sim, &id);
    let second = run(&env, &cron);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    let got = r.got();
    assert_eq!(got.len(), 1, "{got:?}");
    let text = got[0].json()["text"]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(text.ends_with(": NONE → WAIT_USER_CONFIRM"), "{text}");
}

#[test]
fn config_show_and_check_never_show_the_bot_key_and_check_sends_a_test_message() {
    let (sim, env) = setup(&[]);
    let r = Receiver::start();
    config_with_targets(&env, &sim, &r, "");
    let show = run(&env, &["config", "show", "-o", "json"]);
    assert_eq!(show.status.code(), Some(0), "{}", stderr(&show));
    let notify = json_of(&show)["notify"].clone();
    let wecom = notify
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "wecom")
        .unwrap();
    assert_eq!(
        wecom["url"],
        format!("{}/cgi-bin/webhook/send?key=(redacted)", r.url)
    );
    let feishu = notify
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "feishu")
        .unwrap();
    assert_eq!(feishu["secret"], "(set, from secret of [notify.feishu])");

    let check = run(&env, &["config", "check", "--notify", "wecom"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let got = r.got();
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0].json(),
        json!({"msgtype": "text", "text": {"content": "assist: a test message to \"wecom\" from `assist config check --notify`"}})
    );
    assert!(
        sim.requests().is_empty(),
        "a bot is tested without the cloud"
    );
    // A person reads the result in the run's language (issue 25); the JSON above stays English.
    let zh = crate::screens::at_width(
        &env,
        200,
        &["--lang", "zh", "config", "check", "--notify", "wecom"],
    );
    assert_eq!(
        zh.lines().next(),
        Some("结果  正常：测试消息已发送"),
        "{zh}"
    );

    r.always(200, r#"{"errcode":93000,"errmsg":"invalid webhook url"}"#);
    let refused = run(&env, &["config", "check", "--notify", "wecom"]);
    assert_error(
        refused,
        6,
        &["notify target \"wecom\" refused the test message: HTTP 200, error 93000: invalid webhook url"],
    );
}

#[test]
fn an_unknown_target_or_key_is_exit_3_before_any_request() {
    let (sim, env) = setup(&[]);
    let r = Receiver::start();
    config_with_targets(&env, &sim, &r, "");
    let out = run(&env, &["watch", OPEN_DESKTOP, "--once", "--notify", "nope"]);
    assert_error(
        out.clone(),
        3,
        &["notify target \"nope\" is not defined in"],
    );
    assert!(
        stderr(&out).contains("dingtalk, feishu, hook, ntfy, slack, wecom"),
        "{}",
        stderr(&out)
    );
    assert_nothing_changed(&sim);
    assert!(sim.requests().is_empty());

    config_with_targets(&env, &sim, &r, "include_codes = true\n");
    let out = run(
        &env,
        &["watch", OPEN_DESKTOP, "--once", "--notify", "wecom"],
    );
    assert_error(
        out.clone(),
        3,
        &[
            "unknown key `include_codes` in [notify.wecom]",
            "did you mean `include_code`?",
        ],
    );
    assert!(sim.requests().is_empty());
    assert!(r.got().is_empty());
}

#[test]
fn start_wait_tells_each_change_until_open_and_notify_needs_a_wait_or_a_watch() {
    let (sim, env) = setup(&[
        "--desktops",
        "1",
        "--confirm-after",
        "200ms",
        "--access-after",
        "200ms",
    ]);
    let r = Receiver::start();
    config_with_targets(&env, &sim, &r, "");
    let id = generated_id(1);
    let without_wait = run(&env, &["start", &id, "--notify", "wecom"]);
    assert_error(
        without_wait,
        2,
        &[
            "--notify tells of the changes `start --wait` sees",
            "add --wait",
        ],
    );
    let without_watch = run(&env, &["sessions", "--notify", "wecom"]);
    assert_error(
        without_watch,
        2,
        &["--notify tells of the changes `sessions --watch` sees"],
    );
    assert!(sim.requests().is_empty(), "refused before any request");

    let out = run(
        &env,
        &[
            "start",
            &id,
            "--wait",
            "--interval",
            "100ms",
            "-o",
            "json",
            "--notify",
            "wecom",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_of(&out)["status"], "OPEN");
    let lines: Vec<String> = r
        .got()
        .iter()
        .flat_map(|g| {
            let text = g.json()["text"]["content"].as_str().unwrap().to_string();
            text.lines().map(str::to_string).collect::<Vec<_>>()
        })
        .collect();
    let statuses: Vec<String> = lines
        .iter()
        .map(|l| {
            let after = l.rsplit(['→', ':']).next().unwrap().trim();
            after.split(',').next().unwrap().trim().to_string()
        })
        .collect();
    assert!(is_lifecycle_to_open(&statuses), "{lines:?}");
    assert!(
        lines.last().unwrap().ends_with("→ OPEN, code in assist"),
        "{lines:?}"
    );
}

#[test]
fn hostile_server_text_stays_one_escaped_line_in_every_message() {
    let (sim, env) = setup(&[]);
    let r = Receiver::start();
    config_with_targets(&env, &sim, &r, "include_code = true\n");
    sim.fault(json!({"kind": "spoof", "desktop_id": OPEN_DESKTOP}));
    let out = run(
        &env,
        &[
            "watch",
            OPEN_DESKTOP,
            "--once",
            "--notify",
            "wecom",
            "--notify",
            "hook",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got = r.got();
    assert_eq!(got.len(), 2, "{got:?}");
    for g in &got {
        for raw in ["\u{202e}", "\u{9b}", "\u{7f}", "\n\n"] {
            assert!(!g.text().contains(raw), "raw {raw:?} in {}", g.text());
        }
    }
    let wecom = got
        .iter()
        .find(|g| g.path() == "/cgi-bin/webhook/send")
        .unwrap();
    let text = wecom.json()["text"]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains(r"code AB\u{202e}DC"), "{text}");
    let hook = got.iter().find(|g| g.path() == "/hook").unwrap();
    assert!(
        hook.text().contains(r"AB\u202eDC"),
        "escaped in the JSON: {}",
        hook.text()
    );
    assert_eq!(
        hook.json()["invitation_code"],
        "AB\u{202e}DC",
        "the same value once parsed"
    );
}

#[test]
fn sessions_watch_tells_the_sessions_it_shows_and_flushes_on_ctrl_c() {
    let (sim, env) = setup(&[]);
    let r = Receiver::start();
    config_with_targets(&env, &sim, &r, "");
    let mut cmd = std_cmd(&env);
    cmd.args(["sessions", "--watch", "-o", "json", "--notify", "wecom"]);
    let running = Running::spawn(cmd);
    let first = running.next_line(std::time::Duration::from_secs(20));
    assert!(first.is_some(), "a first session line");
    wait_for("the bot's first message", || !r.got().is_empty());
    running.interrupt();
    let (status, rest, err) = running
        .end_within(std::time::Duration::from_secs(20))
        .expect("the run ends after Ctrl-C");
    assert_eq!(status.code(), Some(130), "{err}");
    let events: Vec<Value> = first
        .into_iter()
        .chain(rest)
        .map(|l| serde_json::from_str(&l).unwrap())
        .collect();
    let told: BTreeSet<String> = r
        .got()
        .iter()
        .flat_map(|g| {
            let text = g.json()["text"]["content"].as_str().unwrap().to_string();
            text.lines().map(str::to_string).collect::<Vec<_>>()
        })
        .collect();
    let shown: BTreeSet<String> = events.iter().map(|e| line_of(e, false)).collect();
    assert_eq!(told, shown, "each session shown is told, and only those");
    assert!(!err.contains("warning"), "{err}");
}
