//! `[notify.NAME]` tables: the chat bots and webhooks a watch tells about changes
//! (docs/CONTRACT.md, "Telling the team"). Pure like the rest of config: validated here,
//! secrets read and messages sent by the `notify` room.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use reqwest::Url;
use serde::Deserialize;

use super::error::ConfigError;
use crate::auth::source::SecretSource;
use crate::domain::Status;
use crate::messages::{lang, msg, Lang, Message};
use crate::secret::Secret;

pub const NOTIFY_KEYS: &[&str] = &[
    "kind",
    "url",
    "secret",
    "secret_command",
    "statuses",
    "include_code",
    "lang",
];

/// The wire format a target speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NotifyKind {
    Webhook,
    Wecom,
    Feishu,
    Dingtalk,
    Ntfy,
    Slack,
}

impl NotifyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NotifyKind::Webhook => "webhook",
            NotifyKind::Wecom => "wecom",
            NotifyKind::Feishu => "feishu",
            NotifyKind::Dingtalk => "dingtalk",
            NotifyKind::Ntfy => "ntfy",
            NotifyKind::Slack => "slack",
        }
    }

    /// Feishu and DingTalk bots may require a signature; the others have no secret to sign with.
    pub fn signs(self) -> bool {
        matches!(self, NotifyKind::Feishu | NotifyKind::Dingtalk)
    }
}

/// A `[notify.NAME]` table as written.
#[derive(Debug, Deserialize)]
pub struct RawNotify {
    pub kind: NotifyKind,
    pub url: String,
    pub secret: Option<Secret>,
    pub secret_command: Option<String>,
    pub statuses: Option<Vec<String>>,
    pub include_code: Option<bool>,
    pub lang: Option<String>,
}

/// One target, validated: where its messages go and which changes it wants.
#[derive(Debug, Clone)]
pub struct NotifyTarget {
    pub name: String,
    pub kind: NotifyKind,
    /// The address, bot key included: shown only through [`redacted_url`].
    pub url: Url,
    pub secret: Option<SecretSource>,
    /// The new statuses worth a message; `None`: every change.
    pub statuses: Option<Vec<Status>>,
    pub include_code: bool,
    /// The language its people read (`lang`); `None`: the run's, see [`NotifyTarget::lang`].
    pub lang: Option<Lang>,
}

impl NotifyTarget {
    /// The language of its messages: its own `lang`, else the run's (`--lang`, the profile's,
    /// the locale). Read when a message is written, so that a profile's `lang`, known only
    /// once the settings are built, counts too.
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_else(lang::current)
    }
}

/// The targets of the config file, by name, and the file they came from (for errors).
#[derive(Debug, Clone, Default)]
pub struct NotifyTargets {
    pub path: PathBuf,
    pub targets: BTreeMap<String, NotifyTarget>,
}

impl NotifyTargets {
    /// The targets `--notify` names, in the order given, each once; an unknown name is a
    /// config error (exit 3) listing the known ones.
    pub fn select(&self, names: &[String]) -> Result<Vec<NotifyTarget>, ConfigError> {
        let mut chosen: Vec<NotifyTarget> = Vec::new();
        for name in names {
            let Some(target) = self.targets.get(name) else {
                return Err(self.unknown(name));
            };
            if !chosen.iter().any(|t| &t.name == name) {
                chosen.push(target.clone());
            }
        }
        Ok(chosen)
    }

    fn unknown(&self, name: &str) -> ConfigError {
        let known: Vec<&str> = self.targets.keys().map(String::as_str).collect();
        ConfigError::invalid(
            msg!(
                "err-notify-unknown",
                target = crate::text::sanitize(name),
                path = self.path.display()
            ),
            match known.is_empty() {
                true => msg!("hint-notify-none-defined"),
                false => msg!("hint-notify-defined", targets = known.join(", ")),
            },
        )
    }
}

/// Validates every `[notify.*]` table of the file.
pub fn targets(
    raw: &BTreeMap<String, RawNotify>,
    path: &Path,
) -> Result<NotifyTargets, ConfigError> {
    let mut targets = BTreeMap::new();
    for (name, r) in raw {
        targets.insert(name.clone(), target(name, r)?);
    }
    Ok(NotifyTargets {
        path: path.to_path_buf(),
        targets,
    })
}

