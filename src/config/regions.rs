//! The official SDK's endpoint overrides (docs/WORKSPACE-API.md §7), consulted before the
//! built-in region tables: `HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION>` and the `regions.yaml`
//! file (`HUAWEICLOUD_SDK_REGIONS_FILE`, default `~/.huaweicloud/regions.yaml`).

use std::path::{Path, PathBuf};

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::{Yaml, YamlLoader};

use super::error::ConfigError;
use super::source::Source;
use crate::messages::{msg, os_error, Message};

pub const ENV_REGIONS_FILE: &str = "HUAWEICLOUD_SDK_REGIONS_FILE";

/// An endpoint the SDK's overrides give for a service in a region, and where it was found.
pub struct Override {
    pub endpoint: String,
    pub source: Source,
}

/// `HUAWEICLOUD_SDK_REGION_WORKSPACE_CN_NORTH_4`: the service and the region upper-cased,
/// `-` as `_`.
pub fn env_name(service: &str, region: &str) -> String {
    format!(
        "HUAWEICLOUD_SDK_REGION_{}_{}",
        service.to_ascii_uppercase(),
        region.replace('-', "_").to_ascii_uppercase()
    )
}

/// The environment variable first, then the regions file, as the SDK's provider chain.
/// Several endpoints (comma-separated, or a list) are allowed there: the first is used.
pub fn lookup(service: &str, region: &str) -> Result<Option<Override>, ConfigError> {
    let name = env_name(service, region);
    if let Some(first) = std::env::var(&name).ok().as_deref().and_then(first_of) {
        return Ok(Some(Override {
            endpoint: first,
            source: Source::Env(name),
        }));
    }
    let Some(path) = regions_file() else {
        return Ok(None);
    };
    let text = match super::file::read_file(&path) {
        Ok((text, _)) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(bad_file(&path, os_error(&e))),
    };
    Ok(from_yaml(&text, service, region)
        .map_err(|why| bad_file(&path, why))?
        .map(|endpoint| Override {
            endpoint,
            source: Source::RegionsFile {
                path: path.clone(),
                service: service.to_ascii_uppercase(),
                region: region.to_string(),
            },
        }))
}

fn first_of(list: &str) -> Option<String> {
    list.split(',')
        .map(str::trim)
        .find(|e| !e.is_empty())
        .map(str::to_string)
}

fn regions_file() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(ENV_REGIONS_FILE).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::BaseDirs::new().map(|d| d.home_dir().join(".huaweicloud").join("regions.yaml"))
}

/// The file cannot be used, and why: the system's words, the YAML parser's text, or ours.
fn bad_file(path: &Path, why: Message) -> ConfigError {
    ConfigError::invalid(
        msg!("err-regions-file", path = path.display()).quote("why", why),
        msg!("hint-regions-file", variable = ENV_REGIONS_FILE),
    )
}

/// Nodes a regions file may expand to through its aliases: far above any real file (a few
/// thousand), far below what a "billion laughs" file asks the loader to build.
const NODE_LIMIT: u64 = 100_000;

/// Counts the nodes the loader would build, aliases expanded, from the parser's events (which
/// never expand them) and refuses a file past [`NODE_LIMIT`] before anything is built.
/// The YAML parser's own words are quoted as they are.
fn check_expansion(text: &str) -> Result<(), Message> {
    let mut parser = Parser::new_from_str(text);
    let mut sizes: HashMap<usize, u64> = HashMap::new();
    // Each open sequence or mapping: its anchor, and the nodes in it so far.
    let mut open: Vec<(usize, u64)> = Vec::new();
    let mut built: u64 = 0;
    loop {
        let (event, _) = parser.next_token().map_err(|e| msg!("as-is", text = e))?;
        let done = match event {
            Event::StreamEnd => return Ok(()),
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                built += 1;
                open.push((anchor, 1));
                None
            }
            Event::SequenceEnd | Event::MappingEnd => open.pop(),
            Event::Scalar(_, _, anchor, _) => {
                built += 1;
                Some((anchor, 1))
            }
            Event::Alias(id) => {
                let size = sizes.get(&id).copied().unwrap_or(1);
                built = built.saturating_add(size);
                Some((0, size))
            }
            _ => None,
        };
        if built > NODE_LIMIT {
            return Err(msg!("regions-why-bomb", limit = NODE_LIMIT));
        }
        if let Some((anchor, size)) = done {
            if anchor > 0 {
                sizes.insert(anchor, size);
            }
            if let Some(parent) = open.last_mut() {
                parent.1 = parent.1.saturating_add(size);
            }
        }
    }
}

