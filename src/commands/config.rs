//! `assist config`: path, list, show, init and check.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::auth::source::SecretSource;
use crate::cli::{AuthChoice, ConfigCommand, InitArgs};
use crate::config::{
    self, file, sdk, AuthSpec, ConfigError, Connection, Overrides, Settings, Source, DEMO_PROFILE,
    REGIONS,
};
use crate::messages::{self, msg, Message};
use crate::outcome::{Explain, Failure, Kind, Outcome};
use crate::output::fields::{secret_setting, setting, setting_shown, stdout_words, Origin};
use crate::output::{render_fields, render_rows, Field, OutputFormat};

pub fn run(global: &Overrides, command: &ConfigCommand) -> anyhow::Result<Outcome> {
    let format = global
        .output
        .as_ref()
        .map_or(OutputFormat::Table, |o| o.value);
    let out = &mut std::io::stdout().lock();
    match command {
        ConfigCommand::Path => render_fields(out, format, &path_fields(global)?)?,
        ConfigCommand::List => list(out, format, global)?,
        ConfigCommand::Show => {
            let settings = super::setup::local(global)?;
            render_fields(out, format, &show_fields(&settings)?)?;
        }
        ConfigCommand::Init(args) => return init(global, args),
        ConfigCommand::Check(n) if !n.notify.is_empty() => {
            crate::notify::check(&config::notify_targets(global)?, &n.notify, out, format)?
        }
        ConfigCommand::Check(_) => return check(global, out, format),
    }
    Ok(Outcome::Done)
}

fn field(key: &'static str, label: &'static str, value: impl Into<Value>) -> Field {
    Field {
        key,
        label,
        value: value.into(),
        text: None,
    }
}

/// A path: plain in JSON (with a separate `*_exists`), annotated for people.
fn path_field(key: &'static str, label: &'static str, path: Option<&Path>) -> Field {
    Field {
        key,
        label,
        value: path.map(|p| p.display().to_string()).into(),
        text: path.map(|p| {
            let id = if p.exists() {
                "cfg-path-exists"
            } else {
                "cfg-path-missing"
            };
            stdout_words(&Message::new(id).arg("path", p.display()))
        }),
    }
}

fn path_fields(global: &Overrides) -> anyhow::Result<Vec<Field>> {
    let (config, _) = config::config_path(global).ok_or_else(|| {
        ConfigError::invalid(msg!("err-no-config-dir"), msg!("hint-no-config-dir"))
    })?;
    let cache = config::cache_dir();
    let creds = sdk::credentials_path().map(|(p, _)| p);
    Ok(vec![
        path_field("config_file", "cfg-label-config-file", Some(&config)),
        field("config_file_exists", "", config.exists()),
        path_field("cache_dir", "cfg-label-cache-dir", cache.as_deref()),
        path_field(
            "credentials_file",
            "cfg-label-credentials-file",
            creds.as_deref(),
        ),
        field(
            "credentials_file_exists",
            "",
            creds.as_deref().is_some_and(Path::exists),
        ),
    ])
}

/// Where each secret of a profile comes from, never its value: one message per secret.
fn secret_origins(p: &file::RawProfile) -> Vec<Message> {
    let mut parts = Vec::new();
    for (key, inline, command, file) in [
        ("sk", p.sk.is_some(), &p.sk_command, &p.sk_file),
        ("token", p.token.is_some(), &p.token_command, &p.token_file),
        ("password", false, &p.password_command, &None),
    ] {
        if inline {
            parts.push(msg!("cfg-secret-inline", key = key));
        }
        if command.is_some() {
            parts.push(msg!("cfg-secret-command", key = key));
        }
        if let Some(f) = file {
            parts.push(msg!("cfg-secret-file", key = key, path = f.display()));
        }
    }
    if p.security_token.is_some() {
        parts.push(msg!("cfg-secret-inline", key = "security_token"));
    }
    parts
}

/// A list cell: in English for JSON (data), in the stdout's language in a table (a
/// terminal's reader), like the labels.
fn cell(format: OutputFormat, m: &Message) -> String {
    match format {
        OutputFormat::Table => stdout_words(m),
        _ => m.render_in(crate::messages::lang::Lang::En),
    }
}

/// The secrets cell: `-` when the profile names none.
fn secrets_cell(format: OutputFormat, parts: &[Message]) -> String {
    if parts.is_empty() {
        return "-".into();
    }
    let sep = cell(format, &msg!("cfg-list-sep"));
    let said: Vec<String> = parts.iter().map(|m| cell(format, m)).collect();
    said.join(&sep)
}

