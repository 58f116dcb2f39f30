//! Credentials where the official Huawei Cloud SDKs look for them: `HUAWEICLOUD_SDK_*`
//! variables and the `[basic]` section of `~/.huaweicloud/credentials` (with `[DEFAULT]`).

use std::path::{Path, PathBuf};

use super::error::ConfigError;
use super::ini::Ini;
use super::source::Source;
use crate::auth::source::SecretSource;
use crate::messages::{msg, os_error, Message};
use crate::secret::Secret;

/// AK/SK found where the official SDKs keep them.
pub struct Found {
    /// Said once the credentials are used (a credentials file others can read).
    pub warning: Option<Message>,
    pub origin: Source,
    pub ak: String,
    pub sk: SecretSource,
    pub security_token: Option<SecretSource>,
    pub project_id: Option<String>,
    pub iam_endpoint: Option<String>,
}

pub const ENV_AK: &str = "HUAWEICLOUD_SDK_AK";
pub const ENV_SK: &str = "HUAWEICLOUD_SDK_SK";
pub const ENV_SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";
pub const ENV_PROJECT_ID: &str = "HUAWEICLOUD_SDK_PROJECT_ID";
pub const ENV_IAM_ENDPOINT: &str = "HUAWEICLOUD_SDK_IAM_ENDPOINT";
pub const ENV_CREDENTIALS_FILE: &str = "HUAWEICLOUD_SDK_CREDENTIALS_FILE";

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// AK/SK from the environment, if any of them is set; only one of the pair is an error.
pub fn from_env() -> Result<Option<Found>, ConfigError> {
    let (ak, sk) = (env(ENV_AK), env(ENV_SK));
    if ak.is_none() && sk.is_none() {
        return Ok(None);
    }
    let (Some(ak), Some(sk)) = (ak, sk) else {
        let missing = if env(ENV_AK).is_none() {
            ENV_AK
        } else {
            ENV_SK
        };
        return Err(ConfigError::invalid(
            msg!("err-sdk-half-pair", missing = missing),
            msg!("hint-sdk-half-pair", ak = ENV_AK, sk = ENV_SK),
        ));
    };
    Ok(Some(Found {
        warning: None,
        origin: Source::SdkEnv,
        ak,
        sk: value(sk, ENV_SK),
        security_token: env(ENV_SECURITY_TOKEN).map(|t| value(t, ENV_SECURITY_TOKEN)),
        project_id: env(ENV_PROJECT_ID),
        iam_endpoint: env(ENV_IAM_ENDPOINT),
    }))
}

fn value(v: String, var: &str) -> SecretSource {
    SecretSource::Value {
        value: Secret::new(v),
        origin: Source::Env(var.to_string()).said(),
    }
}

/// The SDK credentials file: `HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else `~/.huaweicloud/credentials`.
pub fn credentials_path() -> Option<(PathBuf, bool)> {
    if let Some(p) = env(ENV_CREDENTIALS_FILE) {
        return Some((PathBuf::from(p), true));
    }
    directories::BaseDirs::new()
        .map(|d| (d.home_dir().join(".huaweicloud").join("credentials"), false))
}

/// The `[basic]` section of the credentials file, if the file exists.
pub fn from_file(path: &Path, explicit: bool) -> Result<Option<Found>, ConfigError> {
    let text = match super::file::read_file(path) {
        Ok((text, _)) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => return Ok(None),
        Err(e) => {
            return Err(ConfigError::invalid(
                msg!("err-sdk-unreadable", path = path.display()).quote("reason", os_error(&e)),
                msg!("hint-sdk-unreadable", variable = ENV_CREDENTIALS_FILE),
            ))
        }
    };
    let ini = Ini::parse(&text).map_err(|e| {
        ConfigError::invalid(
            msg!("err-sdk-line", path = path.display(), line = e.line).quote("reason", e.message),
            msg!("hint-sdk-line"),
        )
    })?;
    let place = msg!("sdk-place", path = path.display());
    let mut values = std::collections::BTreeMap::new();
    for key in ["ak", "sk", "security_token", "project_id", "iam_endpoint"] {
        let value = ini.get("basic", key).map_err(|why| {
            ConfigError::invalid(
                msg!("err-sdk-value", key = key)
                    .quote("place", place.clone())
                    .quote("why", why),
                msg!("hint-sdk-percent"),
            )
        })?;
        if let Some(v) = value
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
        {
            values.insert(key, v);
        }
    }
    let get = |k: &str| values.get(k).map(String::as_str);
    let (ak, sk) = match (get("ak"), get("sk")) {
        (Some(ak), Some(sk)) => (ak.to_string(), sk.to_string()),
        (ak, sk) => {
            let keys = match (ak, sk) {
                (None, None) => msg!("sdk-lacks-both"),
                (None, _) => msg!("as-is", text = "ak"),
                _ => msg!("as-is", text = "sk"),
            };
            return Err(ConfigError::invalid(
                Message::new("err-sdk-lacks")
                    .quote("place", place)
                    .quote("keys", keys),
                msg!("hint-sdk-lacks"),
            ));
        }
    };
    let secret = |v: &str| SecretSource::Value {
        value: Secret::new(v),
        origin: Source::SdkFile(path.to_path_buf()).said(),
    };
    Ok(Some(Found {
        warning: super::file::exposure_warning(path, true),
        origin: Source::SdkFile(path.to_path_buf()),
        ak,
        sk: secret(&sk),
        security_token: get("security_token").map(secret),
        project_id: get("project_id").map(str::to_string),
        iam_endpoint: get("iam_endpoint").map(str::to_string),
    }))
}
