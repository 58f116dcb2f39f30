//! Where a setting came from (`Source`), values that carry it (`Sourced`), and what the
//! command line and the `ASSIST_*` variables ask for (`Overrides`), the top layer of the
//! precedence flag > env > profile > default.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::messages::{msg, Message};
use crate::output::{ColorWhen, OutputFormat};

/// The built-in defaults, each written once: the command line shows them in its help and
/// resolution uses the same values.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The default of `--timeout`, and the most a single request of a waiting command takes.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Where a value came from; `config show`, `-v` and messages say it (its `Display`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A flag on the command line, by its long name: `flag --region`.
    Flag(String),
    /// An environment variable (`ASSIST_*`, or one of the SDK's): `env ASSIST_REGION`.
    Env(String),
    /// A profile of the config file: `profile "prod" in PATH`.
    Profile { name: String, path: PathBuf },
    /// The config file's `default_profile` key.
    DefaultProfile(PathBuf),
    /// The profile name used when the file names no default: `default`.
    BuiltinName,
    /// The SDK's `HUAWEICLOUD_SDK_*` credentials variables, as a whole.
    SdkEnv,
    /// The SDK's credentials file.
    SdkFile(PathBuf),
    /// The SDK's `regions.yaml`, for a service in a region.
    RegionsFile {
        path: PathBuf,
        service: String,
        region: String,
    },
    /// The endpoint the region implies: `region cn-north-4`.
    Region(String),
    /// The IAM endpoint the region implies.
    RegionIam,
    /// The project ID IAM gives for the region.
    Iam,
    /// The built-in `demo` profile.
    Demo,
    /// Nothing set it.
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(name) => write!(f, "flag --{name}"),
            Source::Env(var) => write!(f, "env {var}"),
            Source::Profile { name, path } => {
                write!(f, "profile \"{name}\" in {}", path.display())
            }
            Source::DefaultProfile(path) => write!(f, "default_profile in {}", path.display()),
            Source::BuiltinName => f.write_str("the built-in default name"),
            Source::SdkEnv => f.write_str("the environment (HUAWEICLOUD_SDK_*)"),
            Source::SdkFile(path) => write!(f, "the SDK credentials file {}", path.display()),
            Source::RegionsFile {
                path,
                service,
                region,
            } => write!(f, "{} (`{service}` of {region})", path.display()),
            Source::Region(region) => write!(f, "region {region}"),
            Source::RegionIam => f.write_str("the region's IAM"),
            Source::Iam => f.write_str("IAM"),
            Source::Demo => f.write_str("the built-in demo profile"),
            Source::Default => f.write_str("default"),
        }
    }
}

