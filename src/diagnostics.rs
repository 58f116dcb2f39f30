//! What the user can do about an error: the `hint:` line under its message. The HTTP layer,
//! the state file and secret sources only describe what happened; the advice is decided here.

use crate::api::{ApiError, NetKind};
use crate::auth::source::SecretError;
use crate::config::file::PROFILE_KEYS;
use crate::config::{ConfigError, DEMO_PROFILE};
use crate::engine::StateError;
use crate::outcome::Failure;

/// The hint of the first part of the error's chain that has one.
pub fn hint(err: &anyhow::Error) -> Option<String> {
    err.chain().find_map(|cause| {
        if let Some(f) = cause.downcast_ref::<Failure>() {
            return f.hint.clone();
        }
        if let Some(c) = cause.downcast_ref::<ConfigError>() {
            return config_hint(c);
        }
        if let Some(s) = cause.downcast_ref::<StateError>() {
            return Some(state_hint(s).to_string());
        }
        if cause.is::<crate::audit::LogError>() {
            return Some("fix the file or its directory (or `audit_log = \"/path\"` in the profile); `--no-audit` makes the change unrecorded".into());
        }
        if cause.is::<SecretError>() {
            return Some("fix the command or file named in the profile (run the command by hand to see what it does)".into());
        }
        cause.downcast_ref::<ApiError>().and_then(api_hint)
    })
}

fn config_hint(e: &ConfigError) -> Option<String> {
    match e {
        ConfigError::Missing { path, .. } => Some(format!(
            "create it with `assist config init`, or from config.example.toml (see README \"Configuration\"): mkdir -p {} && cp config.example.toml {}; \
             credentials in HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK or ~/.huaweicloud/credentials also work; \
             or try the built-in simulator: assist --profile demo show a130ab3a-72bf-4b71-baa9-af4987c8e338",
            path.parent().map(|p| p.display().to_string()).unwrap_or_default(),
            path.display()
        )),
        ConfigError::UnknownKey { suggestion: Some(s), .. } => Some(format!("did you mean `{s}`?")),
        ConfigError::UnknownKey { .. } => {
            Some(format!("known profile keys: {}", PROFILE_KEYS.join(", ")))
        }
        ConfigError::UnknownProfile { known, .. } => Some(format!(
            "profiles defined there: {}; plus the built-in \"{DEMO_PROFILE}\"",
            if known.is_empty() { "(none)".to_string() } else { known.join(", ") }
        )),
        ConfigError::Invalid { hint, .. } => hint.clone(),
        _ => None,
    }
}

fn state_hint(e: &StateError) -> &'static str {
    match e {
        StateError::Unusable { .. } => {
            "point --state at a file in a directory that exists and that this user can write"
        }
        StateError::Busy { .. } => {
            "give each watch its own --state file, or let the other run finish"
        }
    }
}

fn api_hint(e: &ApiError) -> Option<String> {
    let code = e.error_code().unwrap_or("");
    let text = match (e, e.status()) {
        (_, Some(401)) if code.ends_with(".0303") => {
            "the request's clock is more than 15 minutes off the cloud's: fix this machine's time (e.g. `timedatectl set-ntp true`)"
        }
        (_, Some(401)) => {
            "the cloud rejected the credentials: check those of the profile in use (ak/sk, token, or user/domain/password_command); `assist config check` names the failing step; after five bad AK/SK signatures in a row the AK is locked for 5 minutes"
        }
        (_, Some(403)) if e.has_encoded_authorization_message() => {
            "the credentials are valid but lack permission; the encoded authorization message says which policy denied the request: decode it with STS decode-authorization-message (the API shows the policy and the action that was refused)"
        }
        (_, Some(403)) => {
            "the credentials are valid but lack permission: the IAM user needs workspace:desktops:getRemoteAssistance (read) or create/cancelRemoteAssistance (write)"
        }
        (_, Some(404)) => {
            "check the desktop ID and the project (`--project-id`); `assist desktops` lists the desktops of the project"
        }
        (_, Some(429)) => "the API gateway is throttling: wait a few seconds and try again",
        (ApiError::Status(_), Some(s)) if s >= 500 => {
            "the service failed: try again later; give the request id to support if it persists"
        }
        (ApiError::Malformed { .. } | ApiError::TooLarge { .. }, _) => {
            "the endpoint did not answer like Workspace: check `--endpoint`/`endpoint` and any proxy in between"
        }
        (ApiError::Network { kind: NetKind::Timeout, .. }, _) => {
            "the endpoint is slow or unreachable: check the network, or raise --timeout / --connect-timeout"
        }
        (ApiError::Network { kind: NetKind::Tls, .. }, _) => {
            "the server's certificate is not trusted: check the endpoint's address; a corporate proxy may need its root certificate"
        }
        (ApiError::Network { .. }, _) => {
            "check the endpoint (region, `--endpoint`) and the network; for the simulator, check that `assist sim` is running"
        }
        _ => return None,
    };
    Some(text.to_string())
}
