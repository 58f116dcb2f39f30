//! Usage errors in the run's language. clap words its errors in English only: in another
//! language, the facts clap gives (the argument, the value, the values it takes, its
//! suggestions, the usage line) are said in the catalogue's words, laid out as clap lays
//! them out; the exit code stays clap's (2).

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::messages::{self, msg, Level, Message};
use crate::units::{format_duration, Refusal};

/// Says `err` on stderr, as clap would but in the catalogue's words.
pub fn say(err: &clap::Error) {
    let (head, (values, tips)) = facts(err);
    messages::say(Level::Error, &head);
    let mut rest: String = values
        .iter()
        .map(|v| format!("  {}\n", v.render()))
        .collect();
    if !tips.is_empty() {
        rest.push('\n');
    }
    for tip in &tips {
        rest.push_str(&format!("  {}\n", tip.render()));
    }
    if let Some(usage) = usage_line(err) {
        rest.push_str(&format!("\n{usage}\n"));
    }
    rest.push_str(&format!("\n{}\n", msg!("usage-more").render()));
    if let Some(rest) = rest.strip_suffix('\n') {
        messages::say(
            Level::Plain,
            &Message::new("usage-rest").arg_lines("lines", rest),
        );
    }
}

/// The error's own sentence, and the lines under it (the values it takes, the tips).
fn facts(err: &clap::Error) -> (Message, (Vec<Message>, Vec<Message>)) {
    let arg = text(err, ContextKind::InvalidArg);
    let value = text(err, ContextKind::InvalidValue);
    let head = match err.kind() {
        ErrorKind::UnknownArgument => msg!("usage-unknown-argument", arg = arg),
        ErrorKind::InvalidValue if value.is_empty() => msg!("usage-value-missing", arg = arg),
        ErrorKind::InvalidValue => msg!("usage-invalid-value", arg = arg, value = value),
        ErrorKind::ValueValidation => {
            msg!("usage-value-refused", arg = arg, value = value).quote("reason", reason(err))
        }
        ErrorKind::NoEquals => msg!("usage-no-equals", arg = arg),
        ErrorKind::TooManyValues => msg!("usage-too-many-values", arg = arg, value = value),
        ErrorKind::InvalidSubcommand => msg!(
            "usage-unknown-subcommand",
            name = text(err, ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingSubcommand => msg!(
            "usage-missing-subcommand",
            name = text(err, ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => {
            let missing = list(err, ContextKind::InvalidArg);
            let lines: String = missing.iter().map(|a| format!("\n  {a}")).collect();
            Message::new("usage-missing-required").arg_lines("args", lines)
        }
        ErrorKind::ArgumentConflict => conflict(err, &arg),
        _ => clap_words(err),
    };
    (head, notes(err))
}

/// Why a value parser refused: a typed quantity's reason, or a parser's that says it in the
/// catalogue's words (`Worded`), in those words; any other parser's text as it is.
fn reason(err: &clap::Error) -> Message {
    let source = std::error::Error::source(err);
    if let Some(worded) = source.and_then(|s| s.downcast_ref::<messages::Worded>()) {
        return worded.0.clone();
    }
    match source.and_then(|s| s.downcast_ref::<Refusal>()) {
        Some(refusal) => refusal_said(refusal),
        None => msg!(
            "usage-reason",
            reason = source.map_or(String::new(), |s| s.to_string())
        ),
    }
}

/// `--a` with `--b`, `--a` twice, or `--a` with whatever else was given.
fn conflict(err: &clap::Error, arg: &str) -> Message {
    let prior = list(err, ContextKind::PriorArg);
    match prior.as_slice() {
        [one] if one == arg => msg!("usage-used-twice", arg = arg),
        [] => msg!("usage-conflict-others", arg = arg),
        many => msg!("usage-conflict", arg = arg, other = many.join("', '")),
    }
}

/// What clap says, without its `error: ` and its usage (an error this module has no words
/// for: clap's English then).
fn clap_words(err: &clap::Error) -> Message {
    let text = err.render().to_string();
    let first = text.lines().next().unwrap_or_default();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    msg!("usage-other", error = first)
}

/// The lines under the sentence: the values the option takes; then, after a blank line,
/// clap's suggestions.
fn notes(err: &clap::Error) -> (Vec<Message>, Vec<Message>) {
    let mut values = Vec::new();
    let mut notes = Vec::new();
    let valid = list(err, ContextKind::ValidValue);
    if !valid.is_empty() && err.kind() == ErrorKind::InvalidValue {
        values.push(msg!("usage-possible-values", values = valid.join(", ")));
    }
    let valid = list(err, ContextKind::ValidSubcommand);
    if !valid.is_empty() {
        values.push(msg!("usage-subcommands", values = valid.join(", ")));
    }
    let similar = [
        (ContextKind::SuggestedSubcommand, "usage-similar-subcommand"),
        (ContextKind::SuggestedArg, "usage-similar-argument"),
        (ContextKind::SuggestedValue, "usage-similar-value"),
    ];
    for (kind, id) in similar {
        let names = list(err, kind);
        if !names.is_empty() {
            notes.push(Message::new(id).arg("name", names.join("', '")));
        }
    }
    if let Some(ContextValue::StyledStrs(tips)) = err.get(ContextKind::Suggested) {
        notes.extend(tips.iter().map(|tip| tip_in_words(&tip.to_string())));
    }
    (values, notes)
}

/// clap's tip to pass `-x` after `--`, in words; any other tip as clap says it.
fn tip_in_words(tip: &str) -> Message {
    let as_value = tip
        .strip_prefix("to pass '")
        .and_then(|rest| rest.split_once("' as a value"))
        .map(|(arg, _)| arg.to_string());
    match as_value {
        Some(arg) => msg!("usage-tip-as-value", arg = arg),
        None => msg!("usage-tip", tip = tip),
    }
}

/// clap's usage line, its heading in the catalogue's word (the lines under it lined up).
fn usage_line(err: &clap::Error) -> Option<String> {
    let Some(ContextValue::StyledStr(usage)) = err.get(ContextKind::Usage) else {
        return None;
    };
    let usage = usage.to_string();
    let body = usage.strip_prefix("Usage: ")?;
    let heading = format!(
        "{}: ",
        messages::text_of(messages::lang::current(), "heading-usage")?
    );
    let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(heading.as_str()));
    let body = super::help::usage_in_words(body, messages::lang::current());
    Some(format!(
        "{heading}{}",
        body.replace("\n       ", &format!("\n{indent}"))
    ))
}

/// A context value as one text (a list joined), or empty.
fn text(err: &clap::Error, kind: ContextKind) -> String {
    list(err, kind).join(", ")
}

/// A context value as a list of texts.
fn list(err: &clap::Error, kind: ContextKind) -> Vec<String> {
    match err.get(kind) {
        Some(ContextValue::String(one)) => vec![one.clone()],
        Some(ContextValue::Strings(many)) => many.clone(),
        Some(ContextValue::StyledStr(one)) => vec![one.to_string()],
        Some(ContextValue::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

/// A refused quantity's reason as a catalogue message.
fn refusal_said(refusal: &Refusal) -> Message {
    use assist_units::Error as E;
    match refusal {
        Refusal::Units(E::NotADuration { text, why, flaw }) => {
            msg!("units-not-a-duration", text = text).translated("why", why, flaw_said(flaw))
        }
        Refusal::Units(E::Negative { text }) => msg!("units-negative", text = text),
        Refusal::Units(E::Zero { text }) => msg!("units-zero", text = text),
        Refusal::Units(E::TooLong {
            text,
            limit: Some(limit),
        }) => too_long(text, *limit),
        Refusal::Units(E::TooLong { text, limit: None }) => {
            msg!("units-too-long-any", text = text)
        }
        Refusal::Interval(text) => msg!("units-interval-short", text = text),
        Refusal::Rate(text) => msg!("units-rate", text = text),
    }
}

/// What was wrong with a text that is not a duration, in the catalogue's words (English
/// keeps jiff's own explanation).
fn flaw_said(flaw: &assist_units::Flaw) -> Message {
    use assist_units::Flaw as F;
    let (kind, unit) = match flaw {
        F::Empty => ("empty", ""),
        F::NoNumber => ("no-number", ""),
        F::NoUnit => ("no-unit", ""),
        F::Unit(unit) => ("unit", unit.as_str()),
        F::Other => ("other", ""),
    };
    msg!("units-flaw", flaw = kind, unit = unit)
}

/// Over a limit: in whole days when it is whole days (the units crate's own wording).
fn too_long(text: &str, limit: std::time::Duration) -> Message {
    let secs = limit.as_secs();
    if secs > 0 && secs.is_multiple_of(86_400) && limit.subsec_nanos() == 0 {
        msg!("units-too-long-days", text = text, days = secs / 86_400)
    } else {
        msg!(
            "units-too-long",
            text = text,
            limit = format_duration(limit)
        )
    }
}
