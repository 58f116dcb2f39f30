//! The command line: clap derive types, the global options with their `ASSIST_*` fallbacks,
//! and `parse`, which turns what was typed (and where clap found it) into `config::Overrides`.

mod args;
mod commands;
mod defaults;
pub mod help;
pub mod layout;
mod notify;
mod states;
pub mod usage;

use std::path::PathBuf;
use std::time::Duration;

use clap::parser::ValueSource;
use clap::{ArgMatches, Args, FromArgMatches, Parser};
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

pub use args::*;
pub use commands::{Command, ConfigCommand};
pub use defaults::START_DEADLINE;

use crate::config::{
    sourced, CommandAsks, Overrides, Source, Waits, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT,
};
use crate::messages::{msg, Message};
use crate::output::{ColorWhen, OutputFormat};
use crate::units::parse_duration;

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
#[command(name = "assist", version = version(), after_help = WORKFLOW, max_term_width = layout::MAX_WIDTH)]
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

/// Options every command takes; several also come from the environment (flag > env >
/// profile). Their own heading puts a command's own options first in its help.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Profile to use [default: `default_profile` of the file, else "default"; "demo" is
    /// built in]
    #[arg(long, global = true, value_name = "NAME", env = "ASSIST_PROFILE",
          add = ArgValueCompleter::new(complete_profile))]
    pub profile: Option<String>,

    /// Config file [default: the platform config dir, e.g. ~/.config/assist/config.toml]
    #[arg(long, global = true, value_name = "PATH", env = "ASSIST_CONFIG")]
    pub config: Option<PathBuf>,

    /// How to render results [default: the profile's `output`, else table]
    #[arg(short, long, global = true, value_enum, env = "ASSIST_OUTPUT")]
    pub output: Option<OutputFormat>,

    /// Region, overriding the profile's (selects https://workspace.<region>.myhuaweicloud.com)
    #[arg(long, global = true, value_name = "REGION", env = "ASSIST_REGION")]
    pub region: Option<String>,

    /// Project ID, overriding the profile's
    #[arg(long, global = true, value_name = "ID", env = "ASSIST_PROJECT_ID")]
    pub project_id: Option<String>,

    /// Workspace endpoint URL, overriding the region's (private endpoints, the simulator)
    #[arg(long, global = true, value_name = "URL", env = "ASSIST_ENDPOINT")]
    pub endpoint: Option<String>,

    /// When to use colour (NO_COLOR is honoured by `auto`)
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Language of what a person reads: en or zh (default: ASSIST_LANG, the profile's `lang`,
    /// then the locale: LC_ALL, LC_MESSAGES, LANG). JSON, codes and exit codes never change
    #[arg(long, global = true, env = "ASSIST_LANG", value_name = "LANG",
          value_parser = clap::builder::PossibleValuesParser::new(crate::messages::lang::NAMES))]
    pub lang: Option<String>,

    /// Show requests on stderr (-vv: also headers); secrets are always redacted
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Limit for establishing a connection, like 500ms, 5s
    #[arg(long, global = true, value_parser = parse_duration,
          default_value = defaults::shown(DEFAULT_CONNECT_TIMEOUT), value_name = "DURATION")]
    pub connect_timeout: Duration,

    /// Limit for one whole request, like 30s, 2m (for watch and start --wait without
    /// --deadline, also the overall limit)
    #[arg(long, global = true, value_parser = parse_duration,
          default_value = defaults::shown(DEFAULT_TIMEOUT), value_name = "DURATION")]
    pub timeout: Duration,

    /// Attempts per request for transient failures (GET/DELETE; POST only if never sent)
    #[arg(long, global = true, default_value_t = 3, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=10))]
    pub max_attempts: u32,
}

/// Parses the command line into the command and its overrides (each with its source); a
/// malformed `ASSIST_*` variable is an `Err` message of its own (exit 2, like a bad flag).
pub fn parse() -> Result<Result<(Cli, Overrides), Message>, clap::Error> {
    let matches = match command().try_get_matches() {
        Ok(matches) => matches,
        Err(e) => match not_for_a_variable(e)? {
            Ok(matches) => matches,
            Err(message) => return Ok(Err(message)),
        },
    };
    let cli = Cli::from_arg_matches(&matches)?;
    let overrides = cli.overrides(&matches);
    Ok(Ok((cli, overrides)))
}

