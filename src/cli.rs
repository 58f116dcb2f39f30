//! The command line, as clap derive types: commands, flags, environment fallbacks, help texts.

use std::path::PathBuf;
use std::time::Duration;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use clap_complete::Shell;

use crate::config::Overrides;
use crate::domain::Status;
use crate::output::{ColorWhen, OutputFormat};

const WORKFLOW: &str = "\
Workflow (select a desktop by ID, or by --name, --user or --ip):
  assist start --user alice --wait    ask the user, wait for the space to OPEN
  assist show --user alice -o code    print the invitation code to join it
  assist cancel --user alice          close the session when you are done

`assist desktops --user alice` lists the desktops a selector would match;
`assist sessions` lists every open or pending session of the project.
Try it without an account: assist --profile demo show --name FIN-PC-042";

/// Remote assistance for Huawei Cloud Workspace desktops, from the helpdesk's terminal.
#[derive(Debug, Parser)]
#[command(name = "assist", version = version(), after_help = WORKFLOW, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// `0.1.0 (3e14cc5 2026-11-28)`: the commit and its date when built from a git checkout
/// (build.rs), else the plain version.
fn version() -> String {
    let version = env!("CARGO_PKG_VERSION");
    match option_env!("ASSIST_BUILD_INFO") {
        Some(commit) => format!("{version} ({commit})"),
        None => version.to_string(),
    }
}

/// Options every command takes; each also comes from the environment (flag > env > profile).
/// Their own heading puts a command's own options first in its help.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Profile to use [env: ASSIST_PROFILE] [default: `default_profile` of the file, else
    /// "default"; "demo" is built in]
    #[arg(long, global = true, value_name = "NAME", add = ArgValueCompleter::new(complete_profile))]
    pub profile: Option<String>,

    /// Config file [env: ASSIST_CONFIG] [default: the platform config dir, e.g.
    /// ~/.config/assist/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// How to render results [env: ASSIST_OUTPUT] [default: the profile's `output`, else table]
    #[arg(short, long, global = true, value_enum)]
    pub output: Option<OutputFormat>,

    /// Region, overriding the profile's (selects https://workspace.<region>.myhuaweicloud.com)
    /// [env: ASSIST_REGION]
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,

    /// Project ID, overriding the profile's [env: ASSIST_PROJECT_ID]
    #[arg(long, global = true, value_name = "ID")]
    pub project_id: Option<String>,

    /// Workspace endpoint URL, overriding the region's (private endpoints, the simulator)
    /// [env: ASSIST_ENDPOINT]
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint: Option<String>,

    /// When to use colour (NO_COLOR is honoured by `auto`)
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Show requests on stderr (-vv: also headers); secrets are always redacted
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Limit for establishing a connection, like 500ms, 5s
    #[arg(long, global = true, value_parser = parse_duration,
          default_value = shown(DEFAULT_CONNECT_TIMEOUT), value_name = "DURATION")]
    pub connect_timeout: Duration,

    /// Limit for one whole request, like 30s, 2m (for watch and start --wait without
    /// --deadline, also the overall limit)
    #[arg(long, global = true, value_parser = parse_duration,
          default_value = shown(DEFAULT_TIMEOUT), value_name = "DURATION")]
    pub timeout: Duration,

    /// Attempts per request for transient failures (GET/DELETE; POST only if never sent)
    #[arg(long, global = true, default_value_t = 3, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=10))]
    pub max_attempts: u32,

    /// Which options came from the environment rather than a flag (filled after parsing).
    #[arg(skip)]
    pub from_env: Vec<String>,

    /// Whether `--timeout` was typed (filled after parsing): waiting commands then take it
    /// as their overall limit, the way users of `wait` commands expect.
    #[arg(skip)]
    pub timeout_given: bool,
}

