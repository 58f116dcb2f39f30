//! The arguments of each command (clap derive): desktop selectors, audit fields, filters,
//! waits; the durations they take are parsed by `units`.

use std::path::PathBuf;
use std::time::Duration;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{ArgGroup, Args};
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

use super::defaults::{
    shown, EXEC_TIMEOUT, RELIST_INTERVAL, START_DEADLINE, START_INTERVAL, WATCH_INTERVAL,
};
use super::notify::NotifyArgs;
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

    /// Also show the desktop's power and login state (ShowDesktopDetail): whether anyone is
    /// there to accept
    #[arg(long)]
    pub detail: bool,
}

#[derive(Debug, Args)]
#[command(mut_arg("exec", |a| a.requires("wait")))]
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
        "With --wait: give up after this long (exit 8) [default: --timeout when given, else \
         the tenant's time to accept plus a margin when the user must accept, else {}]",
        shown(START_DEADLINE)
    ))]
    pub deadline: Option<Duration>,

    #[command(flatten)]
    pub exec: ExecArgs,

    #[command(flatten)]
    pub notify: NotifyArgs,

    /// Put this message on the user's screen first (SendNotifications; `-` reads it from
    /// stdin), then ask
    #[arg(long, value_name = "TEXT")]
    pub message: Option<String>,

    /// With --message: also record its text in the audit log (by default only that a message
    /// went out, and its length)
    #[arg(long, requires = "message")]
    pub audit_text: bool,

    /// Refuse (exit 9, nothing sent) when the desktop is off, in maintenance, busy with a task
    /// or its user is not connected, instead of warning and asking anyway
    #[arg(long)]
    pub require_connected: bool,
}

/// `settings`: shown without a subcommand.
#[derive(Debug, Args)]
pub struct SettingsArgs {
    #[command(subcommand)]
    pub command: Option<SettingsCommand>,
}

#[derive(Debug, clap::Subcommand)]
pub enum SettingsCommand {
    /// Change settings: read them, change the named keys, write the whole object back
    /// (asks first on a terminal; scripts add --yes)
    #[command(after_help = SETTINGS_SET_EXAMPLES)]
    Set(SettingsSetArgs),
}

const SETTINGS_SET_EXAMPLES: &str = "\
Examples:
  assist settings set wait_confirm_time=120 --ticket CHG-7
  assist settings set is_user_confirm_enabled=true keyboard_mouse_ctl=false --yes";

#[derive(Debug, Args)]
pub struct SettingsSetArgs {
    /// The settings to change (each checked before any request); `assist settings` lists them
    #[arg(value_name = "KEY=VALUE", required = true,
          add = ArgValueCompleter::new(complete_setting))]
    pub assignments: Vec<String>,

    /// Write without asking
    #[arg(long)]
    pub yes: bool,

    #[command(flatten)]
    pub audit: AuditArgs,
}

/// `message`: the desktop IDs, then the text; or a selector and the text.
#[derive(Debug, Args)]
#[command(
    override_usage = "assist message [OPTIONS] <DESKTOP_ID>... <TEXT>\n       \
                            assist message [OPTIONS] <--name|--user|--ip> <VALUE> <TEXT>"
)]
pub struct MessageArgs {
    /// The desktops' IDs, then the message (the last word; `-` reads it from stdin)
    #[arg(value_name = "DESKTOP_ID... TEXT", required = true, num_args = 1..)]
    pub words: Vec<String>,

    #[command(flatten)]
    pub select: DesktopSelector,

    #[command(flatten)]
    pub audit: AuditArgs,

    /// Also record the message's text in the audit log (by default only that a message went
    /// out, and its length)
    #[arg(long)]
    pub audit_text: bool,
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
    #[arg(long, value_name = "ID", value_parser = parse_ticket)]
    pub ticket: Option<String>,

    /// Why this change is made (recorded in the audit log)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    /// Make the change even though the audit log cannot be written (said on stderr)
    #[arg(long)]
    pub no_audit: bool,
}

/// A ticket names something: a blank one would satisfy `require_ticket` while saying nothing.
/// Why, in the catalogue's words (cli/usage.rs says them in the run's language).
fn parse_ticket(text: &str) -> Result<String, crate::messages::Worded> {
    if text.trim().is_empty() {
        let blank = crate::messages::msg!("ticket-why-blank");
        return Err(crate::messages::Worded(blank));
    }
    Ok(text.to_string())
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
    #[arg(long, value_name = "ID", value_parser = parse_ticket)]
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

    /// Also write the metrics of -o prometheus to this file, replaced atomically (mode
    /// 0644), for node_exporter's textfile collector
    #[arg(long, value_name = "PATH", conflicts_with = "watch")]
    pub metrics_file: Option<PathBuf>,

    #[command(flatten)]
    pub notify: NotifyArgs,
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

    /// Write the metrics of `sessions -o prometheus` for the watched desktops to this file
    /// each round, replaced atomically (mode 0644), for node_exporter's textfile collector
    #[arg(long, value_name = "PATH")]
    pub metrics_file: Option<PathBuf>,

    #[command(flatten)]
    pub exec: ExecArgs,

    #[command(flatten)]
    pub notify: NotifyArgs,
}

/// `--exec`: a command run once per change, the change in its environment.
#[derive(Debug, Args, Clone, Default)]
pub struct ExecArgs {
    /// Run `sh -c CMD` once per change, the change only in its environment (ASSIST_DESKTOP_ID,
    /// ASSIST_STATUS, ASSIST_PREVIOUS_STATUS, ASSIST_COMPUTER_NAME, ASSIST_USER_NAME,
    /// ASSIST_INVITATION_CODE, ASSIST_JSON); its output goes to stderr
    #[arg(long, value_name = "CMD")]
    pub exec: Option<String>,

    /// With --exec: end a command that runs longer, with everything it started (a warning)
    #[arg(long, value_parser = parse_duration, default_value = shown(EXEC_TIMEOUT),
          value_name = "DURATION", requires = "exec")]
    pub exec_timeout: Duration,
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

/// `settings set <TAB>`: the keys (`KEY=`), then the values a key takes.
fn complete_setting(current: &std::ffi::OsStr) -> Vec<CompletionCandidate> {
    use crate::domain::share::{Rule, KEYS};
    let current = current.to_string_lossy();
    let candidates: Vec<String> = match current.split_once('=') {
        None => KEYS.iter().map(|k| format!("{}=", k.name)).collect(),
        Some((name, _)) => match KEYS.iter().find(|k| k.name == name).map(|k| k.rule) {
            Some(Rule::Bool) => vec!["true".into(), "false".into()],
            Some(Rule::OneOf(choices)) => choices.iter().map(|c| c.to_string()).collect(),
            Some(Rule::Seconds(min, max)) => vec![min.to_string(), "60".into(), max.to_string()],
            _ => Vec::new(),
        }
        .into_iter()
        .map(|v| format!("{name}={v}"))
        .collect(),
    };
    candidates
        .into_iter()
        .filter(|c| c.starts_with(current.as_ref()))
        .map(CompletionCandidate::new)
        .collect()
}
