//! What the tenant and the desktops add around a session (docs/WORKSPACE-API.md §9): the
//! collaboration settings (ShowShareSpaceConfig / UpdateShareSpaceConfig, validated), the
//! desktops' power and login states (ShowDesktopDetail), and the messages sent to them
//! (SendNotifications), kept for the control API and, in the demo, acknowledged by the cast.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::Mutex;

use super::server::lock;

/// The one configuration `assist` reads and writes.
pub const CONFIG_NAME: &str = "share-space-user-conf";
/// The simulator's guess of what a request nobody accepted in time closes with (the real
/// text is unknown: docs/WORKSPACE-API.md §8).
pub const CONSENT_TIMED_OUT: &str =
    "The end user did not accept the remote assistance request in time (timed out).";
/// The longest message the simulator takes, in characters (the real limit is unknown).
pub const MAX_NOTIFICATION: usize = 1024;
/// The most desktops one SendNotifications call names.
pub const MAX_NOTIFIED: usize = 100;

/// `--settings-api`: whether the tenant's settings API answers (it is in open beta, so a
/// region or a policy may not have it).
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SettingsApi {
    /// GET and PUT work
    #[default]
    Available,
    /// Both are refused with 403 (a policy without getShareSpaceConfig)
    Forbidden,
    /// Both are answered by the gateway's 404 APIGW.0101 (not in this region)
    Absent,
}

/// The settings a new tenant has: the user must accept, within 60 s.
pub fn default_config() -> Map<String, Value> {
    let value = json!({
        "share_space_name": "helpdesk",
        "use_share_password": true,
        "allow_anonymous": false,
        "audio_and_video": "AUDIO",
        "keyboard_mouse_ctl": true,
        "anonymous_input_ctrl": false,
        "is_user_confirm_enabled": true,
        "wait_confirm_time": 60,
    });
    value.as_object().cloned().unwrap_or_default()
}

/// Checks a whole settings object as the service would: known keys typed and in range,
/// unknown keys kept. `Err` is the 400's message.
pub fn validate(config: &Map<String, Value>) -> Result<(), String> {
    for (key, value) in config {
        let ok = match key.as_str() {
            "share_space_name" => value.as_str().is_some_and(|s| s.chars().count() <= 64),
            "use_share_password"
            | "allow_anonymous"
            | "keyboard_mouse_ctl"
            | "anonymous_input_ctrl"
            | "is_user_confirm_enabled" => value.is_boolean(),
            "audio_and_video" => {
                matches!(value.as_str(), Some("AUDIO" | "NONE" | "AUDIO_AND_VIDEO"))
            }
            "wait_confirm_time" => value.as_u64().is_some_and(|n| (30..=180).contains(&n)),
            _ => true,
        };
        if !ok {
            return Err(format!("Invalid value {value} for {key}."));
        }
    }
    Ok(())
}

/// A desktop's state as ShowDesktopDetail adds it, when a test or the demo changed it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DesktopState {
    pub status: Option<String>,
    pub login_status: Option<String>,
    pub in_maintenance_mode: Option<bool>,
    pub task_status: Option<String>,
    /// The user never answers a request (it closes once the tenant's time to accept passes).
    pub silent: Option<bool>,
}

impl DesktopState {
    fn over(&mut self, change: DesktopState) {
        let DesktopState {
            status,
            login_status,
            in_maintenance_mode,
            task_status,
            silent,
        } = change;
        self.status = status.or(self.status.take());
        self.login_status = login_status.or(self.login_status.take());
        self.in_maintenance_mode = in_maintenance_mode.or(self.in_maintenance_mode);
        self.task_status = task_status.or(self.task_status.take());
        self.silent = silent.or(self.silent);
    }
}

/// One message as a desktop received it (`GET /_sim/notifications`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Received {
    pub desktop_id: String,
    pub text: String,
    pub job_id: String,
    /// The cast read it and came back to their desktop (the demo only).
    pub acknowledged: bool,
}

/// What a demo command saves of the tenant besides the sessions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedTenant {
    pub config: Option<Map<String, Value>>,
    pub states: HashMap<String, DesktopState>,
    pub received: Vec<Received>,
}

/// The tenant's settings, the desktops' changed states and the messages received.
#[derive(Debug, Default)]
pub struct Tenant {
    config: Mutex<Option<Map<String, Value>>>,
    /// A `config_value` served as it is instead of the object (to play a malformed one).
    raw: Mutex<Option<String>>,
    states: Mutex<HashMap<String, DesktopState>>,
    received: Mutex<Vec<Received>>,
}

impl Tenant {
    /// The settings object as it is stored now.
    pub fn config(&self) -> Map<String, Value> {
        lock(&self.config).clone().unwrap_or_else(default_config)
    }

    /// Replaces the whole object (the PUT and the control API both write it whole).
    pub fn set_config(&self, config: Map<String, Value>) {
        *lock(&self.config) = Some(config);
        *lock(&self.raw) = None;
    }

