//! `assist show`: GET one desktop's remote-assistance record and render it.

use anyhow::Context;

use crate::api::model;
use crate::cli::ShowArgs;
use crate::config::Settings;
use crate::domain::{DesktopId, Status};
use crate::outcome::{Failure, Kind, Outcome};
use crate::output::{render_show, OutputFormat};
use crate::text::sanitize;

pub fn run(settings: &Settings, args: &ShowArgs) -> anyhow::Result<Outcome> {
    let client = super::setup::client(settings)?;
    let id = &super::select::one(&client, &args.target)?;
    let record = client.remote_assistance(id).with_context(|| {
        format!(
            "could not read the remote assistance of desktop {}",
            sanitize(id.as_str())
        )
    })?;
    if settings.output == OutputFormat::Code && record.open_code().is_none() {
        return Err(no_code(id, &record).into());
    }
    let mut stdout = std::io::stdout().lock();
    render_show(
        &mut stdout,
        settings.output,
        id.as_str(),
        &record,
        settings.style,
    )?;
    Ok(Outcome::Done)
}

fn no_code(id: &DesktopId, record: &model::RemoteAssistance) -> Failure {
    let status = record
        .status()
        .map_or_else(|| "none".into(), |s| sanitize(s.as_str()));
    let mut message = format!(
        "desktop {} has no invitation code: status {status} ({})",
        sanitize(id.as_str()),
        Status::meaning_of(record.status())
    );
    if let Some(reason) = record.failed_reason() {
        message.push_str(&format!("; failed: {}", sanitize(reason)));
    }
    Failure::new(Kind::NoCode, message)
        .with_hint("`assist start --wait` asks the user and waits for the code; `assist show` shows the whole record")
}
