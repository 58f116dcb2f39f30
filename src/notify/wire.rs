//! Each kind's wire format (docs/CONTRACT.md, "Telling the team"): the request a batch of
//! changes becomes, the vendors' signatures, their rate limits and size limits, and how to
//! read their answers (a 200 may still carry a vendor error).

use std::time::Duration;

use base64::Engine;
use hmac::{Hmac, Mac};
use reqwest::Url;
use serde_json::{json, Value};
use sha2::Sha256;

use super::change::Change;
use crate::config::notify::{NotifyKind, NotifyTarget};
use crate::messages::{msg, Lang, Message};
use crate::secret::Secret;

/// One HTTP request to a bot.
#[derive(Debug)]
pub struct Outgoing {
    pub url: Url,
    /// `Title` for ntfy; JSON kinds set their content type from `json`.
    pub title: Option<String>,
    pub body: Vec<u8>,
    pub json: bool,
}

const SECOND: Duration = Duration::from_secs(1);
/// A vendor's minute, with a second's margin: a bot counting by its own clock must never see
/// one message too many (DingTalk then blocks for ten minutes).
const MINUTE: Duration = Duration::from_secs(61);

/// The messages a bot accepts, per window: WeCom and DingTalk 20 a minute, Feishu 5 a second
/// and 100 a minute; Slack-compatible hooks and ntfy about one a second; a generic webhook
/// is asked for no more than ten a second.
pub fn limits(kind: NotifyKind) -> &'static [(usize, Duration)] {
    match kind {
        NotifyKind::Wecom | NotifyKind::Dingtalk => &[(20, MINUTE)],
        NotifyKind::Feishu => &[(5, SECOND), (100, MINUTE)],
        NotifyKind::Slack | NotifyKind::Ntfy => &[(1, SECOND)],
        NotifyKind::Webhook => &[(10, SECOND)],
    }
}

/// The longest text a message may carry, in bytes: WeCom's 2,048; Feishu's and DingTalk's
/// 20 KB bodies with room for the JSON around the text; ntfy's 4,096; Slack's advised 4,000.
pub fn max_text(kind: NotifyKind) -> usize {
    match kind {
        NotifyKind::Wecom => 2048,
        NotifyKind::Feishu | NotifyKind::Dingtalk => 18_000,
        NotifyKind::Ntfy => 4096,
        NotifyKind::Slack => 4000,
        NotifyKind::Webhook => usize::MAX,
    }
}

/// How many of `pending` (from the front) go into one message: those whose lines fit the
/// kind's text limit together (at least one: a line too long alone is cut by [`text`]); one
/// change a request for the generic webhook.
pub fn batch_len(target: &NotifyTarget, pending: &[Change]) -> usize {
    if target.kind == NotifyKind::Webhook {
        return pending.len().min(1);
    }
    let limit = max_text(target.kind);
    let lang = target.lang();
    let mut used = 0;
    for (n, change) in pending.iter().enumerate() {
        used += change.line(target.include_code, lang).len() + usize::from(n > 0);
        if used > limit {
            return n.max(1);
        }
    }
    pending.len()
}

/// The batch's lines, one a change, within the kind's limit, in the target's language.
pub fn text(target: &NotifyTarget, batch: &[Change]) -> String {
    let lang = target.lang();
    let lines: Vec<String> = (batch.iter())
        .map(|c| c.line(target.include_code, lang))
        .collect();
    cut(&lines.join("\n"), max_text(target.kind))
}