    /// `config_value` as GET sends it: the object's text, or the raw text a test set.
    pub fn config_text(&self) -> String {
        match lock(&self.raw).clone() {
            Some(raw) => raw,
            None => Value::Object(self.config()).to_string(),
        }
    }

    /// From now on GET sends this `config_value`, whatever it is.
    pub fn set_raw(&self, raw: String) {
        *lock(&self.raw) = Some(raw);
    }

    /// The tenant's time to accept when the user must accept, in seconds.
    pub fn consent_limit(&self) -> Option<u64> {
        let config = self.config();
        let enabled = config
            .get("is_user_confirm_enabled")
            .and_then(Value::as_bool);
        match enabled {
            Some(false) => None,
            _ => Some(
                config
                    .get("wait_confirm_time")
                    .and_then(Value::as_u64)
                    .unwrap_or(60),
            ),
        }
    }

    pub fn state(&self, desktop: &str) -> DesktopState {
        lock(&self.states).get(desktop).cloned().unwrap_or_default()
    }

    /// Lays `change` over the desktop's state (absent fields stay as they were).
    pub fn change_state(&self, desktop: &str, change: DesktopState) {
        lock(&self.states)
            .entry(desktop.to_string())
            .or_default()
            .over(change);
    }

    /// Records a message for each desktop; with `acknowledge` (the demo's cast), a user who
    /// had left an active desktop reads it and comes back.
    pub fn receive(&self, desktops: &[String], text: &str, job_id: &str, cast: Cast<'_>) {
        for desktop in desktops {
            let away = matches!(
                cast.login(desktop).as_deref(),
                Some("DISCONNECTED" | "REGISTERED")
            );
            let acknowledged = cast.acknowledges && away && cast.active(desktop);
            if acknowledged {
                let back = DesktopState {
                    login_status: Some("CONNECTED".into()),
                    ..DesktopState::default()
                };
                self.change_state(desktop, back);
            }
            lock(&self.received).push(Received {
                desktop_id: desktop.clone(),
                text: text.to_string(),
                job_id: job_id.to_string(),
                acknowledged,
            });
        }
    }

    pub fn received(&self) -> Vec<Received> {
        lock(&self.received).clone()
    }

    pub fn save(&self) -> SavedTenant {
        SavedTenant {
            config: lock(&self.config).clone(),
            states: lock(&self.states).clone(),
            received: self.received(),
        }
    }

    pub fn restore(&self, saved: SavedTenant) {
        *lock(&self.config) = saved.config;
        *lock(&self.states) = saved.states;
        *lock(&self.received) = saved.received;
    }
}

impl SavedTenant {
    /// What `self` changed since `base`, over what another demo command saved meanwhile.
    pub fn merged(self, base: &SavedTenant, mut current: SavedTenant) -> SavedTenant {
        if self.config != base.config {
            current.config = self.config;
        }
        for (id, mine) in self.states {
            if base.states.get(&id) != Some(&mine) {
                current.states.insert(id, mine);
            }
        }
        let new = self.received.into_iter().skip(base.received.len());
        current.received.extend(new);
        current
    }
}

/// What the cast needs to know to answer a message: each desktop's login state and power.
pub struct Cast<'a> {
    pub acknowledges: bool,
    pub login: &'a dyn Fn(&str) -> Option<String>,
    pub power: &'a dyn Fn(&str) -> Option<String>,
}

impl Cast<'_> {
    fn login(&self, desktop: &str) -> Option<String> {
        (self.login)(desktop)
    }

    fn active(&self, desktop: &str) -> bool {
        (self.power)(desktop).as_deref() == Some("ACTIVE")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_service_checks_known_keys_and_keeps_unknown_ones() {
        let mut config = default_config();
        assert_eq!(validate(&config), Ok(()));
        config.insert("future_key".into(), json!({"any": "thing"}));
        assert_eq!(validate(&config), Ok(()));
        for (key, bad) in [
            ("wait_confirm_time", json!(29)),
            ("wait_confirm_time", json!(181)),
            ("wait_confirm_time", json!("60")),
            ("keyboard_mouse_ctl", json!("yes")),
            ("audio_and_video", json!("VIDEO")),
        ] {
            let mut c = default_config();
            c.insert(key.into(), bad.clone());
            assert!(validate(&c).is_err(), "{key}={bad}");
        }
    }

    #[test]
    fn a_merge_keeps_the_settings_and_messages_of_both_commands() {
        let base = SavedTenant::default();
        let mut mine = SavedTenant::default();
        mine.received.push(Received {
            desktop_id: "a".into(),
            text: "hi".into(),
            job_id: "j1".into(),
            acknowledged: false,
        });
        let mut theirs = SavedTenant {
            config: Some(default_config()),
            ..SavedTenant::default()
        };
        theirs.received.push(Received {
            desktop_id: "b".into(),
            text: "ho".into(),
            job_id: "j2".into(),
            acknowledged: false,
        });
        let merged = mine.merged(&base, theirs);
        assert_eq!(merged.config, Some(default_config()));
        assert_eq!(merged.received.len(), 2);
    }
}
