//! `assist show`: GET one desktop's remote-assistance record and render it.

use anyhow::Context;

use crate::api::model;
use crate::cli::ShowArgs;
use crate::config::Settings;
use crate::exit::{Failure, Kind, Outcome};
use crate::output::{render_show, OutputFormat};
use crate::text::sanitize;

pub fn run(settings: &Settings, args: &ShowArgs) -> anyhow::Result<Outcome> {
    let client = super::client(settings)?;
    let id = &super::select::one(&client, &args.target)?;
    let record = client.remote_assistance(id).with_context(|| {
        format!(
            "could not read the remote assistance of desktop {}",
            sanitize(id)
        )
    })?;
    if settings.output == OutputFormat::Code && record.open_code().is_none() {
        return Err(no_code(id, &record).into());
    }
    let mut stdout = std::io::stdout().lock();
    render_show(&mut stdout, settings.output, id, &record, settings.style)?;
    Ok(Outcome::Done)
}

fn no_code(id: &str, record: &model::RemoteAssistance) -> Failure {
    let status = record
        .status()
        .map(sanitize)
        .unwrap_or_else(|| "none".into());
    let mut message = format!(
        "desktop {} has no invitation code: status {status} ({})",
        sanitize(id),
        model::status_meaning(record.status())
    );
    if let Some(reason) = record.failed_reason() {
        message.push_str(&format!("; failed: {}", sanitize(reason)));
    }
    Failure::new(Kind::NoCode, message)
        .with_hint("`assist start --wait` asks the user and waits for the code; `assist show` shows the whole record")
}

/// The API allows any 1-255 character string; `.` and `..` alone would change the URL's path.
pub fn validate_desktop_id(id: &str) -> Result<&str, Failure> {
    let rule =
        "a desktop ID is 1 to 255 characters, without control characters, and not \".\" or \"..\"";
    let problem = if id.is_empty() {
        Some("is empty")
    } else if id.chars().count() > 255 {
        Some("is longer than 255 characters")
    } else if id.chars().any(char::is_control) {
        Some("contains control characters")
    } else if id == "." || id == ".." {
        Some("would name a different path")
    } else {
        None
    };
    match problem {
        Some(p) => Err(Failure::new(
            Kind::Usage,
            format!("the desktop ID \"{}\" {p}", crate::text::snippet(id, 60)),
        )
        .with_hint(rule)),
        None => Ok(id),
    }
}
