//! `assist desktops`: ListDesktops through every page, rendered as a table, JSON or IDs.

use anyhow::Context;

use super::select::list_all;
use crate::api::DesktopFilter;
use crate::cli::DesktopsArgs;
use crate::config::Settings;
use crate::outcome::{Failure, Kind, Outcome};
use crate::output::{render_desktops, OutputFormat};

pub fn run(settings: &Settings, args: &DesktopsArgs) -> anyhow::Result<Outcome> {
    if settings.output == OutputFormat::Link {
        return Err(
            Failure::new(Kind::Usage, "`desktops` has no link to print (-o link)")
                .with_hint(
                    "`-o code` prints the IDs; `assist show ID -o link` prints a session's link",
                )
                .into(),
        );
    }
    let filter = DesktopFilter {
        computer_name: non_empty(&args.select.name),
        user_name: non_empty(&args.select.user),
        desktop_ip: non_empty(&args.select.ip),
        // The API's statuses are upper case; people type them any way.
        status: non_empty(&args.status).map(|s| s.to_ascii_uppercase()),
        ..DesktopFilter::default()
    };
    let client = super::setup::client(settings)?;
    let desktops = list_all(&client, &filter).context("could not list the desktops")?;
    if desktops.is_empty() && settings.output == OutputFormat::Table {
        eprintln!("no desktop matches these filters");
        return Ok(Outcome::Done);
    }
    render_desktops(
        &mut std::io::stdout().lock(),
        settings.output,
        &desktops,
        settings.style,
    )?;
    Ok(Outcome::Done)
}

/// An empty filter would match everything: the same as leaving it out, so it is left out.
fn non_empty(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}