impl Source {
    /// Where it came from, in the run's language for a person; `Display` stays the English
    /// that JSON (data) carries.
    pub fn said(&self) -> Message {
        match self {
            Source::Flag(name) => msg!("src-flag", name = name),
            Source::Env(var) => msg!("src-env", var = var),
            Source::Profile { name, path } => {
                msg!("src-profile", name = name, path = path.display())
            }
            Source::DefaultProfile(path) => msg!("src-default-profile", path = path.display()),
            Source::BuiltinName => msg!("src-builtin-name"),
            Source::SdkEnv => msg!("src-sdk-env"),
            Source::SdkFile(path) => msg!("src-sdk-file", path = path.display()),
            Source::RegionsFile {
                path,
                service,
                region,
            } => msg!(
                "src-regions-file",
                path = path.display(),
                service = service,
                region = region
            ),
            Source::Region(region) => msg!("src-region", region = region),
            Source::RegionIam => msg!("src-region-iam"),
            Source::Iam => msg!("src-iam"),
            Source::Demo => msg!("src-demo"),
            Source::Default => msg!("src-default"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Source,
}

pub fn sourced<T>(value: T, source: Source) -> Sourced<T> {
    Sourced { value, source }
}

/// What the command line and the `ASSIST_*` variables say, each value with its source (a
/// flag or a variable): built by `cli` from clap's matches; config never sees clap.
#[derive(Debug, Clone)]
pub struct Overrides {
    pub profile: Option<Sourced<String>>,
    pub config: Option<Sourced<PathBuf>>,
    pub output: Option<Sourced<OutputFormat>>,
    pub region: Option<Sourced<String>>,
    pub project_id: Option<Sourced<String>>,
    pub endpoint: Option<Sourced<String>>,
    pub color: ColorWhen,
    pub verbose: u8,
    pub connect_timeout: Duration,
    pub timeout: Sourced<Duration>,
    pub max_attempts: u32,
    /// What the command itself asks of the settings.
    pub command: CommandAsks,
}

/// The options of a command that belong to its settings: resolved with the rest, so that
/// nothing changes the settings once they are built.
#[derive(Debug, Clone, Default)]
pub struct CommandAsks {
    /// `show --show-password`.
    pub show_password: bool,
    /// `--no-headers` of the commands that print tables.
    pub no_headers: bool,
    /// A command that waits (`start`, `watch`): its limits.
    pub waits: Option<Waits>,
}

/// A waiting command's `--deadline`, and its overall limit when neither `--deadline` nor
/// `--timeout` is given.
#[derive(Debug, Clone, Copy, Default)]
pub struct Waits {
    pub deadline: Option<Duration>,
    pub default: Option<Duration>,
}

impl Overrides {
    /// The overall limit of the command and the limit of each of its requests: for a waiting
    /// command `--deadline` if given, else a typed `--timeout` (each request then keeps the
    /// default 30 s, or less; that is what users of `wait` commands expect), else its default.
    pub fn limits(&self) -> (Option<Duration>, Duration) {
        let timeout = self.timeout.value;
        let Some(waits) = self.command.waits else {
            return (None, timeout);
        };
        match waits.deadline {
            Some(d) => (Some(d), timeout),
            None if self.timeout.source != Source::Default => {
                (Some(timeout), timeout.min(DEFAULT_TIMEOUT))
            }
            None => (waits.default, timeout),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(timeout: Sourced<Duration>, waits: Option<Waits>) -> Overrides {
        Overrides {
            profile: None,
            config: None,
            output: None,
            region: None,
            project_id: None,
            endpoint: None,
            color: ColorWhen::Never,
            verbose: 0,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout,
            max_attempts: 3,
            command: CommandAsks {
                waits,
                ..CommandAsks::default()
            },
        }
    }

    #[test]
    fn a_waiting_command_takes_its_deadline_then_a_typed_timeout_then_its_default() {
        let secs = Duration::from_secs;
        let default = sourced(DEFAULT_TIMEOUT, Source::Default);
        let typed = sourced(secs(120), Source::Flag("timeout".into()));
        let start = |deadline| {
            Some(Waits {
                deadline,
                default: Some(secs(600)),
            })
        };
        assert_eq!(
            flags(default.clone(), None).limits(),
            (None, DEFAULT_TIMEOUT)
        );
        assert_eq!(flags(typed.clone(), None).limits(), (None, secs(120)));
        assert_eq!(
            flags(default.clone(), start(Some(secs(9)))).limits(),
            (Some(secs(9)), DEFAULT_TIMEOUT)
        );
        assert_eq!(
            flags(typed.clone(), start(Some(secs(9)))).limits(),
            (Some(secs(9)), secs(120))
        );
        assert_eq!(
            flags(typed, start(None)).limits(),
            (Some(secs(120)), DEFAULT_TIMEOUT)
        );
        let short = sourced(secs(2), Source::Flag("timeout".into()));
        assert_eq!(flags(short, start(None)).limits(), (Some(secs(2)), secs(2)));
        assert_eq!(
            flags(default, start(None)).limits(),
            (Some(secs(600)), DEFAULT_TIMEOUT)
        );
    }

    #[test]
    fn sources_read_as_before() {
        assert_eq!(
            Source::Flag("project-id".into()).to_string(),
            "flag --project-id"
        );
        assert_eq!(
            Source::Env("ASSIST_REGION".into()).to_string(),
            "env ASSIST_REGION"
        );
        let path = PathBuf::from("/c.toml");
        let profile = Source::Profile {
            name: "prod".into(),
            path: path.clone(),
        };
        assert_eq!(profile.to_string(), "profile \"prod\" in /c.toml");
        assert_eq!(
            Source::DefaultProfile(path).to_string(),
            "default_profile in /c.toml"
        );
        assert_eq!(Source::Default.to_string(), "default");
    }
}
