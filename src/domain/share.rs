//! The tenant's collaboration settings (docs/WORKSPACE-API.md §9): the known keys with their
//! plain-language labels and rules, the object read leniently (unknown keys kept), and
//! `KEY=VALUE` checked before any request.

use serde_json::{Map, Value};

/// The configuration `assist` reads and writes (`?name=` of ShowShareSpaceConfig).
pub const CONFIG_NAME: &str = "share-space-user-conf";
/// The tenant's time to accept, in seconds: the service's range.
pub const CONFIRM_TIME: (u64, u64) = (30, 180);

/// What values a key takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Bool,
    /// Whole seconds within the range.
    Seconds(u64, u64),
    OneOf(&'static [&'static str]),
    Text,
}

/// One known key: its name in the API, its label for people, its rule.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub name: &'static str,
    pub label: &'static str,
    pub rule: Rule,
}

const fn key(name: &'static str, label: &'static str, rule: Rule) -> Key {
    Key { name, label, rule }
}

/// The documented keys, in the order people read them.
pub const KEYS: [Key; 8] = [
    key(
        "is_user_confirm_enabled",
        "end user must accept",
        Rule::Bool,
    ),
    key(
        "wait_confirm_time",
        "time to accept",
        Rule::Seconds(CONFIRM_TIME.0, CONFIRM_TIME.1),
    ),
    key(
        "keyboard_mouse_ctl",
        "keyboard and mouse for the helper",
        Rule::Bool,
    ),
    key(
        "audio_and_video",
        "audio and video",
        Rule::OneOf(&["AUDIO", "NONE", "AUDIO_AND_VIDEO"]),
    ),
    key("use_share_password", "space needs a password", Rule::Bool),
    key("allow_anonymous", "anonymous helpers may join", Rule::Bool),
    key(
        "anonymous_input_ctrl",
        "keyboard and mouse for anonymous helpers",
        Rule::Bool,
    ),
    key("share_space_name", "space name", Rule::Text),
];

/// The settings object: every key the service sent, known or not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShareSettings {
    pub values: Map<String, Value>,
}

impl ShareSettings {
    /// `config_value` as it arrives: a JSON object in a string. `Err` says what is wrong.
    pub fn parse(text: &str) -> Result<ShareSettings, NotSettings> {
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(values)) => Ok(ShareSettings { values }),
            Ok(other) => Err(NotSettings::Other(kind(&other))),
            Err(e) => Err(NotSettings::Json(e.to_string())),
        }
    }

    /// The object as the PUT's `config_value` takes it.
    pub fn to_text(&self) -> String {
        Value::Object(self.values.clone()).to_string()
    }

    /// Whether the end user must accept; `None` when the service did not say (lenient: a
    /// string "true" counts).
    pub fn user_must_accept(&self) -> Option<bool> {
        match self.values.get("is_user_confirm_enabled")? {
            Value::Bool(b) => Some(*b),
            Value::String(s) => s.parse().ok(),
            _ => None,
        }
    }

    /// The time the user has to accept, in seconds, when they must accept.
    pub fn time_to_accept(&self) -> Option<u64> {
        match self.values.get("wait_confirm_time")? {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// Each key with its label (unknown keys labelled by their name), known keys first.
    pub fn rows(&self) -> Vec<(String, String, &Value)> {
        let known = KEYS.iter().filter_map(|k| {
            self.values
                .get(k.name)
                .map(|v| (k.label.to_string(), k.name, v))
        });
        let unknown = self
            .values
            .iter()
            .filter(|(name, _)| find(name).is_none())
            .map(|(name, v)| (name.clone(), name.as_str(), v));
        known
            .chain(unknown)
            .map(|(label, name, v)| (label, name.to_string(), v))
            .collect()
    }
}

/// A value for people: `yes`/`no`, `60 s`, the text itself.
pub fn shown(name: &str, value: &Value) -> String {
    match (find(name).map(|k| k.rule), value) {
        (_, Value::Bool(true)) => "yes".into(),
        (_, Value::Bool(false)) => "no".into(),
        (Some(Rule::Seconds(..)), Value::Number(n)) => format!("{n} s"),
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

pub fn find(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name)
}

/// Why a `KEY=VALUE` was refused: a kind with its facts, worded by the command in the run's
/// language (the domain room speaks no language); `Display` is the English text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotKeyValue(String),
    UnknownKey {
        name: String,
        closest: Option<&'static str>,
    },
    NotBool {
        key: &'static str,
        raw: String,
    },
    NotSeconds {
        key: &'static str,
        min: u64,
        max: u64,
        raw: String,
    },
    NotOneOf {
        key: &'static str,
        choices: String,
        raw: String,
    },
    BadText {
        key: &'static str,
    },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NotKeyValue(text) => write!(f, "{text:?} is not KEY=VALUE"),
            Refusal::UnknownKey { name, closest } => {
                write!(f, "unknown setting {name:?}")?;
                match closest {
                    Some(k) => write!(f, " (did you mean {k}?)"),
                    None => Ok(()),
                }
            }
            Refusal::NotBool { key, raw } => write!(f, "{key} takes true or false, not {raw:?}"),
            Refusal::NotSeconds { key, min, max, raw } => {
                write!(
                    f,
                    "{key} takes whole seconds from {min} to {max}, not {raw:?}"
                )
            }
            Refusal::NotOneOf { key, choices, raw } => {
                write!(f, "{key} takes one of {choices}, not {raw:?}")
            }
            Refusal::BadText { key } => write!(f, "{key} takes a text of 1 to 64 characters"),
        }
    }
}

