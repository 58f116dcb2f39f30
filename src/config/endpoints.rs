//! Endpoints: the region tables of Workspace and IAM, and what an endpoint URL may be.

use reqwest::Url;

pub use crate::api::is_loopback;

use super::error::ConfigError;
use super::file::closest;
use crate::messages::{msg, Message};

/// Regions with a Workspace endpoint (docs/WORKSPACE-API.md §3): the SDK's table, then the
/// API reference's.
pub const REGIONS: &[&str] = &[
    "cn-east-3",
    "cn-north-4",
    "cn-south-1",
    "cn-southwest-2",
    "la-south-2",
    "sa-brazil-1",
    "la-north-2",
    "ap-southeast-3",
    "cn-north-9",
    "ap-southeast-1",
    "cn-east-5",
    "me-east-1",
    "af-south-1",
    "tr-west-1",
    "cn-north-11",
    "af-north-1",
    "ap-southeast-2",
    "eu-west-101",
    // Not in the SDK 3.1.219 table, but the API reference's "Before You Start" page lists
    // `workspace.na-mexico-1.myhuaweicloud.com`.
    "na-mexico-1",
];

/// Regions with a regional IAM endpoint (docs/WORKSPACE-API.md §3); others use the global one.
pub const IAM_REGIONS: &[&str] = &[
    "cn-north-1",
    "cn-north-2",
    "cn-north-4",
    "cn-east-2",
    "cn-east-3",
    "cn-south-1",
    "cn-south-2",
    "cn-southwest-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "af-south-1",
    "sa-brazil-1",
    "la-south-2",
    "na-mexico-1",
    "la-north-2",
    "cn-north-9",
    "eu-west-0",
    "my-kualalumpur-1",
    "ru-moscow-1",
    "me-east-1",
    "ap-southeast-4",
    "ae-ad-1",
    "cn-east-4",
    "cn-east-5",
    "tr-west-1",
    "cn-north-12",
];

/// IAM for a region: regional where one exists, else global.
pub fn iam_for_region(region: Option<&str>) -> Url {
    let text = match region {
        Some(r) if IAM_REGIONS.contains(&r) => format!("https://iam.{r}.myhuaweicloud.com"),
        _ => "https://iam.myhuaweicloud.com".to_string(),
    };
    // Built from a fixed pattern and a region from a fixed list: always a valid URL.
    Url::parse(&text).unwrap_or_else(|_| unreachable!("fixed IAM URL {text}"))
}

/// The endpoint: explicit, else from the region's table entry; https unless loopback.
pub fn endpoint_url(
    endpoint: Option<&str>,
    region: Option<&str>,
    place: &str,
) -> Result<Url, ConfigError> {
    let text = match (endpoint, region) {
        (Some(e), _) => e.to_string(),
        (None, Some(r)) if REGIONS.contains(&r) => {
            format!("https://workspace.{r}.myhuaweicloud.com")
        }
        (None, Some(r)) => {
            return Err(ConfigError::invalid(
                msg!("err-config-unknown-region", region = r, place = place),
                match closest(r, REGIONS) {
                    Some(s) => msg!(
                        "hint-config-region-like",
                        region = s,
                        regions = REGIONS.join(", ")
                    ),
                    None => msg!("hint-config-regions", regions = REGIONS.join(", ")),
                },
            ))
        }
        (None, None) => {
            return Err(ConfigError::invalid(
                msg!("err-config-no-region", place = place),
                msg!("hint-config-no-region"),
            ))
        }
    };
    parse_endpoint(&text)
}

pub fn parse_endpoint(text: &str) -> Result<Url, ConfigError> {
    parse_endpoint_allowing(text, false)
}

/// Like `parse_endpoint`; `allow_http` (a profile's explicit choice) also admits plain http
/// to hosts that are not loopback.
pub fn parse_endpoint_allowing(text: &str, allow_http: bool) -> Result<Url, ConfigError> {
    let bad = |why: Message| {
        let endpoint = crate::text::snippet(text, 100);
        ConfigError::invalid(
            msg!("err-config-bad-endpoint", endpoint = endpoint).quote("why", why),
            msg!("hint-config-bad-endpoint"),
        )
    };
    // The URL parser's own words, as it says them.
    let url = Url::parse(text).map_err(|e| bad(msg!("as-is", text = e)))?;
    if url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(bad(msg!("endpoint-why-extras")));
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) || allow_http => Ok(url),
        "http" => Err(bad(msg!("endpoint-why-plain-http"))),
        _ => Err(bad(msg!("endpoint-why-scheme"))),
    }
}