impl GlobalArgs {
    /// What the flags and `ASSIST_*` variables said, as plain values for `config`.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            profile: self.profile.clone(),
            config: self.config.clone(),
            output: self.output,
            region: self.region.clone(),
            project_id: self.project_id.clone(),
            endpoint: self.endpoint.clone(),
            color: self.color,
            verbose: self.verbose,
            connect_timeout: self.connect_timeout,
            timeout: self.timeout,
            max_attempts: self.max_attempts,
            from_env: self.from_env.clone(),
        }
    }

    /// Fills what no flag gave from the `ASSIST_*` variables (empty ones count as unset), so
    /// that a flag always wins, even over a malformed variable; remembers which came from
    /// where, and whether `--timeout` was typed.
    pub fn note_sources(&mut self, matches: &clap::ArgMatches) -> Result<(), String> {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let mut from_env = |id: &str, slot: &mut Option<String>| {
            if slot.is_none() {
                if let Some(v) = env(&format!("ASSIST_{}", id.to_ascii_uppercase())) {
                    *slot = Some(v);
                    self.from_env.push(id.to_string());
                }
            }
        };
        from_env("profile", &mut self.profile);
        from_env("region", &mut self.region);
        from_env("project_id", &mut self.project_id);
        from_env("endpoint", &mut self.endpoint);
        let mut config = None;
        from_env("config", &mut config);
        if self.config.is_none() {
            self.config = config.map(PathBuf::from);
        }
        let mut output = None;
        from_env("output", &mut output);
        if let (None, Some(o)) = (self.output, output) {
            self.output = Some(OutputFormat::from_str(&o, true).map_err(|_| {
                format!("invalid value '{o}' for ASSIST_OUTPUT: expected table, json, code or link")
            })?);
        }
        self.timeout_given =
            value_source(matches, "timeout") == Some(clap::parser::ValueSource::CommandLine);
        Ok(())
    }

    /// The overall limit of a waiting command and the limit of each of its requests:
    /// `--deadline` if given, else an explicit `--timeout` (each request then keeps the
    /// default 30 s, or less), else `default`.
    pub fn wait_limits(
        &self,
        deadline: Option<Duration>,
        default: Option<Duration>,
    ) -> (Option<Duration>, Duration) {
        match deadline {
            Some(d) => (Some(d), self.timeout),
            None if self.timeout_given => (Some(self.timeout), self.timeout.min(DEFAULT_TIMEOUT)),
            None => (default, self.timeout),
        }
    }
}

/// The command line as parsed, completed and documented: the global options are hidden from
/// `assist sim`, which runs the simulator and uses none of them.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let cmd = Cli::command();
    // Hidden copies in `sim` itself: clap then does not copy the shown ones into it.
    let Some(sim) = cmd.find_subcommand("sim") else {
        return cmd;
    };
    // Not those the simulator has its own of (`--project-id`).
    let hidden: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .filter(|a| sim.get_arguments().all(|own| own.get_id() != a.get_id()))
        .map(|a| a.clone().hide(true))
        .collect();
    cmd.mut_subcommand("sim", |sim| sim.args(hidden))
}

/// `--profile <TAB>`: the profiles of the config file and `demo`, for the dynamic completion.
fn complete_profile(current: &std::ffi::OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    let config = std::env::var_os("ASSIST_CONFIG")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    crate::config::profile_names(config)
        .into_iter()
        .filter(|name| name.starts_with(current.as_ref()))
        .map(CompletionCandidate::new)
        .collect()
}

/// The built-in defaults, each written once: clap shows them in `--help` (through [`shown`])
/// and the commands use the same values.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The default of `--timeout`, and the most a single request of a waiting command takes.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// How often `start --wait` polls.
pub const START_INTERVAL: Duration = Duration::from_secs(3);
/// How long `start --wait` waits without `--deadline` or `--timeout`.
pub const START_DEADLINE: Duration = Duration::from_secs(600);
/// How often `watch` polls each desktop.
pub const WATCH_INTERVAL: Duration = Duration::from_secs(5);
/// How often `watch --all` lists the project's desktops again.
pub const RELIST_INTERVAL: Duration = Duration::from_secs(600);

/// A default as the user would type it (`30s`, `10m`).
fn shown(d: Duration) -> String {
    crate::units::format_duration(d)
}