impl Cli {
    /// What the flags, the `ASSIST_*` variables and the command's own options say, for
    /// `config` to resolve: each value with where clap found it.
    fn overrides(&self, matches: &ArgMatches) -> Overrides {
        let (g, cmd) = (&self.global, command());
        let given =
            |id, value: Option<String>| value.map(|v| sourced(v, source(matches, &cmd, id)));
        Overrides {
            profile: given("profile", g.profile.clone()),
            config: g
                .config
                .clone()
                .map(|v| sourced(v, source(matches, &cmd, "config"))),
            output: g
                .output
                .map(|v| sourced(v, source(matches, &cmd, "output"))),
            region: given("region", g.region.clone()),
            project_id: given("project_id", g.project_id.clone()),
            endpoint: given("endpoint", g.endpoint.clone()),
            color: g.color,
            verbose: g.verbose,
            connect_timeout: g.connect_timeout,
            timeout: sourced(g.timeout, source(matches, &cmd, "timeout")),
            max_attempts: g.max_attempts,
            command: asks(&self.command),
        }
    }
}

/// Where clap found a global option's value: the command line (by the flag's long name), its
/// `ASSIST_*` variable, else its default (clap may have stored it in the subcommand: look
/// there too).
fn source(matches: &ArgMatches, cmd: &clap::Command, id: &str) -> Source {
    let arg = cmd.get_arguments().find(|a| a.get_id() == id);
    match (value_source(matches, id), arg) {
        (Some(ValueSource::CommandLine), Some(arg)) => {
            Source::Flag(arg.get_long().unwrap_or(id).to_string())
        }
        (Some(ValueSource::EnvVariable), Some(arg)) => Source::Env(
            arg.get_env()
                .map_or(id.to_string(), |v| v.to_string_lossy().into_owned()),
        ),
        _ => Source::Default,
    }
}

/// The options of the command that belong to its settings.
fn asks(command: &Command) -> CommandAsks {
    let none = CommandAsks::default();
    let waits = |deadline, default| CommandAsks {
        waits: Some(Waits { deadline, default }),
        ..CommandAsks::default()
    };
    let headers = |no_headers| CommandAsks {
        no_headers,
        ..CommandAsks::default()
    };
    match command {
        Command::Show(a) => CommandAsks {
            show_password: a.show_password,
            ..none
        },
        Command::Start(a) => waits(a.deadline, Some(START_DEADLINE)),
        Command::Watch(a) => waits(a.deadline, None),
        Command::Desktops(a) => headers(a.no_headers),
        Command::Log(a) => headers(a.no_headers),
        Command::Sessions(a) => headers(a.no_headers),
        _ => none,
    }
}

/// The source of a global option, looking into the subcommand where clap stored it.
fn value_source(matches: &ArgMatches, id: &str) -> Option<ValueSource> {
    let here = matches.value_source(id);
    match matches.subcommand() {
        Some((_, sub)) => match value_source(sub, id) {
            Some(ValueSource::CommandLine) => Some(ValueSource::CommandLine),
            deeper => here.or(deeper),
        },
        None => here,
    }
}

/// clap's error, unless a value that does not parse came from an `ASSIST_*` variable: clap
/// names the flag then, and even parses a global option's variable in the subcommand when the
/// flag came before it. So parse again without that variable: a typed flag then wins (its
/// matches), else the message names the variable.
fn not_for_a_variable(err: clap::Error) -> Result<Result<ArgMatches, Message>, clap::Error> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let bad = match err.get(ContextKind::InvalidValue) {
        Some(ContextValue::String(v)) if err.kind() == ErrorKind::InvalidValue => v.clone(),
        _ => return Err(err),
    };
    let cmd = english();
    let Some((arg, var)) = cmd.get_arguments().find_map(|a| {
        let var = a.get_env()?;
        (std::env::var_os(var)? == bad.as_str()).then(|| (a, var.to_string_lossy()))
    }) else {
        return Err(err);
    };
    let id = arg.get_id().as_str();
    // Changed before the language's words are put in: clap's tree is built after that.
    let without = english().mut_arg(id, |a| a.env(None::<&str>));
    let matches = for_parsing(without).try_get_matches()?;
    if value_source(&matches, id) == Some(ValueSource::CommandLine) {
        return Ok(Ok(matches));
    }
    let accepted: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    let expected = or_list(&accepted);
    let message = msg!(
        "usage-variable-value",
        value = bad,
        var = var,
        expected = expected
    );
    Ok(Err(message))
}

/// `a, b or c`, in the run's language.
fn or_list(items: &[String]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            msg!("usage-or-list", rest = rest.join(", "), last = last).render()
        }
        Some((last, _)) => last.clone(),
        None => msg!("usage-another-value").render(),
    }
}

/// The command line as parsed, and as its help is printed on the terminal: the global options
/// are hidden from `assist sim`, which runs the simulator and uses none of them.
pub fn command() -> clap::Command {
    for_parsing(english())
}

/// `cmd` in the run's language, its help laid out for the terminal.
fn for_parsing(cmd: clap::Command) -> clap::Command {
    let lang = crate::messages::lang::current();
    layout::for_terminal(help::localize(cmd, lang), lang)
}