/// The SDK's layout: `SERVICE: [{id: REGION, endpoint: URL, endpoints: [URL, …]}, …]`, the
/// service name in any case; `endpoints` come before `endpoint`.
fn from_yaml(text: &str, service: &str, region: &str) -> Result<Option<String>, Message> {
    check_expansion(text)?;
    let docs = YamlLoader::load_from_str(text).map_err(|e| msg!("as-is", text = e))?;
    let Some(Yaml::Hash(services)) = docs.into_iter().next() else {
        return Ok(None);
    };
    let regions = services.iter().find_map(|(k, v)| {
        k.as_str()
            .filter(|k| k.eq_ignore_ascii_case(service))
            .map(|_| v)
    });
    let Some(Yaml::Array(regions)) = regions else {
        return Ok(None);
    };
    let Some(entry) = regions.iter().find(|r| r["id"].as_str() == Some(region)) else {
        return Ok(None);
    };
    let listed = match &entry["endpoints"] {
        Yaml::Array(list) => list
            .iter()
            .filter_map(Yaml::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    };
    let single = entry["endpoint"].as_str().map(str::to_string);
    Ok(listed
        .into_iter()
        .chain(single)
        .map(|e| e.trim().to_string())
        .find(|e| !e.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "
WorkSpace:
  - id: cn-north-4
    endpoint: https://ws-private.example.com
  - id: cn-east-3
    endpoints:
      - https://first.example.com
      - https://second.example.com
    endpoint: https://last.example.com
IAM:
  - id: cn-north-4
    endpoint: https://iam-private.example.com
";

    #[test]
    fn the_sdk_layout_any_case_endpoints_first() {
        let get = |s, r| from_yaml(FILE, s, r).unwrap();
        assert_eq!(
            get("WORKSPACE", "cn-north-4").as_deref(),
            Some("https://ws-private.example.com")
        );
        assert_eq!(
            get("WORKSPACE", "cn-east-3").as_deref(),
            Some("https://first.example.com")
        );
        assert_eq!(
            get("IAM", "cn-north-4").as_deref(),
            Some("https://iam-private.example.com")
        );
        assert_eq!(get("WORKSPACE", "cn-south-1"), None);
        assert_eq!(get("ECS", "cn-north-4"), None);
        assert!(from_yaml("a: [", "WORKSPACE", "x").is_err());
        assert_eq!(from_yaml("", "WORKSPACE", "x").unwrap(), None);
    }

    #[test]
    fn aliases_expand_within_a_limit_and_a_bomb_is_refused() {
        let shared = "a: &e [https://x.example.com]\nWORKSPACE:\n  - id: r\n    endpoints: *e\n";
        assert_eq!(
            from_yaml(shared, "WORKSPACE", "r").unwrap().as_deref(),
            Some("https://x.example.com")
        );
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..10 {
            let prev = (b'a' + level - 1) as char;
            let name = (b'a' + level) as char;
            let refs = vec![format!("*{prev}"); 10].join(", ");
            bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        let e = from_yaml(&bomb, "WORKSPACE", "r").unwrap_err().to_string();
        assert!(e.contains("more than 100000 nodes"), "{e}");
    }

    #[test]
    fn env_names_and_lists() {
        assert_eq!(
            env_name("workspace", "cn-north-4"),
            "HUAWEICLOUD_SDK_REGION_WORKSPACE_CN_NORTH_4"
        );
        assert_eq!(
            first_of(" , https://a, https://b").as_deref(),
            Some("https://a")
        );
    }
}