/// The source of a global option, looking into the subcommand where clap stored it.
fn value_source(matches: &clap::ArgMatches, id: &str) -> Option<clap::parser::ValueSource> {
    let here = matches.value_source(id);
    match matches.subcommand() {
        Some((_, sub)) => match value_source(sub, id) {
            Some(clap::parser::ValueSource::CommandLine) => {
                Some(clap::parser::ValueSource::CommandLine)
            }
            deeper => here.or(deeper),
        },
        None => here,
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the remote-assistance state and invitation code of one desktop
    #[command(after_help = SHOW_EXAMPLES)]
    Show(ShowArgs),
    /// Ask the end user for remote assistance (POST); --wait waits for the invitation code
    #[command(after_help = START_EXAMPLES)]
    Start(StartArgs),
    /// Close the remote-assistance session of a desktop (DELETE)
    #[command(after_help = CANCEL_EXAMPLES)]
    Cancel(CancelArgs),
    /// Poll one or many desktops and report each change, until a status, a deadline or Ctrl-C
    #[command(after_help = WATCH_EXAMPLES)]
    Watch(WatchArgs),
    /// Where the config is, its profiles, the resolved settings, a guided set-up, a live check
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Find desktops by computer name, user, IP or status (ListDesktops), to learn their IDs
    #[command(after_help = DESKTOPS_EXAMPLES)]
    Desktops(DesktopsArgs),
    /// Every open or pending session of the project (or of a selector), oldest first;
    /// --cancel closes them, --watch keeps a live board
    #[command(after_help = SESSIONS_EXAMPLES)]
    Sessions(SessionsArgs),
    /// The audit log of changes (start, cancel, the user's answers), newest first;
    /// --verify checks its hash chain
    #[command(after_help = LOG_EXAMPLES)]
    Log(LogArgs),
    /// Run the local Workspace simulator (for the demo, tests and trying scripts)
    #[cfg(feature = "sim")]
    #[command(after_help = SIM_EXAMPLES)]
    Sim(Box<assist_sim::SimArgs>),
    /// Not in this build: it was built without the simulator
    #[cfg(not(feature = "sim"))]
    #[command(hide = true, disable_help_flag = true)]
    Sim {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
        ignored: Vec<String>,
    },
    /// Print a shell's completion script (completions then come from assist itself: your
    /// profiles, the statuses, the formats)
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Write the man pages (assist.1 and one per command) into DIR (for packagers; the
    /// repository's man/ holds them)
    #[command(hide = true)]
    Manpages {
        /// Where to write them
        #[arg(value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
        dir: PathBuf,
    },
}

const LOG_EXAMPLES: &str = "\
Examples:
  assist log --desktop a130ab3a-0b4c-4c2a-9d6e-1c2f3a4b5c6d
  assist log --ticket INC-1 -o json
  assist log --since 7d --user alice
  assist log --verify";

const SHOW_EXAMPLES: &str = "\
Examples:
  assist show --name FIN-PC-042
  assist show --user alice -o json | jq -r .status
  code=$(assist show --ip 192.168.0.42 -o code) && echo \"join with $code\"
  assist show --name FIN-PC-042 -o link            # the internet share link
  */5 * * * * assist show \"$ID\" -o json >> /var/log/assist.ndjson  # cron";

const START_EXAMPLES: &str = "\
Examples:
  assist start --user alice --wait
  assist start --user alice --wait --copy          # the code onto the clipboard
  code=$(assist start --name FIN-PC-042 --wait -o code --deadline 5m)
  assist start \"$ID\" -o json | jq -r .share_space_id";

const CANCEL_EXAMPLES: &str = "\
Examples:
  assist cancel --user alice
  assist cancel \"$ID\" || echo \"nothing to cancel (exit $?)\"";

const WATCH_EXAMPLES: &str = "\
Examples:
  assist watch --user alice --until OPEN --deadline 10m
  assist watch --all --relist 5m          # the whole project, new desktops too
  assist desktops --name OPS- -o code | assist watch -o json \\
    | jq -c 'select(.status == \"OPEN\")'
  */5 * * * * assist watch --user alice --once -o json \\
    --state /var/lib/assist/alice.json                   # cron";

const DESKTOPS_EXAMPLES: &str = "\
Examples:
  assist desktops --user alice
  assist desktops --status active -o json \\
    | jq -r '.[] | select(.user_name == \"alice\").desktop_id'
  assist desktops | cut -f1                        # piped: tab-separated
  0 6 * * * assist desktops --name OPS- -o code > /etc/assist/desktops  # cron";

const SESSIONS_EXAMPLES: &str = "\
Examples:
  assist sessions                          # which desktops have one, and since?
  assist sessions --older-than 8h --cancel # close forgotten ones (asks first)
  0 20 * * * assist sessions --older-than 8h --cancel --yes  # nightly sweep
  assist sessions -o json | jq -r '.[] | select(.status == \"OPEN\").desktop_id'
  assist sessions --watch                  # a live board (q quits)";

#[cfg(feature = "sim")]
const SIM_EXAMPLES: &str = "\
Examples:
  assist sim --addr 127.0.0.1:8443
  assist sim > sim.toml &     # the URL first, then a profile to paste";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  echo 'source <(assist completions bash)' >> ~/.bashrc
  echo 'source <(assist completions zsh)' >> ~/.zshrc
  assist completions fish > ~/.config/fish/completions/assist.fish";

/// Desktops named by something other than their ID, resolved through ListDesktops: at most
/// one of the three. Where a command gives a match another meaning, it says so in its own
/// help (`mut_arg`) and, for `desktops`, lets them combine (`mut_group`).
#[derive(Debug, Args, Clone, Default)]
#[group(id = "selector", multiple = false)]
pub struct DesktopSelector {
    /// Select the desktop by computer name (an exact match, any case, wins over partial ones)
    #[arg(long, value_name = "COMPUTER_NAME")]
    pub name: Option<String>,

    /// Select the desktop by user name (an exact match, any case, wins over partial ones)
    #[arg(long, value_name = "USER_NAME")]
    pub user: Option<String>,

    /// Select the desktop by IP address
    #[arg(long, value_name = "IP")]
    pub ip: Option<String>,
}

/// Which desktop a command acts on: exactly one of its ID or a selector.
#[derive(Debug, Args, Clone, Default)]
#[group(skip)]
#[command(group(ArgGroup::new("desktop").required(true).args(["desktop_id", "name", "user", "ip"])))]
pub struct Target {
    /// The desktop's ID (any string of 1-255 characters, sent as one path segment)
    #[arg(value_name = "DESKTOP_ID")]
    pub desktop_id: Option<String>,

    #[command(flatten)]
    pub select: DesktopSelector,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub target: Target,

    /// Reveal the collaborative space's password instead of masking it
    #[arg(long)]
    pub show_password: bool,

    /// Also put the invitation code on the clipboard, through the terminal (OSC 52)
    #[arg(long)]
    pub copy: bool,
}

#[derive(Debug, Args)]
pub struct StartArgs {
    #[command(flatten)]
    pub target: Target,

    /// Then wait until the space is OPEN and print the final record (or just the code)
    #[arg(long)]
    pub wait: bool,

    /// With --wait (or -o code, -o link, which wait): also put the invitation code on the
    /// clipboard, through the terminal (OSC 52)
    #[arg(long)]
    pub copy: bool,

    /// When a session is already open or waiting for the user, cancel it and ask again
    /// (without --new, that session is reported, and waited on with --wait)
    #[arg(long)]
    pub new: bool,

    #[command(flatten)]
    pub audit: AuditArgs,

    /// With --wait: how often to poll (at least 100ms)
    #[arg(long, value_parser = crate::units::parse_interval, default_value = shown(START_INTERVAL), value_name = "DURATION")]
    pub interval: Duration,

    #[arg(long, value_parser = parse_duration, value_name = "DURATION", help = format!(
        "With --wait: give up after this long (exit 8) [default: --timeout when given, else {}]",
        shown(START_DEADLINE)
    ))]
    pub deadline: Option<Duration>,
}