fn cut(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max.saturating_sub('…'.len_utf8());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// The request for one batch at `now`; `secret` signs Feishu and DingTalk messages.
pub fn request(
    target: &NotifyTarget,
    secret: Option<&Secret>,
    batch: &[Change],
    now: jiff::Timestamp,
) -> Outgoing {
    let hook = batch.first().map(|c| c.json(target.include_code));
    let title = match batch.len() {
        1 => msg!("notify-title-one"),
        n => msg!("notify-title", count = n),
    };
    let title = title.render_in(target.lang());
    // Written like `watch -o json`: C1 controls and format characters escaped, secrets masked,
    // so that a receiver that logs or shows the body is as safe as a terminal.
    let hook = crate::text::json_line(&hook)
        .unwrap_or_default()
        .into_bytes();
    build(target, secret, text(target, batch), hook, title, now)
}

/// `config check --notify NAME`: a message that says what it is, in the target's language;
/// the generic webhook's JSON is data, English in every language.
pub fn test_request(
    target: &NotifyTarget,
    secret: Option<&Secret>,
    now: jiff::Timestamp,
) -> Outgoing {
    let said = msg!("notify-test", target = &target.name);
    let hook = body(json!({"event": "test", "text": said.render_in(Lang::En)}));
    let lang = target.lang();
    let title = msg!("notify-test-title").render_in(lang);
    build(target, secret, said.render_in(lang), hook, title, now)
}

fn build(
    target: &NotifyTarget,
    secret: Option<&Secret>,
    text: String,
    hook: Vec<u8>,
    title: String,
    now: jiff::Timestamp,
) -> Outgoing {
    let mut url = target.url.clone();
    let body = match target.kind {
        NotifyKind::Webhook => hook,
        NotifyKind::Wecom => body(json!({"msgtype": "text", "text": {"content": text}})),
        NotifyKind::Feishu => {
            let mut v = json!({"msg_type": "text", "content": {"text": text}});
            if let Some(secret) = secret {
                let ts = now.as_second();
                v["timestamp"] = Value::String(ts.to_string());
                v["sign"] = Value::String(feishu_sign(ts, secret.expose()));
            }
            body(v)
        }
        NotifyKind::Dingtalk => {
            if let Some(secret) = secret {
                let ts = now.as_millisecond();
                url.query_pairs_mut()
                    .append_pair("timestamp", &ts.to_string())
                    .append_pair("sign", &dingtalk_sign(ts, secret.expose()));
            }
            body(json!({"msgtype": "text", "text": {"content": text}}))
        }
        NotifyKind::Ntfy => text.into_bytes(),
        NotifyKind::Slack => body(json!({ "text": text })),
    };
    Outgoing {
        url,
        title: (target.kind == NotifyKind::Ntfy).then(|| header_text(&title)),
        body,
        json: target.kind != NotifyKind::Ntfy,
    }
}

/// A header's text: as it is when it is ASCII, else an RFC 2047 encoded word
/// (`=?UTF-8?B?…?=`), which ntfy decodes in every header it reads. Raw UTF-8 in a header is
/// outside HTTP's rules, and a proxy on the way may mangle or refuse it.
fn header_text(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    format!("=?UTF-8?B?{encoded}?=")
}

fn body(v: Value) -> Vec<u8> {
    serde_json::to_vec(&v).unwrap_or_default()
}

fn hmac_base64(key: &[u8], message: &[u8]) -> String {
    // HMAC takes keys of any length: `new_from_slice` cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return String::new();
    };
    mac.update(message);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Feishu's signature: base64(HMAC-SHA256 keyed with `timestamp + "\n" + secret` over an
/// empty message), `timestamp` in seconds.
pub fn feishu_sign(timestamp: i64, secret: &str) -> String {
    hmac_base64(format!("{timestamp}\n{secret}").as_bytes(), b"")
}

/// DingTalk's signature before its URL encoding (the query encoder does that):
/// base64(HMAC-SHA256 keyed with `secret` over `timestamp + "\n" + secret`), milliseconds.
pub fn dingtalk_sign(timestamp: i64, secret: &str) -> String {
    hmac_base64(
        secret.as_bytes(),
        format!("{timestamp}\n{secret}").as_bytes(),
    )
}

/// Why a bot did not take a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Why, in the catalogue's words (the bot's answer is data, quoted as it is).
    pub reason: Message,
    /// The bot said "too many": wait longer than a plain failure would.
    pub throttled: bool,
    /// The bot answered (with an error); `false`: no answer came.
    pub answered: bool,
}