fn list(out: &mut dyn Write, format: OutputFormat, global: &Overrides) -> anyhow::Result<()> {
    let (_, file) = config::load_file(global)?;
    let default = file
        .as_ref()
        .and_then(|f| f.default_profile.clone())
        .unwrap_or_else(|| "default".into());
    let mut rows: Vec<Vec<Value>> = Vec::new();
    for (name, p) in file.iter().flat_map(|f| f.profiles.iter()) {
        let auth = p
            .auth_mode()
            .map(|a| format!("{a:?}").to_lowercase())
            .unwrap_or_else(|| cell(format, &msg!("cfg-auth-none")));
        rows.push(vec![
            json!(name),
            json!(*name == default),
            json!(p.region),
            json!(auth),
            json!(secrets_cell(format, &secret_origins(p))),
        ]);
    }
    if !rows.iter().any(|r| r[0] == json!(DEMO_PROFILE)) {
        rows.push(vec![
            json!(DEMO_PROFILE),
            json!(false),
            Value::Null,
            json!("aksk"),
            json!(cell(format, &msg!("cfg-demo-secrets"))),
        ]);
    }
    let columns = [
        ("name", "cfgcol-profile"),
        ("default", "cfgcol-default"),
        ("region", "cfgcol-region"),
        ("auth", "cfgcol-auth"),
        ("secrets", "cfgcol-secrets"),
    ];
    Ok(render_rows(out, format, &columns, &rows)?)
}

fn origin(source: &Source) -> Option<Origin> {
    let (data, said) = (source.to_string(), stdout_words(&source.said()));
    Some(Origin { data, said })
}

fn shown_as(key: &'static str, value: &str, shown: Message, source: Option<Origin>) -> Field {
    let label = match key {
        "endpoint" => "cfg-label-endpoint",
        "ak" => "cfg-label-ak",
        _ => "cfg-label-project",
    };
    setting_shown(key, label, value, stdout_words(&shown), source)
}

/// The resolved settings; for the built-in demo, what it will use, without starting it.
fn show_fields(s: &Settings) -> Result<Vec<Field>, ConfigError> {
    let mut fields = match s.is_builtin_demo() {
        true => demo_fields(s)?,
        false => {
            let c = s.connection()?;
            let mut fields = credential_fields(s, c);
            fields.extend(place_fields(c));
            fields
        }
    };
    fields.extend(limit_fields(s));
    let lang = super::setup::language(s);
    let value = Some(lang.value.name().to_string());
    fields.push(setting(
        "lang",
        "cfg-label-language",
        value,
        origin(&lang.source),
    ));
    fields.extend(crate::notify::fields(&s.notify));
    Ok(fields)
}

/// The demo starts its simulator per command, on a port chosen then: say so, start nothing.
fn demo_fields(s: &Settings) -> Result<Vec<Field>, ConfigError> {
    if cfg!(not(feature = "sim")) {
        return Err(super::demo::missing());
    }
    let demo = || origin(&Source::Demo);
    Ok(vec![
        profile_setting(s),
        setting("auth", "cfg-label-auth", Some("aksk".into()), demo()),
        shown_as(
            "endpoint",
            &msg!("cfg-demo-endpoint").render_in(crate::messages::lang::Lang::En),
            msg!("cfg-demo-endpoint"),
            demo(),
        ),
    ])
}

fn profile_setting(s: &Settings) -> Field {
    let value = s.profile.as_ref().map(|p| p.value.clone());
    let source = s.profile.as_ref().and_then(|p| origin(&p.source));
    setting("profile", "cfg-label-profile", value, source)
}

fn credential_fields(s: &Settings, c: &Connection) -> Vec<Field> {
    let from = || origin(&c.origin);
    let ak_field = |ak: Option<String>| setting("ak", "cfg-label-ak", ak, from());
    let (ak, secret_label, secret): (_, _, &SecretSource) = match &c.auth {
        AuthSpec::AkSk { ak, sk, .. } => (ak_field(Some(ak.clone())), "cfg-label-secret-key", sk),
        AuthSpec::Token(t) => (ak_field(None), "cfg-label-token", t),
        AuthSpec::Password {
            user,
            domain,
            password,
        } => {
            let said = msg!("cfg-user-in-domain", user = user, domain = domain);
            let value = said.render_in(crate::messages::lang::Lang::En);
            (
                shown_as("ak", &value, said, from()),
                "cfg-label-password",
                password,
            )
        }
    };
    let security_token = match &c.auth {
        AuthSpec::AkSk {
            security_token: Some(t),
            ..
        } => Some(t.said()),
        _ => None,
    };
    vec![
        profile_setting(s),
        setting(
            "auth",
            "cfg-label-auth",
            Some(c.auth.mode().to_string()),
            from(),
        ),
        ak,
        secret_setting("secret", secret_label, Some(secret.said())),
        secret_setting("security_token", "cfg-label-security-token", security_token),
    ]
}