#[derive(Debug, Args)]
pub struct CancelArgs {
    #[command(flatten)]
    pub target: Target,

    #[command(flatten)]
    pub audit: AuditArgs,
}

/// Why a change is made, for the audit log.
#[derive(Debug, Args, Clone, Default)]
pub struct AuditArgs {
    /// The helpdesk ticket this change is for (recorded in the audit log)
    #[arg(long, value_name = "ID")]
    pub ticket: Option<String>,

    /// Why this change is made (recorded in the audit log)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    /// Make the change even though the audit log cannot be written (said on stderr)
    #[arg(long)]
    pub no_audit: bool,
}

/// `log`: the filters combine.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Only actions on this desktop ID
    #[arg(long, value_name = "ID")]
    pub desktop: Option<String>,

    /// Only actions by this local or cloud user (any case, part of the name)
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,

    /// Only actions for this ticket
    #[arg(long, value_name = "ID")]
    pub ticket: Option<String>,

    /// Only actions newer than this, like 7d
    #[arg(long, value_parser = crate::units::parse_age, value_name = "DURATION")]
    pub since: Option<Duration>,

    /// Check each line's hash chain and name the first line that does not follow
    #[arg(long)]
    pub verify: bool,

    /// Tables without their header line
    #[arg(long)]
    pub no_headers: bool,
}

/// `desktops`: the filters combine (a desktop must match all of them).
#[derive(Debug, Args)]
#[command(
    mut_group("selector", |g| g.multiple(true)),
    mut_arg("name", |a| a.help("Computer names containing this text (any case)")),
    mut_arg("user", |a| a.help("User names containing this text (any case)")),
    mut_arg("ip", |a| a.help("The desktop with this IP address")),
)]
pub struct DesktopsArgs {
    #[command(flatten)]
    pub select: DesktopSelector,