/// WeCom's and DingTalk's "too many messages" codes; Feishu's "request too fast".
const THROTTLED_CODES: &[i64] = &[45009, 130101, 9499, 11232];

/// Whether the bot took the message: a 2xx whose body carries no vendor error (`errcode`
/// for WeCom and DingTalk, `code` or `StatusCode` for Feishu, non-zero).
pub fn verdict(status: u16, body: &str) -> Result<(), Refusal> {
    let parsed: Option<Value> = serde_json::from_str(body).ok();
    let code = parsed.as_ref().and_then(|v| {
        ["errcode", "code", "StatusCode"]
            .iter()
            .find_map(|k| v.get(*k).and_then(Value::as_i64))
    });
    let message = parsed.as_ref().and_then(|v| {
        ["errmsg", "msg", "StatusMessage"]
            .iter()
            .find_map(|k| v.get(*k).and_then(Value::as_str))
            .map(|m| crate::text::snippet(m, 200))
    });
    let vendor = code.filter(|c| *c != 0);
    if (200..300).contains(&status) && vendor.is_none() {
        return Ok(());
    }
    let throttled = status == 429 || vendor.is_some_and(|c| THROTTLED_CODES.contains(&c));
    let reason = match (vendor, message) {
        (Some(c), Some(m)) => format!("HTTP {status}, error {c}: {m}"),
        (Some(c), None) => format!("HTTP {status}, error {c}"),
        (None, _) => format!("HTTP {status}"),
    };
    Err(Refusal {
        reason: msg!("as-is", text = reason),
        throttled,
        answered: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notify::change::sample;

    /// A target that speaks English whatever the run's language, as the expectations do.
    fn target(kind: NotifyKind, url: &str) -> NotifyTarget {
        NotifyTarget {
            name: "t".into(),
            kind,
            url: Url::parse(url).unwrap(),
            secret: None,
            statuses: None,
            include_code: false,
            lang: Some(Lang::En),
        }
    }

    fn chinese(kind: NotifyKind, url: &str) -> NotifyTarget {
        NotifyTarget {
            lang: Some(Lang::Zh),
            ..target(kind, url)
        }
    }

    // The expected signatures were computed once with Python's hmac, hashlib and base64
    // (and urllib.parse.quote_plus for DingTalk's query), from the vendors' documentation.
    #[test]
    fn feishu_signs_the_timestamp_and_secret_as_the_key_of_an_empty_message() {
        assert_eq!(
            feishu_sign(1_700_000_000, "feishu-test-secret"),
            "e3MJ8Q5llVxGJ8pVkGPBhexDAgjvYqpjPP1GkY9XceI="
        );
        let t = target(
            NotifyKind::Feishu,
            "https://open.feishu.cn/open-apis/bot/v2/hook/x",
        );
        let now = jiff::Timestamp::from_second(1_700_000_000).unwrap();
        let out = request(
            &t,
            Some(&Secret::new("feishu-test-secret")),
            &[sample(4, "OPEN")],
            now,
        );
        let v: Value = serde_json::from_slice(&out.body).unwrap();
        assert_eq!(
            v,
            json!({"msg_type": "text",
                   "content": {"text": "DEV-PC-004 (erin): WAIT_USER_CONFIRM → OPEN, code in assist"},
                   "timestamp": "1700000000",
                   "sign": "e3MJ8Q5llVxGJ8pVkGPBhexDAgjvYqpjPP1GkY9XceI="})
        );
    }

    #[test]
    fn dingtalk_signs_in_the_query_with_milliseconds() {
        let t = target(
            NotifyKind::Dingtalk,
            "https://oapi.dingtalk.com/robot/send?access_token=abc",
        );
        let now = jiff::Timestamp::from_millisecond(1_700_000_000_000).unwrap();
        let out = request(
            &t,
            Some(&Secret::new("SEC0123456789abcdef")),
            &[sample(4, "OPEN")],
            now,
        );
        assert_eq!(
            out.url.as_str(),
            "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000\
             &sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D"
        );
        let v: Value = serde_json::from_slice(&out.body).unwrap();
        assert_eq!(
            v,
            json!({"msgtype": "text", "text": {"content": "DEV-PC-004 (erin): WAIT_USER_CONFIRM → OPEN, code in assist"}})
        );
    }

    #[test]
    fn the_other_kinds_carry_their_documented_shapes() {
        let now = jiff::Timestamp::from_second(1_700_000_000).unwrap();
        let batch = [sample(1, "OPEN"), sample(2, "CLOSE")];
        let lines = "DEV-PC-001 (erin): WAIT_USER_CONFIRM → OPEN, code in assist\n\
                     DEV-PC-002 (erin): WAIT_USER_CONFIRM → CLOSE";
        let body = |kind, url| {
            let out = request(&target(kind, url), None, &batch, now);
            (out.body, out.title)
        };
        let (wecom, _) = body(
            NotifyKind::Wecom,
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
        );
        assert_eq!(
            serde_json::from_slice::<Value>(&wecom).unwrap(),
            json!({"msgtype": "text", "text": {"content": lines}})
        );
        let (slack, _) = body(NotifyKind::Slack, "https://hooks.slack.com/services/x");
        assert_eq!(
            serde_json::from_slice::<Value>(&slack).unwrap(),
            json!({ "text": lines })
        );
        let (ntfy, title) = body(NotifyKind::Ntfy, "https://ntfy.sh/topic");
        assert_eq!(
            (String::from_utf8(ntfy).unwrap(), title),
            (lines.to_string(), Some("assist: 2 changes".into()))
        );
        let (hook, _) = body(NotifyKind::Webhook, "https://example.com/hook");
        assert_eq!(
            serde_json::from_slice::<Value>(&hook).unwrap(),
            json!({"event": "assistance_changed", "desktop_id": "id-1", "computer_name": "DEV-PC-001",
                   "user_name": "erin", "status": "OPEN", "previous_status": "WAIT_USER_CONFIRM",
                   "observed_at": "2026-12-04T10:00:00Z", "failed_reason": null})
        );
    }

    #[test]
    fn a_chinese_target_reads_chinese_in_every_human_kind() {
        let now = jiff::Timestamp::from_second(1_700_000_000).unwrap();
        let batch = [sample(1, "OPEN"), sample(2, "CLOSE")];
        let lines = "DEV-PC-001（erin）：WAIT_USER_CONFIRM → OPEN，邀请码请在 assist 中查看\n\
                     DEV-PC-002（erin）：WAIT_USER_CONFIRM → CLOSE";
        let sent = |kind, url| {
            let out = request(&chinese(kind, url), None, &batch, now);
            (out.body, out.title)
        };
        let json = |bytes: Vec<u8>| serde_json::from_slice::<Value>(&bytes).unwrap();
        let (wecom, _) = sent(NotifyKind::Wecom, "https://qyapi.weixin.qq.com/x?key=k");
        assert_eq!(
            json(wecom),
            json!({"msgtype": "text", "text": {"content": lines}})
        );
        let (feishu, _) = sent(NotifyKind::Feishu, "https://open.feishu.cn/x");
        assert_eq!(
            json(feishu),
            json!({"msg_type": "text", "content": {"text": lines}})
        );
        let (ding, _) = sent(NotifyKind::Dingtalk, "https://oapi.dingtalk.com/x");
        assert_eq!(
            json(ding),
            json!({"msgtype": "text", "text": {"content": lines}})
        );
        let (slack, _) = sent(NotifyKind::Slack, "https://hooks.slack.com/x");
        assert_eq!(json(slack), json!({ "text": lines }));
        let (ntfy, title) = sent(NotifyKind::Ntfy, "https://ntfy.sh/topic");
        assert_eq!(String::from_utf8(ntfy).unwrap(), lines);
        // "assist：2 个变化", as an RFC 2047 encoded word: a header carries ASCII.
        assert_eq!(
            title.as_deref(),
            Some("=?UTF-8?B?YXNzaXN077yaMiDkuKrlj5jljJY=?=")
        );
        let one = request(
            &chinese(NotifyKind::Ntfy, "https://ntfy.sh/topic"),
            None,
            &batch[..1],
            now,
        );
        let word = one.title.unwrap();
        let inner = word.strip_prefix("=?UTF-8?B?").unwrap().strip_suffix("?=");
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(inner.unwrap())
            .unwrap();
        assert_eq!(String::from_utf8(decoded).unwrap(), "assist：1 个变化");
    }

    #[test]
    fn the_webhooks_json_is_the_same_bytes_in_every_language() {
        let now = jiff::Timestamp::from_second(1_700_000_000).unwrap();
        let url = "https://example.com/hook";
        let batch = [sample(1, "OPEN")];
        let en = request(&target(NotifyKind::Webhook, url), None, &batch, now);
        let zh = request(&chinese(NotifyKind::Webhook, url), None, &batch, now);
        assert_eq!((en.body, en.title), (zh.body.clone(), zh.title));
        assert!(!String::from_utf8(zh.body).unwrap().contains("变化"));
        let en = test_request(&target(NotifyKind::Webhook, url), None, now);
        let zh = test_request(&chinese(NotifyKind::Webhook, url), None, now);
        assert_eq!(en.body, zh.body);
        assert_eq!(
            String::from_utf8(zh.body).unwrap(),
            r#"{"event":"test","text":"assist: a test message to \"t\" from `assist config check --notify`"}"#
        );
    }

    #[test]
    fn the_test_message_is_in_the_targets_language() {
        let now = jiff::Timestamp::from_second(1_700_000_000).unwrap();
        let url = "https://qyapi.weixin.qq.com/x?key=k";
        let text = |t: &NotifyTarget| {
            let v: Value = serde_json::from_slice(&test_request(t, None, now).body).unwrap();
            v["text"]["content"].as_str().unwrap().to_string()
        };
        assert_eq!(
            text(&target(NotifyKind::Wecom, url)),
            "assist: a test message to \"t\" from `assist config check --notify`"
        );
        assert_eq!(
            text(&chinese(NotifyKind::Wecom, url)),
            "assist：这是 `assist config check --notify` 发给 \"t\" 的测试消息"
        );
        let ntfy = |t: &NotifyTarget| test_request(t, None, now).title.unwrap();
        assert_eq!(
            ntfy(&target(NotifyKind::Ntfy, "https://ntfy.sh/x")),
            "assist: test"
        );
        assert!(ntfy(&chinese(NotifyKind::Ntfy, "https://ntfy.sh/x")).starts_with("=?UTF-8?B?"));
    }

    #[test]
    fn a_batch_stops_where_the_text_limit_would_be_passed() {
        let url = "https://qyapi.weixin.qq.com/x?key=k";
        let many: Vec<Change> = (0..100).map(|n| sample(n, "OPEN")).collect();
        // A Chinese line is longer in bytes (three a character): fewer go into one message.
        let mut fits = Vec::new();
        for t in [
            target(NotifyKind::Wecom, url),
            chinese(NotifyKind::Wecom, url),
        ] {
            let n = batch_len(&t, &many);
            assert!(n > 1 && n < 100, "{n}");
            assert!(text(&t, &many[..n]).len() <= 2048);
            let more = text(&t, &many[..n + 1]);
            assert!(more.len() > 2048 || more.ends_with('…'));
            fits.push(n);
        }
        assert!(fits[1] < fits[0], "{fits:?}");
    }

    #[test]
    fn vendor_errors_inside_a_200_are_failures() {
        assert!(verdict(200, r#"{"errcode":0,"errmsg":"ok"}"#).is_ok());
        assert!(verdict(200, r#"{"code":0,"msg":"success"}"#).is_ok());
        let e = verdict(200, r#"{"errcode":45009,"errmsg":"api freq out of limit"}"#).unwrap_err();
        assert!(e.throttled);
        assert_eq!(
            e.reason.to_string(),
            "HTTP 200, error 45009: api freq out of limit"
        );
        assert!(!verdict(500, "").unwrap_err().throttled);
    }
}