fn place_fields(c: &Connection) -> Vec<Field> {
    let en = |m: &Message| m.render_in(crate::messages::lang::Lang::En);
    let iam = |id| {
        shown_as(
            "project_id",
            &en(&Message::new(id)),
            Message::new(id),
            origin(&Source::Iam),
        )
    };
    let project = match (&c.project, &c.auth) {
        (Some(p), _) => setting(
            "project_id",
            "cfg-label-project",
            Some(p.value.clone()),
            origin(&p.source),
        ),
        // Unset: the JSON keeps the value null (no source); a person reads what is missing.
        (None, AuthSpec::Token(_)) => {
            let mut f = setting("project_id", "cfg-label-project", None, None);
            f.text = Some(stdout_words(&msg!("cfg-project-missing")));
            f
        }
        (None, AuthSpec::Password { .. }) => iam("cfg-project-from-token"),
        (None, AuthSpec::AkSk { .. }) => iam("cfg-project-looked-up"),
    };
    vec![
        setting(
            "endpoint",
            "cfg-label-endpoint",
            Some(c.endpoint.value.to_string()),
            origin(&c.endpoint.source),
        ),
        setting(
            "region",
            "cfg-label-region",
            c.region.as_ref().map(|r| r.value.clone()),
            c.region.as_ref().and_then(|r| origin(&r.source)),
        ),
        project,
        setting(
            "iam_endpoint",
            "cfg-label-iam-endpoint",
            Some(c.iam_endpoint.value.to_string()),
            origin(&c.iam_endpoint.source),
        ),
    ]
}

fn limit_fields(s: &Settings) -> Vec<Field> {
    let duration = |d| Some(crate::units::format_duration(d));
    vec![
        setting(
            "output",
            "cfg-label-output",
            Some(format!("{:?}", s.output).to_lowercase()),
            origin(&s.output_source),
        ),
        setting(
            "connect_timeout",
            "cfg-label-connect-timeout",
            duration(s.connect_timeout),
            None,
        ),
        setting("timeout", "cfg-label-timeout", duration(s.timeout), None),
        setting(
            "max_attempts",
            "cfg-label-max-attempts",
            Some(s.max_attempts.to_string()),
            None,
        ),
        cache_dir(s),
    ]
}

/// Where the tokens are cached. The demo's connection (made when its simulator starts)
/// keeps none, which a bare `-` leaves unsaid; JSON keeps `null` for it.
fn cache_dir(s: &Settings) -> Field {
    let dir = s
        .connection()
        .ok()
        .and_then(|c| c.cache_dir.as_ref())
        .map(|d| d.display().to_string());
    let mut field = setting("cache_dir", "cfg-label-cache-dir", dir, None);
    if s.is_builtin_demo() {
        field.text = Some(stdout_words(&msg!("config-demo-no-cache")));
    }
    field
}

/// Resolves everything, makes one cheap authenticated call, and says which step failed.
fn check(global: &Overrides, out: &mut dyn Write, format: OutputFormat) -> anyhow::Result<Outcome> {
    let (settings, _sim) = super::setup::prepare(global).explain(msg!("err-check-step-config"))?;
    let client = crate::session::connect(&settings, settings.max_attempts)
        .explain(msg!("err-check-step-credentials"))?;
    let request_id = client
        .probe()
        .explain(msg!("err-check-step-call"))?
        .request_id;
    let c = settings.connection()?;
    // JSON keeps the English sentences (data); a person reads them in the run's language.
    let en = |m: &Message| m.render_in(crate::messages::lang::Lang::En);
    let said = |mut f: Field, m: Message| {
        f.text = Some(stdout_words(&m));
        f
    };
    let ok = msg!("cfg-check-ok");
    let auth = |source: String| msg!("cfg-check-auth", mode = c.auth.mode(), source = source);
    render_fields(
        out,
        format,
        &[
            said(field("ok", "cfg-label-result", en(&ok)), ok),
            field(
                "endpoint",
                "cfg-label-endpoint",
                c.endpoint.value.to_string(),
            ),
            said(
                field("auth", "cfg-label-auth", en(&auth(c.origin.to_string()))),
                auth(stdout_words(&c.origin.said())),
            ),
            field(
                "project_id",
                "cfg-label-project",
                client.project_id().to_string(),
            ),
            field("request_id", "cfg-label-request-id", request_id),
        ],
    )?;
    Ok(Outcome::Done)
}