fn target(name: &str, raw: &RawNotify) -> Result<NotifyTarget, ConfigError> {
    let bad = |what: Message, hint: &'static str| ConfigError::invalid(what, Message::new(hint));
    let url = Url::parse(raw.url.trim()).map_err(|e| {
        bad(
            msg!("err-notify-bad-url", name = name, reason = e),
            "hint-notify-url",
        )
    })?;
    let loopback = crate::api::is_loopback(&url);
    if url.scheme() != "https" && !(url.scheme() == "http" && loopback) {
        return Err(bad(
            msg!("err-notify-http", name = name, scheme = url.scheme()),
            "hint-notify-http",
        ));
    }
    let secret = match (&raw.secret, &raw.secret_command) {
        (Some(_), Some(_)) => {
            return Err(bad(
                msg!("err-notify-secret-twice", name = name),
                "hint-notify-secret-twice",
            ))
        }
        (Some(value), None) => Some(SecretSource::Value {
            value: value.clone(),
            origin: msg!("secret-of-notify", name = name),
        }),
        (None, Some(command)) => Some(SecretSource::Command {
            key: format!("secret_command of [notify.{name}]"),
            command: command.clone(),
        }),
        (None, None) => None,
    };
    if secret.is_some() && !raw.kind.signs() {
        return Err(bad(
            msg!("err-notify-unsigned", name = name, kind = raw.kind.as_str()),
            "hint-notify-unsigned",
        ));
    }
    let statuses = raw
        .statuses
        .as_ref()
        .map(|list| list.iter().map(|s| status(name, s)).collect())
        .transpose()?;
    Ok(NotifyTarget {
        name: name.to_string(),
        kind: raw.kind,
        url,
        secret,
        statuses,
        include_code: raw.include_code.unwrap_or(false),
        lang: raw.lang.as_deref().map(|w| language(name, w)).transpose()?,
    })
}

/// `lang = "en"` or `"zh"`, as a profile's `lang` takes it; another word is refused with the
/// two it takes, rather than passed over: a team would read the wrong language unawares.
fn language(name: &str, word: &str) -> Result<Lang, ConfigError> {
    Lang::named(word).ok_or_else(|| {
        ConfigError::invalid(
            msg!("err-notify-lang", name = name, value = word),
            msg!("hint-notify-lang"),
        )
    })
}

fn status(name: &str, text: &str) -> Result<Status, ConfigError> {
    match Status::parse(text.trim()) {
        Status::Other(_) => Err(ConfigError::invalid(
            msg!(
                "err-notify-unknown-status",
                name = name,
                status = crate::text::sanitize(text)
            ),
            msg!("hint-notify-statuses"),
        )),
        known => Ok(known),
    }
}

/// The address with every query value (a bot's `key`, `access_token`) and any password
/// replaced: what `config show`, `-v` and errors may print.
pub fn redacted_url(url: &Url) -> String {
    let mut shown = url.clone();
    let _ = shown.set_password(None);
    if url.query().is_some() {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, _)| (k.into_owned(), crate::text::REDACTED.to_string()))
            .collect();
        shown.query_pairs_mut().clear().extend_pairs(pairs);
    }
    // ntfy topics and Slack hooks carry their secret in the path: its last segment goes too
    // when it looks like a token (long), so that a pasted `config show` leaks nothing.
    let path = shown.path().to_string();
    if let Some((head, last)) = path.rsplit_once('/') {
        if last.len() >= 16 {
            shown.set_path(&format!("{head}/{}", crate::text::REDACTED));
        }
    }
    shown
        .to_string()
        .replace("%28redacted%29", crate::text::REDACTED)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(kind: NotifyKind, url: &str) -> RawNotify {
        RawNotify {
            kind,
            url: url.into(),
            secret: None,
            secret_command: None,
            statuses: None,
            include_code: None,
            lang: None,
        }
    }

    #[test]
    fn bot_keys_in_the_query_and_long_path_tokens_are_redacted() {
        let u = Url::parse("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx")
            .unwrap();
        assert_eq!(
            redacted_url(&u),
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=(redacted)"
        );
        let u = Url::parse("https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX")
            .unwrap();
        assert_eq!(
            redacted_url(&u),
            "https://hooks.slack.com/services/T000/B000/(redacted)"
        );
    }

    #[test]
    fn plain_http_is_refused_except_on_loopback_and_secrets_only_for_signing_kinds() {
        let e = target("t", &raw(NotifyKind::Wecom, "http://example.com/x")).unwrap_err();
        assert!(e.to_string().contains("https"), "{e}");
        assert!(target("t", &raw(NotifyKind::Wecom, "http://127.0.0.1:9/x")).is_ok());
        let mut r = raw(NotifyKind::Slack, "https://example.com/x");
        r.secret = Some(Secret::new("s3cr3t-value"));
        assert!(target("t", &r).is_err());
    }

    #[test]
    fn lang_is_en_or_zh_or_the_runs_and_another_word_is_refused_naming_both() {
        let mut r = raw(NotifyKind::Wecom, "https://example.com/x");
        assert_eq!(target("t", &r).unwrap().lang, None);
        r.lang = Some("zh".into());
        assert_eq!(target("t", &r).unwrap().lang(), Lang::Zh);
        r.lang = Some("en".into());
        assert_eq!(target("t", &r).unwrap().lang(), Lang::En);
        for word in ["fr", "zh-CN", "ZH", ""] {
            r.lang = Some(word.into());
            let e = target("t", &r).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("[notify.t]: lang = \"{word}\" is not a language assist speaks")
            );
        }
    }
}
