//! The arguments of each command (clap derive): desktop selectors, audit fields, filters,
//! waits; the durations they take are parsed by `units`.

use std::path::PathBuf;
use std::time::Duration;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{ArgGroup, Args};

use super::defaults::{shown, RELIST_INTERVAL, START_DEADLINE, START_INTERVAL, WATCH_INTERVAL};
use super::states::AnyCase;
use crate::domain::Status;
use crate::units::{parse_age, parse_duration, parse_interval, parse_rate};

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
    /// (without --new, that session is reported, and waited on with --wait); asks first on
    /// a terminal, scripts add --yes
    #[arg(long)]
    pub new: bool,

    /// With --new: cancel the session already there without asking
    #[arg(long, requires = "new")]
    pub yes: bool,

    #[command(flatten)]
    pub audit: AuditArgs,

    /// With --wait: how often to poll (at least 100ms)
    #[arg(long, value_parser = parse_interval, default_value = shown(START_INTERVAL), value_name = "DURATION")]
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

    /// Only actions by this local or cloud user, or on a desktop of this end user (any case,
    /// part of the name)
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,

    /// Only actions for this ticket
    #[arg(long, value_name = "ID")]
    pub ticket: Option<String>,

    /// Only actions newer than this, like 7d
    #[arg(long, value_parser = parse_age, value_name = "DURATION")]
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

/// The states of a desktop, as ListDesktops filters them: the "Cloud Desktop Statuses" page's
/// four lasting ones, then its transient ones (docs/WORKSPACE-API.md §2).
pub const DESKTOP_STATES: [&str; 9] = [
    "ACTIVE",
    "SHUTOFF",
    "ERROR",
    "HIBERNATED",
    "STARTING",
    "STOPPING",
    "RESTARTING",
    "HIBERNATING",
    "AWAKENING",
];
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
    #[arg(long, value_parser = parse_age, value_name = "DURATION")]
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

    /// With --watch: how often to poll each desktop (at least 100ms)
    #[arg(long, value_parser = parse_interval, default_value = shown(WATCH_INTERVAL), value_name = "DURATION")]
    pub interval: Duration,

    /// How many requests may be in flight at once
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=64), value_name = "N")]
    pub concurrency: u32,

    /// Cap on requests per second (a 429 also slows the whole run)
    #[arg(long, value_name = "N", value_parser = parse_rate)]
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
    #[arg(long, value_parser = parse_interval, default_value = shown(WATCH_INTERVAL), value_name = "DURATION")]
    pub interval: Duration,

    /// How many requests may be in flight at once
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=64), value_name = "N")]
    pub concurrency: u32,

    /// Cap on requests per second across all desktops (a 429 also slows the whole watch)
    #[arg(long, value_name = "N", value_parser = parse_rate)]
    pub max_rate: Option<f64>,

    /// Stop with exit 0 once every desktop has reached one of these statuses (any case)
    #[arg(long, value_delimiter = ',', value_name = "STATUS[,STATUS...]",
          value_parser = AnyCase(&SESSION_STATES).map(|s| Status::parse(&s)))]
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
