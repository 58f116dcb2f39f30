//! `assist desktops`: ListDesktops through every page, rendered as a table, JSON or IDs.

use super::select::{combined_filter, list_all, non_empty};
use crate::api::DesktopFilter;
use crate::cli::DesktopsArgs;
use crate::config::Settings;
use crate::messages::{self, msg};
use crate::outcome::{Explain, Failure, Kind, Outcome};
use crate::output::{render_desktops, OutputFormat};

pub fn run(settings: &Settings, args: &DesktopsArgs) -> anyhow::Result<Outcome> {
    if settings.output == OutputFormat::Link {
        return Err(Failure::new(Kind::Usage, msg!("err-desktops-no-link"))
            .with_hint(msg!("hint-desktops-no-link"))
            .into());
    }
    let filter = DesktopFilter {
        // The API's statuses are upper case; people type them any way.
        status: non_empty(&args.status).map(|s| s.to_ascii_uppercase()),
        ..combined_filter(&args.select)
    };
    let client = super::setup::client(settings)?;
    let desktops = list_all(&client, &filter).explain(msg!("err-list-desktops"))?;
    if desktops.is_empty() && settings.output == OutputFormat::Table {
        messages::plain(&msg!("desktops-none-match"));
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