/// `KEY=VALUE`, checked: a known key, a value its rule takes. `Err` names what is wrong and
/// what would be right (the closest key, the accepted values).
pub fn assignment(text: &str) -> Result<(&'static Key, Value), Refusal> {
    let Some((name, raw)) = text.split_once('=') else {
        return Err(Refusal::NotKeyValue(text.to_string()));
    };
    let name = name.trim();
    let Some(key) = find(name) else {
        return Err(Refusal::UnknownKey {
            name: name.to_string(),
            closest: closest(name),
        });
    };
    value(key, raw.trim()).map(|v| (key, v))
}

fn value(key: &Key, raw: &str) -> Result<Value, Refusal> {
    let name = key.name;
    match key.rule {
        Rule::Bool => match raw.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" => Ok(Value::Bool(true)),
            "false" | "no" | "off" => Ok(Value::Bool(false)),
            _ => Err(Refusal::NotBool {
                key: name,
                raw: raw.to_string(),
            }),
        },
        Rule::Seconds(min, max) => {
            let seconds = raw.strip_suffix('s').unwrap_or(raw).trim();
            match seconds.parse::<u64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(Value::from(n)),
                _ => Err(Refusal::NotSeconds {
                    key: name,
                    min,
                    max,
                    raw: raw.to_string(),
                }),
            }
        }
        Rule::OneOf(choices) => choices
            .iter()
            .find(|c| c.eq_ignore_ascii_case(raw))
            .map(|c| Value::from(*c))
            .ok_or_else(|| Refusal::NotOneOf {
                key: name,
                choices: choices.join(", "),
                raw: raw.to_string(),
            }),
        Rule::Text if raw.is_empty() || raw.chars().count() > 64 => {
            Err(Refusal::BadText { key: name })
        }
        Rule::Text => Ok(Value::from(raw)),
    }
}

/// Every key's name, for messages and completion.
pub fn names() -> String {
    KEYS.iter().map(|k| k.name).collect::<Vec<_>>().join(", ")
}

fn closest(name: &str) -> Option<&'static str> {
    KEYS.iter()
        .map(|k| (strsim::jaro_winkler(name, k.name), k.name))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

/// Why `config_value` is not a settings object: a kind, not words (the api room, above this
/// one, says it in the catalogue's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotSettings {
    /// Not JSON: the JSON parser's own words.
    Json(String),
    /// JSON of another type: `null`, `bool`, `number`, `string` or `array`.
    Other(&'static str),
}

/// The JSON type of `v`, by the name the catalogue's `api-why-got` takes.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_setting_is_checked_before_any_request() {
        let (k, v) = assignment("wait_confirm_time=90").unwrap();
        assert_eq!((k.name, v), ("wait_confirm_time", Value::from(90)));
        assert_eq!(
            assignment("keyboard_mouse_ctl=no").unwrap().1,
            Value::Bool(false)
        );
        assert_eq!(
            assignment("audio_and_video=audio_and_video").unwrap().1,
            Value::from("AUDIO_AND_VIDEO")
        );
        for bad in [
            "wait_confirm_time=29",
            "wait_confirm_time=181",
            "x",
            "audio_and_video=VIDEO",
        ] {
            assert!(assignment(bad).is_err(), "{bad}");
        }
        let e = assignment("wait_confirm_tme=60").unwrap_err();
        assert!(
            e.to_string().contains("did you mean wait_confirm_time?"),
            "{e}"
        );
    }

    #[test]
    fn the_object_is_read_leniently_and_keeps_unknown_keys() {
        let s = ShareSettings::parse(
            r#"{"wait_confirm_time":"45","new_key":1,"is_user_confirm_enabled":"true"}"#,
        )
        .unwrap();
        assert_eq!(s.time_to_accept(), Some(45));
        assert_eq!(s.user_must_accept(), Some(true));
        let rows = s.rows();
        assert_eq!(rows.last().unwrap().0, "new_key");
        assert!(ShareSettings::parse("[1]").is_err());
        assert!(ShareSettings::parse("{oops").is_err());
    }
}
