//! The team's bot messages in the team's language (issue 25): a `[notify.NAME]` target's
//! `lang`, else the run's language, chooses the words of the chat kinds; the generic
//! webhook's JSON is data and the same bytes in every language. The receiver of notify.rs
//! plays the bots.

use base64::Engine;
use serde_json::{json, Value};

use crate::common::*;
use crate::notify::{config_with_targets, line_of, Got, Receiver};

/// The Chinese line a first sight of `event` (a `watch -o json` object) is told as, the code
/// kept in assist.
fn chinese_line_of(event: &Value) -> String {
    let mut line = format!(
        "{}（{}）：{}",
        event["computer_name"].as_str().unwrap(),
        event["user_name"].as_str().unwrap(),
        event["status"].as_str().unwrap()
    );
    if event["invitation_code"].is_string() {
        line += "，邀请码请在 assist 中查看";
    }
    line
}

/// `text` as an RFC 2047 encoded word, as a header carries it.
fn encoded_word(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text);
    format!("=?UTF-8?B?{b64}?=")
}

/// What the receiver got at `path`, among `got`.
fn at<'a>(got: &'a [Got], path: &str) -> &'a Got {
    got.iter()
        .find(|g| g.path() == path)
        .unwrap_or_else(|| panic!("{path}: {got:?}"))
}

/// A watch of the open desktop, once, with `args` before the command and `--notify` for
/// each of `targets`: its one JSON event, checked to have ended well.
fn watch_open(env: &Env, args: &[&str], targets: &[&str]) -> Value {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["watch", OPEN_DESKTOP, "--once", "-o", "json"]);
    for target in targets {
        all.extend(["--notify", target]);
    }
    let out = run(env, &all);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(stdout(&out).trim()).unwrap()
}

/// Adds `lang = "zh"` to the default profile of the config file.
fn with_profile_lang_zh(env: &Env) {
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    env.write_config(&text.replacen(
        "[profiles.default]\n",
        "[profiles.default]\nlang = \"zh\"\n",
        1,
    ));
}

#[test]
fn a_chinese_run_tells_a_wecom_bot_in_chinese_and_ntfy_under_a_chinese_title() {
    let (sim, env) = setup(&[]);
    let r = Receiver::start();
    config_with_targets(&env, &sim, &r, "");
    let event = watch_open(&env, &["--lang", "zh"], &["wecom", "ntfy"]);
    let line = chinese_line_of(&event);
    let got = r.got();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(
        at(&got, "/cgi-bin/webhook/send").json(),
        json!({"msgtype": "text", "text": {"content": line}})
    );
    let ntfy = at(&got, "/helpdesk-topic");
    assert_eq!(ntfy.text(), line);
    assert_eq!(
        ntfy.header("Title"),
        Some(encoded_word("assist：1 个变化").as_str())
    );

    // The profile's `lang` is the run's language too, once the settings are read.
    with_profile_lang_zh(&env);
    let event = watch_open(&env, &[], &["wecom"]);
    let got = r.got();
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(
        got[2].json(),
        json!({"msgtype": "text", "text": {"content": chinese_line_of(&event)}})
    );
}

#[test]
fn a_targets_own_lang_wins_over_the_runs_both_ways() {
    let (sim, env) = setup(&[]);
    let r = Receiver::start();
    config_with_targets(&env, &sim, &r, "lang = \"en\"\n");
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    env.write_config(&format!(
        "{text}[notify.zhbot]\nkind = \"wecom\"\nurl = \"{}/zh/send?key=zh-key-do-not-print\"\nlang = \"zh\"\n",
        r.url
    ));
    for (run, args) in [(0, &["--lang", "zh"][..]), (1, &[][..])] {
        let event = watch_open(&env, args, &["wecom", "zhbot"]);
        let got = r.got();
        assert_eq!(got.len(), 2 * (run + 1), "{args:?}: {got:?}");
        let got = &got[2 * run..];
        assert_eq!(
            at(got, "/cgi-bin/webhook/send").json(),
            json!({"msgtype": "text", "text": {"content": line_of(&event, false)}}),
            "lang = \"en\" under {args:?}"
        );
        assert_eq!(
            at(got, "/zh/send").json(),
            json!({"msgtype": "text", "text": {"content": chinese_line_of(&event)}}),
            "lang = \"zh\" under {args:?}"
        );
    }
}

