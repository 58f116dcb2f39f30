//! The tenant's collaboration settings: one row a key with its plain-language label (unknown
//! keys by their name, after the known ones), or the parsed object as JSON.

use std::io::Write;

use serde_json::Value;

use super::format::OutputFormat;
use super::style::Style;
use super::table::{lang_of, pairs, word, Cell, Fit, Layout, Stream};
use crate::domain::share::{shown, ShareSettings};
use crate::text::sanitize;

pub fn render_settings(
    out: &mut dyn Write,
    format: OutputFormat,
    settings: &ShareSettings,
) -> std::io::Result<()> {
    match format {
        OutputFormat::Table => {
            let layout = Layout::of(Stream::Stdout);
            let lang = lang_of(layout);
            let rows: Vec<(String, String)> = settings
                .rows()
                .into_iter()
                .map(|(label, name, value)| {
                    let label = label_id(&name).map_or_else(|| label, |id| word(id, lang));
                    let value = match value {
                        Value::Bool(yes) => word(if *yes { "word-yes" } else { "word-no" }, lang),
                        other => shown(&name, other),
                    };
                    (sanitize(&label), sanitize(&value))
                })
                .collect();
            let cells: Vec<(&str, Cell, Fit)> = rows
                .iter()
                .map(|(label, value)| (label.as_str(), Cell::new(value.clone()), Fit::Keep))
                .collect();
            for line in pairs(&cells, Style::default(), layout) {
                writeln!(out, "{line}")?;
            }
        }
        // -o prometheus is refused before any request (commands/setup.rs).
        OutputFormat::Json | OutputFormat::Code | OutputFormat::Link | OutputFormat::Prometheus => {
            let object = Value::Object(settings.values.clone());
            crate::text::write_json_pretty(&mut *out, &object)?;
            writeln!(out)?;
        }
    }
    out.flush()
}

/// The catalogue id of a documented key's label; an unknown key is labelled by its name.
fn label_id(name: &str) -> Option<&'static str> {
    Some(match name {
        "is_user_confirm_enabled" => "setting-is-user-confirm-enabled",
        "wait_confirm_time" => "setting-wait-confirm-time",
        "keyboard_mouse_ctl" => "setting-keyboard-mouse-ctl",
        "audio_and_video" => "setting-audio-and-video",
        "use_share_password" => "setting-use-share-password",
        "allow_anonymous" => "setting-allow-anonymous",
        "anonymous_input_ctrl" => "setting-anonymous-input-ctrl",
        "share_space_name" => "setting-share-space-name",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key documented later must get its label in both languages, not its bare name.
    #[test]
    fn every_documented_key_has_a_label_in_the_catalogue() {
        for key in crate::domain::share::KEYS {
            let id = label_id(key.name).unwrap_or_else(|| panic!("{} has no label id", key.name));
            assert_eq!(word(id, crate::messages::Lang::En), key.label);
        }
    }
}