/// Writes one profile (0600), refusing to replace an existing one without --force.
fn init(global: &Overrides, args: &InitArgs) -> anyhow::Result<Outcome> {
    let (path, _) = config::config_path(global).ok_or_else(|| {
        ConfigError::invalid(msg!("err-no-config-dir"), msg!("hint-no-config-dir"))
    })?;
    let name = global
        .profile
        .as_ref()
        .map_or("default".into(), |p| p.value.clone());
    let interactive =
        !args.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let profile = if interactive {
        ask(global, args)?
    } else {
        from_flags(global, args)?
    };
    write_profile(&path, &name, &profile, args)?;
    let wrote = msg!("config-init-wrote", name = &name, path = path.display());
    messages::plain(&wrote);
    Ok(Outcome::Done)
}

type Entries = Vec<(&'static str, String)>;

fn usage(message: impl Into<crate::outcome::Said>) -> anyhow::Error {
    Failure::new(Kind::Usage, message)
        .with_hint(msg!("hint-config-init-flags"))
        .into()
}

fn from_flags(global: &Overrides, args: &InitArgs) -> anyhow::Result<Entries> {
    let mut e: Entries = Vec::new();
    let region = global.region.as_ref().map(|r| r.value.clone());
    if region.is_none() && global.endpoint.is_none() {
        return Err(usage(msg!("init-needs-region")));
    }
    if let Some(r) = &region {
        if !REGIONS.contains(&r.as_str()) && global.endpoint.is_none() {
            let known = REGIONS.join(", ");
            return Err(usage(msg!(
                "init-unknown-region-known",
                region = r,
                known = known
            )));
        }
        e.push(("region", r.clone()));
    }
    push_opt(
        &mut e,
        "endpoint",
        &global.endpoint.as_ref().map(|v| v.value.clone()),
    );
    push_opt(
        &mut e,
        "project_id",
        &global.project_id.as_ref().map(|v| v.value.clone()),
    );
    push_opt(&mut e, "iam_endpoint", &args.iam_endpoint);
    match args.auth.unwrap_or(AuthChoice::Aksk) {
        AuthChoice::Aksk => aksk_flags(&mut e, args)?,
        AuthChoice::Token => {
            e.push(("auth", "token".into()));
            one_of(
                &mut e,
                &[
                    (
                        "token_command",
                        "--token-command",
                        args.token_command.clone(),
                    ),
                    ("token_file", "--token-file", path_text(&args.token_file)),
                ],
            )?;
        }
        AuthChoice::Password => {
            e.push(("auth", "password".into()));
            for (k, v) in [
                ("user", &args.user),
                ("domain", &args.domain),
                ("password_command", &args.password_command),
            ] {
                let v = v.clone().ok_or_else(|| {
                    usage(msg!("init-password-needs", flag = k.replace('_', "-")))
                })?;
                e.push((k, v));
            }
        }
    }
    Ok(e)
}

fn push_opt(e: &mut Entries, key: &'static str, v: &Option<String>) {
    if let Some(v) = v {
        e.push((key, v.clone()));
    }
}

fn path_text(p: &Option<PathBuf>) -> Option<String> {
    p.as_ref().map(|p| p.display().to_string())
}

/// One of several flags, each filling a profile key: (key, flag, value).
type Choice = (&'static str, &'static str, Option<String>);

fn one_of(e: &mut Entries, options: &[Choice]) -> anyhow::Result<()> {
    let given: Vec<&Choice> = options.iter().filter(|(_, _, v)| v.is_some()).collect();
    match given.as_slice() {
        [(key, _, Some(v))] => {
            e.push((key, v.clone()));
            Ok(())
        }
        _ => {
            let flags: Vec<&str> = options.iter().map(|(_, flag, _)| *flag).collect();
            Err(usage(msg!("init-one-of", flags = flags.join(", "))))
        }
    }
}

fn aksk_flags(e: &mut Entries, args: &InitArgs) -> anyhow::Result<()> {
    e.push(("auth", "aksk".into()));
    let ak = args
        .ak
        .clone()
        .ok_or_else(|| usage(msg!("init-aksk-needs-ak")))?;
    e.push(("ak", ak));
    let stdin_sk = if args.sk_stdin {
        Some(read_stdin_secret()?)
    } else {
        None
    };
    one_of(
        e,
        &[
            ("sk_command", "--sk-command", args.sk_command.clone()),
            ("sk_file", "--sk-file", path_text(&args.sk_file)),
            ("sk", "--sk-stdin", stdin_sk),
        ],
    )
}

fn read_stdin_secret() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .explain(msg!("err-sk-stdin"))?;
    let sk = line.trim().to_string();
    if sk.is_empty() {
        return Err(usage(msg!("init-sk-stdin-empty")));
    }
    Ok(sk)
}