    /// Only desktops in this state (any case)
    #[arg(long, value_name = "STATUS", ignore_case = true,
          value_parser = PossibleValuesParser::new(DESKTOP_STATES))]
    pub status: Option<String>,

    /// Tables without their header line
    #[arg(long)]
    pub no_headers: bool,
}

/// The states of a desktop, as ListDesktops filters them.
pub const DESKTOP_STATES: [&str; 4] = ["ACTIVE", "SHUTOFF", "ERROR", "HIBERNATED"];
/// The states a remote-assistance session can be watched for.
pub const SESSION_STATES: [&str; 5] = [
    "OPEN",
    "WAIT_USER_CONFIRM",
    "WAIT_USER_ACCESS",
    "CLOSE",
    "NONE",
];

/// `sessions`: the desktop filters combine, like those of `desktops`.
#[derive(Debug, Args)]
#[command(
    mut_group("selector", |g| g.multiple(true)),
    mut_arg("name", |a| a.help("Only desktops whose computer name contains this text (any case)")),
    mut_arg("user", |a| a.help("Only desktops whose user name contains this text (any case)")),
    mut_arg("ip", |a| a.help("Only the desktop with this IP address")),
)]
pub struct SessionsArgs {
    #[command(flatten)]
    pub select: DesktopSelector,

    /// Only desktops in this state, or only sessions in this state (any case)
    #[arg(long, value_name = "STATUS", ignore_case = true, value_parser = PossibleValuesParser::new(
        DESKTOP_STATES.iter().chain(&SESSION_STATES[..3])))]
    pub status: Option<String>,

    /// Tables without their header line
    #[arg(long)]
    pub no_headers: bool,

    /// Only sessions created longer ago than this, like 2h (a session whose creation time the
    /// cloud does not give is left out)
    #[arg(long, value_parser = crate::units::parse_age, value_name = "DURATION")]
    pub older_than: Option<Duration>,

    /// Close every listed session: asks first on a terminal; scripts add --yes
    #[arg(long, conflicts_with = "watch")]
    pub cancel: bool,

    /// With --cancel: do not ask
    #[arg(long, requires = "cancel")]
    pub yes: bool,

    #[command(flatten)]
    pub audit: AuditArgs,

    /// Keep a live board on a terminal, redrawn in place (q or Ctrl-C quits); without a
    /// terminal, one line per change
    #[arg(long)]
    pub watch: bool,

    /// With --watch: how often to poll each desktop
    #[arg(long, value_parser = parse_duration, default_value = shown(WATCH_INTERVAL), value_name = "DURATION")]
    pub interval: Duration,

    /// How many requests may be in flight at once
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=64), value_name = "N")]
    pub concurrency: u32,

    /// Cap on requests per second (a 429 also slows the whole run)
    #[arg(long, value_name = "N", value_parser = crate::units::parse_rate)]
    pub max_rate: Option<f64>,
}

/// `watch`: a selector's matches are added to the IDs given otherwise.
#[derive(Debug, Args)]
#[command(
    mut_arg("name", |a| a.help("Also watch the desktops with this computer name (exact match, else every partial one)")),
    mut_arg("user", |a| a.help("Also watch every desktop of this user (exact match, else every partial one)")),
    mut_arg("ip", |a| a.help("Also watch the desktop with this IP address")),
)]
pub struct WatchArgs {
    /// Desktop IDs; also from --file and --name/--user/--ip, or from stdin when none of
    /// these is given and stdin is not a terminal
    #[arg(value_name = "DESKTOP_ID")]
    pub desktop_ids: Vec<String>,

    #[command(flatten)]
    pub select: DesktopSelector,

