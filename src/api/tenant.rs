//! The calls around a session (docs/WORKSPACE-API.md §9): the tenant's collaboration settings
//! (ShowShareSpaceConfig / UpdateShareSpaceConfig), a desktop's power and login state
//! (ShowDesktopDetail) and a message on the user's screen (SendNotifications). Their answers
//! are read leniently: a field of an unexpected type is kept as it came, never an error.

use reqwest::Method;
use serde::Deserialize;
use serde_json::Value;

use super::answer::{parse, Answered};
use super::client::Client;
use super::error::ApiError;
use crate::auth::signer;
use crate::domain::share::{NotSettings, ShareSettings, CONFIG_NAME};
use crate::domain::DesktopId;
use crate::messages::msg;

/// ShowShareSpaceConfig's answer: `config_value` is a JSON object inside a string.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ShareSpaceConfig {
    pub config_name: Option<Value>,
    pub config_value: Option<Value>,
}

impl ShareSpaceConfig {
    /// The object's text: a string as documented, or an object sent as one (lenient).
    pub fn value_text(&self) -> Option<String> {
        match self.config_value.as_ref()? {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        }
    }
}

/// ShowDesktopDetail's answer, `{"desktop": {…}}`: only the state `start` looks at.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct DesktopDetail {
    pub desktop: DesktopState,
}

/// A desktop's power and login state; every field may be absent or of another type.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct DesktopState {
    pub status: Option<Value>,
    pub login_status: Option<Value>,
    pub in_maintenance_mode: Option<Value>,
    pub task_status: Option<Value>,
}

impl DesktopState {
    pub fn status(&self) -> Option<String> {
        text(self.status.as_ref())
    }

    pub fn login_status(&self) -> Option<String> {
        text(self.login_status.as_ref())
    }

    pub fn task_status(&self) -> Option<String> {
        text(self.task_status.as_ref())
    }

    /// The four fields as `show --detail -o json` prints them: as the cloud sent them, null
    /// when it did not.
    pub fn json(&self) -> Value {
        let field = |v: &Option<Value>| v.clone().unwrap_or(Value::Null);
        serde_json::json!({
            "status": field(&self.status),
            "login_status": field(&self.login_status),
            "in_maintenance_mode": field(&self.in_maintenance_mode),
            "task_status": field(&self.task_status),
        })
    }

    /// `true`, `"true"` or `1` is in maintenance.
    pub fn in_maintenance(&self) -> Option<bool> {
        match self.in_maintenance_mode.as_ref()? {
            Value::Bool(b) => Some(*b),
            Value::String(s) => s.parse().ok(),
            Value::Number(n) => n.as_u64().map(|n| n != 0),
            _ => None,
        }
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// SendNotifications's answer.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Job {
    pub job_id: Option<Value>,
}

impl Client {
    /// GET the tenant's collaboration settings.
    pub fn share_space_config(&self) -> Result<Answered<ShareSpaceConfig>, ApiError> {
        let query = [("name".to_string(), CONFIG_NAME.to_string())];
        let url = self.url(&self.settings_path(), &query)?;
        let answer = self.execute(Method::GET, &url, &query)?;
        let value = parse(&answer)?;
        Ok(answer.answered(value))
    }

    /// PUT the whole settings object back (`text` is its JSON); the answer's body is not read.
    pub fn update_share_space_config(&self, text: &str) -> Result<Answered<()>, ApiError> {
        let body = serde_json::json!({ "config_name": CONFIG_NAME, "config_value": text });
        let url = self.url(&self.settings_path(), &[])?;
        let answer = self.execute_body(Method::PUT, &url, &[], body.to_string().as_bytes())?;
        Ok(answer.answered(()))
    }

    /// GET one desktop's detail (its power and login state).
    pub fn desktop_detail(&self, desktop: &DesktopId) -> Result<Answered<DesktopDetail>, ApiError> {
        let mut path = self.desktops_path();
        path.push(desktop.path_segment());
        let url = self.url(&path, &[])?;
        let answer = self.execute(Method::GET, &url, &[])?;
        let value = parse(&answer)?;
        Ok(answer.answered(value))
    }

    /// POST a message to the users of these desktops (never retried once it may have arrived).
    pub fn send_notifications(
        &self,
        desktops: &[DesktopId],
        text: &str,
    ) -> Result<Answered<Job>, ApiError> {
        let ids: Vec<&str> = desktops.iter().map(DesktopId::as_str).collect();
        let body = serde_json::json!({ "desktop_ids": ids, "notifications": text });
        let mut path = self.desktops_path();
        path.push("notifications".to_string());
        let url = self.url(&path, &[])?;
        let answer = self.execute_body(Method::POST, &url, &[], body.to_string().as_bytes())?;
        let value = parse(&answer).unwrap_or_default();
        Ok(answer.answered(value))
    }

    /// `v2/{project_id}/share-space/configuration`, encoded.
    fn settings_path(&self) -> Vec<String> {
        vec![
            "v2".to_string(),
            signer::encode(&self.shared.project_id),
            "share-space".to_string(),
            "configuration".to_string(),
        ]
    }
}

impl Client {
    /// The tenant's settings, `config_value` parsed leniently; a value that is not a JSON
    /// object is a malformed answer (exit 6), quoted.
    pub fn share_settings(&self) -> Result<Answered<ShareSettings>, ApiError> {
        let answered = self.share_space_config()?;
        let text = answered.value.value_text().unwrap_or_default();
        match ShareSettings::parse(&text) {
            Ok(parsed) => Ok(Answered {
                status: answered.status,
                request_id: answered.request_id,
                value: parsed,
            }),
            Err(reason) => Err(ApiError::Malformed {
                status: answered.status,
                reason: msg!("api-why-not-settings").quote("reason", not_settings(reason)),
                body: super::excerpt::excerpt(text.as_bytes()),
                request_id: answered.request_id,
            }),
        }
    }
}

/// Why `config_value` is not a settings object, in the catalogue's words (the JSON parser's
/// own, as it says them).
fn not_settings(reason: NotSettings) -> crate::messages::Message {
    match reason {
        NotSettings::Json(text) => msg!("as-is", text = text),
        NotSettings::Other(kind) => msg!("api-why-got", kind = kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    #[test]
    fn a_config_value_that_is_not_an_object_says_what_it_is() {
        let said = |text: &str| {
            let reason = ShareSettings::parse(text).err().map(not_settings);
            let reason = reason.expect("refused");
            (reason.render_in(Lang::En), reason.render_in(Lang::Zh))
        };
        let array = (
            "expected a JSON object, got an array".to_string(),
            "应为 JSON 对象，实际是数组".to_string(),
        );
        assert_eq!(said("[1]"), array);
        assert_eq!(said("null").1, "应为 JSON 对象，实际是空值（null）");
        let (en, zh) = said("{oops");
        assert_eq!(en, zh, "the JSON parser's own words, as they are");
    }
}
