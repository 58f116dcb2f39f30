//! The commands and subcommands of the command line, with their examples (clap derive); their
//! arguments are in `args.rs`.

use std::path::PathBuf;

use clap::Subcommand;
use clap_complete::Shell;

use super::args::{
    CancelArgs, DesktopsArgs, InitArgs, LogArgs, MessageArgs, SessionsArgs, SettingsArgs, ShowArgs,
    StartArgs, WatchArgs,
};
use super::notify::NotifyArgs;

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
    /// The tenant's collaboration settings (must the user accept, how long they have, ...);
    /// `settings set KEY=VALUE...` changes them
    #[command(after_help = SETTINGS_EXAMPLES)]
    Settings(SettingsArgs),
    /// Put a message on the user's screen (SendNotifications), e.g. that IT will call
    #[command(after_help = MESSAGE_EXAMPLES)]
    Message(MessageArgs),
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

const SETTINGS_EXAMPLES: &str = "\
Examples:
  assist settings
  assist settings -o json | jq .wait_confirm_time
  assist settings set wait_confirm_time=120 --ticket CHG-7";

const MESSAGE_EXAMPLES: &str = "\
Examples:
  assist message --user erin 'IT will call you in 2 minutes'
  assist message \"$ID1\" \"$ID2\" 'Maintenance at 18:00: please save your work'
  echo 'Please restart your desktop' | assist message --name FIN-PC-042 -";

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
  assist start --user erin --message 'IT will ask to see your screen' --wait
  assist start \"$ID\" -o json | jq -r .share_space_id";

const CANCEL_EXAMPLES: &str = "\
Examples:
  assist cancel --user alice
  assist cancel \"$ID\" --ticket INC-42   # exit 0 also if nothing was active";

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
    /// Resolve everything and make one cheap authenticated call; report the failing step.
    /// With --notify NAME: send that target a test message instead
    #[command(
        after_help = "Examples:\n  assist config check\n  assist --profile prod config check || echo \"credentials broken (exit $?)\"\n  assist config check --notify helpdesk"
    )]
    Check(NotifyArgs),
}

const INIT_EXAMPLES: &str = "\
Examples:
  assist config init                                  # guided, on a terminal
  assist --profile prod config init --no-input --region cn-north-4 \\
    --ak AK... --sk-command 'pass show cloud/sk'
  pass show cloud/sk | assist config init --no-input --region cn-north-4 \\
    --ak AK... --sk-stdin";