#[test]
fn config_check_sends_its_test_message_in_chinese_and_the_webhooks_in_english() {
    let (sim, env) = setup(&[]);
    let r = Receiver::start();
    config_with_targets(&env, &sim, &r, "");
    let args = [
        "--lang", "zh", "config", "check", "--notify", "wecom", "--notify", "ntfy", "--notify",
        "hook",
    ];
    let out = run(&env, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got = r.got();
    assert_eq!(got.len(), 3, "{got:?}");
    let said = |target: &str| {
        format!("assist：这是 `assist config check --notify` 发给 \"{target}\" 的测试消息")
    };
    assert_eq!(
        at(&got, "/cgi-bin/webhook/send").json(),
        json!({"msgtype": "text", "text": {"content": said("wecom")}})
    );
    let ntfy = at(&got, "/helpdesk-topic");
    assert_eq!(ntfy.text(), said("ntfy"));
    assert_eq!(
        ntfy.header("Title"),
        Some(encoded_word("assist：测试消息").as_str())
    );
    assert_eq!(
        at(&got, "/hook").text(),
        r#"{"event":"test","text":"assist: a test message to \"hook\" from `assist config check --notify`"}"#
    );
    assert!(
        sim.requests().is_empty(),
        "a bot is tested without the cloud"
    );
}

#[test]
fn a_lang_assist_does_not_speak_is_exit_3_naming_the_key_and_its_words() {
    let (sim, env) = setup(&[]);
    let r = Receiver::start();
    config_with_targets(&env, &sim, &r, "lang = \"fr\"\n");
    let watch = ["watch", OPEN_DESKTOP, "--once", "--notify", "wecom"];
    let out = assert_error(env.cmd().args(watch), 3, &[]);
    assert_eq!(
        stderr(&out),
        "error: [notify.wecom]: lang = \"fr\" is not a language assist speaks\n  \
         hint: write lang = \"en\" (English) or lang = \"zh\" (简体中文), or leave it out for \
         the run's language\n"
    );
    let out = assert_error(env.cmd().arg("--lang").arg("zh").args(watch), 3, &[]);
    assert_eq!(
        stderr(&out),
        "错误：[notify.wecom]：lang = \"fr\" 不是 assist 支持的语言\n  \
         建议：请写 lang = \"en\"（English）或 lang = \"zh\"（简体中文）；不写则使用本次运行的语言\n"
    );
    let check = ["config", "check", "--notify", "wecom"];
    assert_error(env.cmd().args(check), 3, &["lang = \"fr\""]);

    // A misspelt key is the nearest known one's, like every key of the table.
    config_with_targets(&env, &sim, &r, "lnag = \"zh\"\n");
    assert_error(
        env.cmd().args(watch),
        3,
        &[
            "unknown key `lnag` in [notify.wecom]",
            "did you mean `lang`?",
        ],
    );
    assert!(sim.requests().is_empty(), "refused before any request");
    assert!(r.got().is_empty(), "and before any message");
}

#[test]
fn the_webhooks_json_is_the_same_bytes_in_every_language() {
    let (sim, env) = setup(&[]);
    let r = Receiver::start();
    config_with_targets(&env, &sim, &r, "");
    let mut bodies = Vec::new();
    let runs: [&[&str]; 3] = [&[], &["--lang", "zh"], &["--lang", "en"]];
    for (n, args) in runs.into_iter().enumerate() {
        let event = watch_open(&env, args, &["hook"]);
        let got = r.got();
        assert_eq!(got.len(), n + 1, "{got:?}");
        let hook = &got[n];
        assert_eq!(hook.header("Content-Type"), Some("application/json"));
        // The time of observation is each run's own; every other byte is the same.
        let observed = format!(
            "\"observed_at\":\"{}\"",
            event["observed_at"].as_str().unwrap()
        );
        let text = hook.text();
        assert!(text.contains(&observed), "{text}");
        bodies.push(text.replace(&observed, "\"observed_at\":\"T\""));
    }
    assert_eq!(bodies[0], bodies[1], "English and Chinese runs");
    assert_eq!(bodies[1], bodies[2]);
    assert!(bodies[0].starts_with(r#"{"event":"assistance_changed","desktop_id":"#));
}