/// The guided set-up: prompts on stderr, secrets read without echo.
fn ask(global: &Overrides, args: &InitArgs) -> anyhow::Result<Entries> {
    let mut e: Entries = Vec::new();
    messages::plain(&msg!("config-init-intro", regions = REGIONS.join(", ")));
    let region = prompt_default(
        "ask-region",
        global
            .region
            .as_ref()
            .map_or("cn-north-4", |r| r.value.as_str()),
    )?;
    if !REGIONS.contains(&region.as_str()) && global.endpoint.is_none() {
        return Err(usage(msg!("init-unknown-region", region = region)));
    }
    e.push(("region", region));
    // The endpoint given on the command line is the one this profile is for: without it,
    // the profile would reach the region's public endpoint instead.
    push_opt(
        &mut e,
        "endpoint",
        &global.endpoint.as_ref().map(|v| v.value.clone()),
    );
    let project = prompt_default(
        "ask-project-id",
        global.project_id.as_ref().map_or("", |p| p.value.as_str()),
    )?;
    if !project.is_empty() {
        e.push(("project_id", project));
    }
    let auth = prompt_default("ask-auth-mode", "aksk")?;
    match auth.as_str() {
        "aksk" => {
            e.push(("auth", "aksk".into()));
            e.push((
                "ak",
                prompt_default("ask-ak", args.ak.as_deref().unwrap_or(""))?,
            ));
            let sk = rpassword::prompt_password(msg!("ask-sk").render())?;
            if sk.trim().is_empty() {
                e.push(("sk_command", prompt_default("ask-sk-command", "")?));
            } else {
                e.push(("sk", sk.trim().to_string()));
            }
        }
        "token" => {
            e.push(("auth", "token".into()));
            e.push(("token_command", prompt_default("ask-token-command", "")?));
        }
        "password" => {
            e.push(("auth", "password".into()));
            e.push(("user", prompt_default("ask-user", "")?));
            e.push(("domain", prompt_default("ask-domain", "")?));
            e.push((
                "password_command",
                prompt_default("ask-password-command", "")?,
            ));
        }
        other => return Err(usage(msg!("init-unknown-auth", mode = other))),
    }
    Ok(e)
}

/// Asks the catalogue's `question` (its id); an empty answer takes `default`.
fn prompt_default(question: &'static str, default: &str) -> anyhow::Result<String> {
    let question = Message::new(question).render();
    let asked = if default.is_empty() {
        msg!("config-init-question", question = question)
    } else {
        msg!(
            "config-init-question-default",
            question = question,
            default = default
        )
    };
    messages::ask(&asked)?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let answer = line.trim();
    Ok(if answer.is_empty() {
        default.to_string()
    } else {
        answer.to_string()
    })
}

/// Edits the file with toml_edit so that comments and other profiles stay as they were.
fn write_profile(
    path: &Path,
    name: &str,
    entries: &Entries,
    args: &InitArgs,
) -> anyhow::Result<()> {
    let text = file::text_to_edit(path)?;
    // The file's own validation first: its errors name line and column but never quote the
    // line (which may hold a secret), unlike toml_edit's.
    file::parse_text(path, &text)?;
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|_| {
        ConfigError::invalid(
            msg!("err-config-not-toml", path = path.display()),
            msg!("hint-fix-it-first"),
        )
    })?;
    let profiles = doc
        .entry("profiles")
        .or_insert(toml_edit::table())
        .as_table_mut()
        .ok_or_else(|| {
            ConfigError::invalid(
                msg!("err-profiles-not-table", path = path.display()),
                msg!("hint-fix-it-first"),
            )
        })?;
    profiles.set_implicit(true);
    if profiles.contains_key(name) && !args.force {
        return Err(Failure::new(
            Kind::Usage,
            msg!("err-profile-exists", name = name, path = path.display()),
        )
        .with_hint(msg!("hint-profile-exists"))
        .into());
    }
    let mut table = toml_edit::Table::new();
    for (k, v) in entries {
        table[k] = toml_edit::value(v.as_str());
    }
    profiles.insert(name, toml_edit::Item::Table(table));
    if args.set_default {
        doc["default_profile"] = toml_edit::value(name);
    }
    // A config kept elsewhere behind a link (dotfile managers) stays where it is: the link's
    // target is rewritten, the link is never replaced by a file.
    crate::files::write_private_through_link(path, &doc.to_string())
        .explain_with(|| msg!("err-write-config", path = path.display()))
}
