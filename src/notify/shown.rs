//! The targets as `config show` prints them (the key in the URL redacted, the secret only
//! by where it comes from) and `config check --notify NAME`, which sends each one a test
//! message.

use std::io::Write;

use serde_json::{json, Value};

use super::error::NotifyError;
use super::post;
use super::wire;
use crate::config::notify::{redacted_url, NotifyTarget, NotifyTargets};
use crate::messages::{lang::Lang, msg};
use crate::output::{render_fields, Field, OutputFormat};

/// `config show`'s `notify` field: nothing when the file has no target.
pub fn fields(targets: &NotifyTargets) -> Vec<Field> {
    if targets.targets.is_empty() {
        return Vec::new();
    }
    let list: Vec<Value> = targets.targets.values().map(described).collect();
    let text = targets
        .targets
        .values()
        .map(|t| format!("{}: {} {}", t.name, t.kind.as_str(), redacted_url(&t.url)))
        .collect::<Vec<_>>()
        .join("; ");
    vec![Field {
        key: "notify",
        label: "cfg-label-notify",
        value: Value::Array(list),
        text: Some(text),
    }]
}

fn described(t: &NotifyTarget) -> Value {
    json!({
        "name": t.name,
        "kind": t.kind.as_str(),
        "url": redacted_url(&t.url),
        "secret": t.secret.as_ref().map(|s| format!("(set, from {})", s.describe())),
        "statuses": t.statuses.as_ref().map(|l| l.iter().map(|s| s.as_str().to_string()).collect::<Vec<_>>()),
        "include_code": t.include_code,
        "lang": t.lang.map(|l| l.name()),
    })
}

/// Sends one test message to each named target, in order, and prints what each answered;
/// the first that fails ends the check with its error.
pub fn check(
    targets: &NotifyTargets,
    names: &[String],
    out: &mut dyn Write,
    format: OutputFormat,
) -> anyhow::Result<()> {
    let chosen = targets.select(names)?;
    let mut sent = Vec::new();
    for target in &chosen {
        let status = send_test(target)?;
        sent.push(json!({"name": target.name, "url": redacted_url(&target.url), "status": status}));
    }
    let text = chosen
        .iter()
        .map(|t| format!("{} ({})", t.name, redacted_url(&t.url)))
        .collect::<Vec<_>>()
        .join(", ");
    let ok = msg!("cfg-notify-ok");
    let fields = [
        Field {
            key: "ok",
            label: "cfg-label-result",
            // English in JSON (data), in the run's language for a person.
            value: Value::String(ok.render_in(Lang::En)),
            text: Some(crate::output::fields::stdout_words(&ok)),
        },
        Field {
            key: "notify",
            label: "cfg-label-notify",
            value: Value::Array(sent),
            text: Some(text),
        },
    ];
    render_fields(out, format, &fields)?;
    Ok(())
}

/// One test message, sent now: the HTTP status when the bot took it.
fn send_test(target: &NotifyTarget) -> anyhow::Result<u16> {
    let secret = target.secret.as_ref().map(|s| s.read()).transpose()?;
    super::guard::forbid_url_secrets(target);
    let poster = post::Poster::new().map_err(|e| NotifyError::Client(e.to_string()))?;
    let out = wire::test_request(target, secret.as_ref(), jiff::Timestamp::now());
    match poster.post(&out, post::REQUEST_TIMEOUT) {
        Ok(status) => Ok(status),
        Err(r) if r.answered => Err(NotifyError::Refused {
            target: target.name.clone(),
            reason: r.reason,
        }
        .into()),
        Err(r) => Err(NotifyError::Unreachable {
            target: target.name.clone(),
            reason: r.reason,
        }
        .into()),
    }
}