/// The command line for the shell's completions, whose descriptions (zsh, fish) a person
/// reads: in the language of `ASSIST_LANG` or the locale (this runs before `main` chooses),
/// their texts as the catalogue says them (no layout: a shell shows them on one line).
pub fn for_completions() -> clap::Command {
    let args: Vec<std::ffi::OsString> = std::env::args_os().take(1).collect();
    crate::messages::lang::choose_early(&args, |name| std::env::var(name).ok());
    help::localize(english(), crate::messages::lang::current())
}

/// The command line in clap's derive words, as the English help and man pages show it.
pub fn english() -> clap::Command {
    use clap::CommandFactory;
    let cmd = Cli::command().mut_args(without_blank_env);
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

/// An `ASSIST_*` variable set but blank counts as unset, like the SDK's variables: clap would
/// take the empty text as the value. The variable's name stays in the help.
fn without_blank_env(arg: clap::Arg) -> clap::Arg {
    let blank = arg
        .get_env()
        .and_then(std::env::var_os)
        .is_some_and(|v| v.to_string_lossy().trim().is_empty());
    // Values are never shown: the help would print them, and `--help` output is pasted.
    let arg = arg.hide_env_values(true);
    if blank {
        arg.env(None::<&str>)
    } else {
        arg
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
        command().debug_assert();
    }

    /// Every `--interval` keeps the floor of `units::MIN_INTERVAL` (issue 22: `sessions
    /// --watch` had lost it, being a copy of the argument rather than the same parser).
    #[test]
    fn every_interval_refuses_less_than_the_floor() {
        let mut checked = 0;
        for sub in command().get_subcommands() {
            if !sub.get_arguments().any(|a| a.get_id() == "interval") {
                continue;
            }
            // Other arguments a command needs may be missing: only the value's own check counts.
            let refused = |v: &str| {
                let line = ["assist", sub.get_name(), "--interval", v];
                command().try_get_matches_from(line).err().map(|e| e.kind())
                    == Some(clap::error::ErrorKind::ValueValidation)
            };
            assert!(refused("99ms"), "{} --interval 99ms", sub.get_name());
            assert!(!refused("100ms"), "{} --interval 100ms", sub.get_name());
            checked += 1;
        }
        assert_eq!(checked, 3, "start, sessions and watch");
    }

    /// The overrides of a command line, parsed as `parse` does (no `ASSIST_*` set in tests).
    fn overrides_of(args: &[&str]) -> Overrides {
        let matches = command()
            .try_get_matches_from([&["assist"], args].concat())
            .unwrap();
        Cli::from_arg_matches(&matches).unwrap().overrides(&matches)
    }

    #[test]
    fn a_flag_is_sourced_as_typed_before_or_after_the_command() {
        for args in [
            &["--project-id", "p1", "show", "D"][..],
            &["show", "D", "--project-id", "p1"][..],
        ] {
            let o = overrides_of(args);
            let project = o.project_id.unwrap();
            assert_eq!(project.value, "p1");
            assert_eq!(project.source, Source::Flag("project-id".into()));
            assert_eq!(project.source.to_string(), "flag --project-id");
            assert!(o.region.is_none() && o.profile.is_none());
        }
    }

    #[test]
    fn the_timeout_knows_whether_it_was_typed() {
        let o = overrides_of(&["watch", "D"]);
        assert_eq!(o.timeout, sourced(DEFAULT_TIMEOUT, Source::Default));
        let o = overrides_of(&["watch", "D", "--timeout", "2m"]);
        assert_eq!(
            o.timeout,
            sourced(Duration::from_secs(120), Source::Flag("timeout".into()))
        );
    }

    #[test]
    fn the_commands_own_settings_are_asked_for_at_parse_time() {
        let secs = Duration::from_secs;
        assert!(
            overrides_of(&["show", "D", "--show-password"])
                .command
                .show_password
        );
        assert!(!overrides_of(&["show", "D"]).command.show_password);
        for command in ["desktops", "log", "sessions"] {
            assert!(overrides_of(&[command, "--no-headers"]).command.no_headers);
        }
        let start = overrides_of(&["start", "D", "--deadline", "5m"])
            .command
            .waits;
        let start = start.unwrap();
        assert_eq!(
            (start.deadline, start.default),
            (Some(secs(300)), Some(START_DEADLINE))
        );
        let watch = overrides_of(&["watch", "D"]).command.waits.unwrap();
        assert_eq!((watch.deadline, watch.default), (None, None));
        assert!(overrides_of(&["cancel", "D"]).command.waits.is_none());
    }

    #[test]
    fn lists_read_as_sentences() {
        let list =
            |items: &[&str]| or_list(&items.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            list(&["table", "json", "code", "link"]),
            "table, json, code or link"
        );
        assert_eq!(list(&["table"]), "table");
    }
}
