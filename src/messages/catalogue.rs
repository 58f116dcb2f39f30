//! The words of every message, by id and language: the Fluent catalogues under `locales/`
//! (`locales/en/*.ftl`, `locales/zh-CN/*.ftl`), embedded in the binary at build time.
//!
//! Fluent (Mozilla's localisation system, through `fluent-templates`) rather than a table of
//! our own: arguments by name (`{ $desktop }`), plurals and per-language files a translator
//! reviews as text. A message missing from a language falls back to English; the catalogue
//! tests fail on any gap.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{static_loader, LanguageIdentifier, Loader};

use super::lang::Lang;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: the text goes to terminals and logs,
        // where U+2068/U+2069 are invisible noise (and assist escapes such characters).
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fn language(lang: Lang) -> LanguageIdentifier {
    match lang {
        Lang::En => fluent_templates::langid!("en"),
        Lang::Zh => fluent_templates::langid!("zh-CN"),
    }
}

/// The text of `id` in `lang` (English when that language lacks it), each `{ $name }`
/// replaced by its value as given: the caller has sanitised the values. `None`: no language
/// has the id.
pub fn text(lang: Lang, id: &str, args: &[(&str, String)]) -> Option<String> {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| {
            (
                Cow::Owned(name.to_string()),
                FluentValue::from(value.clone()),
            )
        })
        .collect();
    LOCALES.try_lookup_with_args(&language(lang), id, &args)
}

/// Whether `lang`'s own catalogue has `id` (no fallback): for the completeness tests.
#[cfg(test)]
pub fn has(lang: Lang, id: &str) -> bool {
    files(lang)
        .iter()
        .any(|(_, source)| ids_of(source).iter().any(|i| i == id))
}

/// The catalogue files of `lang`, read from the source tree: (file name, text).
#[cfg(test)]
pub fn files(lang: Lang) -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang.tag());
    let mut found: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    found.sort();
    found
}

/// The message ids a catalogue file defines.
#[cfg(test)]
pub fn ids_of(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_string()))
        .collect()
}