    /// Read desktop IDs from a file (one per line; blank lines and # comments skipped)
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Watch every desktop of the project, listed again every --relist (new ones join,
    /// deleted ones leave with a note)
    #[arg(long, conflicts_with_all = ["desktop_ids", "file", "name", "user", "ip"])]
    pub all: bool,

    /// With --all: how often to list the project's desktops again
    #[arg(long, value_parser = parse_duration, default_value = shown(RELIST_INTERVAL),
          value_name = "DURATION", requires = "all")]
    pub relist: Duration,

    /// How often to poll each desktop (requests are spread over the interval; at least 100ms)
    #[arg(long, value_parser = crate::units::parse_interval, default_value = shown(WATCH_INTERVAL), value_name = "DURATION")]
    pub interval: Duration,

    /// How many requests may be in flight at once
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=64), value_name = "N")]
    pub concurrency: u32,

    /// Cap on requests per second across all desktops (a 429 also slows the whole watch)
    #[arg(long, value_name = "N", value_parser = crate::units::parse_rate)]
    pub max_rate: Option<f64>,

    /// Stop with exit 0 once every desktop has reached one of these statuses (any case)
    #[arg(long, value_delimiter = ',', value_name = "STATUS[,STATUS...]", ignore_case = true,
          value_parser = PossibleValuesParser::new(SESSION_STATES).map(|s| Status::parse(&s)))]
    pub until: Vec<Status>,

    /// Give up after this long (exit 8 when --until statuses are still pending)
    /// [default: --timeout when given, else none]
    #[arg(long, value_parser = parse_duration, value_name = "DURATION")]
    pub deadline: Option<Duration>,

    /// Poll each desktop once and exit (for cron)
    #[arg(long)]
    pub once: bool,

    /// Remember what was seen in FILE between runs and report only changes since the last run
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// The config file, cache dir and SDK credentials file that would be used
    #[command(
        after_help = "Examples:\n  assist config path\n  assist config path -o json | jq -r .config_file"
    )]
    Path,
    /// The profiles: region, auth mode and where each secret comes from (never its value)
    #[command(
        after_help = "Examples:\n  assist config list\n  assist config list -o json | jq -r '.[].name'"
    )]
    List,
    /// The resolved settings of a profile, each with its source; secrets as (set, from …)
    #[command(
        after_help = "Examples:\n  assist config show\n  assist --profile prod config show -o json | jq .project_id"
    )]
    Show,
    /// Write a profile: guided on a terminal, from flags with --no-input (file mode 0600)
    #[command(after_help = INIT_EXAMPLES)]
    Init(Box<InitArgs>),
    /// Resolve everything and make one cheap authenticated call; report the failing step
    #[command(
        after_help = "Examples:\n  assist config check\n  assist --profile prod config check || echo \"credentials broken (exit $?)\""
    )]
    Check,
}

const INIT_EXAMPLES: &str = "\
Examples:
  assist config init                                  # guided, on a terminal
  assist --profile prod config init --no-input --region cn-north-4 \\
    --ak AK... --sk-command 'pass show cloud/sk'
  pass show cloud/sk | assist config init --no-input --region cn-north-4 \\
    --ak AK... --sk-stdin";

/// How a profile authenticates (`config init`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuthChoice {
    /// Access key + secret key, signed like the official SDKs
    Aksk,
    /// An IAM token
    Token,
    /// IAM user + password, exchanged for tokens (cached)
    Password,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Never prompt: take everything from flags (also the case without a terminal)
    #[arg(long)]
    pub no_input: bool,
    /// Replace the profile if it exists
    #[arg(long)]
    pub force: bool,
    /// Make it the default profile of the file
    #[arg(long)]
    pub set_default: bool,
    /// Authentication mode [default: aksk]
    #[arg(long, value_enum)]
    pub auth: Option<AuthChoice>,
    /// Access key ID (not a secret)
    #[arg(long, value_name = "AK")]
    pub ak: Option<String>,
    /// Command that prints the secret key (run at each use; nothing stored)
    #[arg(long, value_name = "COMMAND")]
    pub sk_command: Option<String>,
    /// File that holds the secret key
    #[arg(long, value_name = "PATH")]
    pub sk_file: Option<PathBuf>,
    /// Read the secret key from stdin and store it in the profile (file mode 0600)
    #[arg(long)]
    pub sk_stdin: bool,
    /// Command that prints an IAM token
    #[arg(long, value_name = "COMMAND")]
    pub token_command: Option<String>,
    /// File that holds an IAM token
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,
    /// IAM user name (password auth)
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// Account (domain) name (password auth)
    #[arg(long, value_name = "NAME")]
    pub domain: Option<String>,
    /// Command that prints the IAM password (password auth; the password never touches disk)
    #[arg(long, value_name = "COMMAND")]
    pub password_command: Option<String>,
    /// IAM endpoint, if not the region's
    #[arg(long, value_name = "URL")]
    pub iam_endpoint: Option<String>,
}

pub use crate::units::parse_duration;

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
        command().debug_assert();
    }
}
