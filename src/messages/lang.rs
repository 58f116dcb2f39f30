//! Which language a person reads: `--lang`, then `ASSIST_LANG`, then the profile's `lang`,
//! then the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: `zh_*` is Chinese), else English.
//!
//! Chosen once, early (before clap parses, so `--help` speaks it too), and read wherever a
//! text for a person is rendered. Data (JSON, codes, links, exit codes, the audit log, the
//! metrics) never depends on it.

use std::ffi::OsString;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language assist speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

/// The words `--lang`, `ASSIST_LANG` and the profile's `lang` take.
pub const NAMES: &[&str] = &["en", "zh"];

impl Lang {
    /// `en`, `zh` and the usual spellings of each (`zh-CN`, `zh_CN.UTF-8`, `cn`, `english`).
    pub fn parse(word: &str) -> Option<Lang> {
        let word = word.trim().to_ascii_lowercase();
        let base = word.split(['.', '@']).next().unwrap_or("");
        match base {
            "en" | "english" | "c" | "posix" => Some(Lang::En),
            "zh" | "cn" | "chinese" => Some(Lang::Zh),
            _ if base.starts_with("en_") || base.starts_with("en-") => Some(Lang::En),
            _ if base.starts_with("zh_") || base.starts_with("zh-") => Some(Lang::Zh),
            _ => None,
        }
    }

    /// One of [`NAMES`] exactly, as the config file's `lang` keys take it: the file is read by
    /// people and scripts alike, so it holds one spelling of each language, not the locale's.
    pub fn named(word: &str) -> Option<Lang> {
        [Lang::En, Lang::Zh].into_iter().find(|l| l.name() == word)
    }

    /// The catalogue's folder under `locales/`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
}

/// 0: not chosen yet (English); 1: English; 2: Chinese.
static CHOSEN: AtomicU8 = AtomicU8::new(0);
/// What chose the language: an [`Origin`] as a number, so that it lives beside `CHOSEN`.
static ORIGIN: AtomicU8 = AtomicU8::new(0);

/// The variables of the locale, in the order POSIX reads them.
const LOCALE_VARS: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

/// What chose the run's language, for `config show` to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Nothing did: English.
    Default,
    /// `--lang`.
    Flag,
    /// `ASSIST_LANG`.
    Env,
    /// The profile's `lang`.
    Profile,
    /// The locale, by the variable that decided (`LANG`…).
    Locale(&'static str),
}

impl Origin {
    fn code(self) -> u8 {
        match self {
            Origin::Default => 0,
            Origin::Flag => 1,
            Origin::Env => 2,
            Origin::Profile => 3,
            Origin::Locale(var) => {
                4 + LOCALE_VARS.iter().position(|v| *v == var).unwrap_or(0) as u8
            }
        }
    }

    fn of(code: u8) -> Origin {
        match code {
            1 => Origin::Flag,
            2 => Origin::Env,
            3 => Origin::Profile,
            4..=6 => Origin::Locale(LOCALE_VARS[usize::from(code - 4)]),
            _ => Origin::Default,
        }
    }

    /// `--lang` and `ASSIST_LANG` are firm: the profile's `lang` gives way to them.
    fn is_firm(self) -> bool {
        matches!(self, Origin::Flag | Origin::Env)
    }
}

/// What chose the run's language.
pub fn origin() -> Origin {
    Origin::of(ORIGIN.load(Ordering::Relaxed))
}

/// The language of this run.
pub fn current() -> Lang {
    match CHOSEN.load(Ordering::Relaxed) {
        2 => Lang::Zh,
        _ => Lang::En,
    }
}

fn set(lang: Lang, origin: Origin) {
    let value = match lang {
        Lang::En => 1,
        Lang::Zh => 2,
    };
    CHOSEN.store(value, Ordering::Relaxed);
    ORIGIN.store(origin.code(), Ordering::Relaxed);
}

impl Lang {
    /// The word for it in `--lang`, `ASSIST_LANG` and the profile's `lang`.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// Chooses the language before anything is parsed: `--lang X` (or `--lang=X`) on the command
/// line, then `ASSIST_LANG`, then the locale. A word neither knows is passed over here: clap
/// then refuses a bad `--lang` with the words it takes.
pub fn choose_early(args: &[OsString], var: impl Fn(&str) -> Option<String>) -> Lang {
    let flag = flag_value(args).and_then(|w| Lang::parse(&w));
    let env = var("ASSIST_LANG").and_then(|w| Lang::parse(&w));
    let (lang, origin) = match (flag, env) {
        (Some(lang), _) => (lang, Origin::Flag),
        (None, Some(lang)) => (lang, Origin::Env),
        (None, None) => locale_choice(&var),
    };
    set(lang, origin);
    lang
}

/// The profile's `lang`, once the config is read: it wins over the locale, not over
/// `--lang` or `ASSIST_LANG`.
pub fn from_profile(lang: Option<Lang>) {
    if origin().is_firm() {
        return;
    }
    if let Some(lang) = lang {
        set(lang, Origin::Profile);
    }
}

/// The first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty decides, as
/// POSIX says; `zh_*` is Chinese, anything else English.
pub fn from_locale(var: &impl Fn(&str) -> Option<String>) -> Lang {
    locale_choice(var).0
}

/// The locale's language and the variable that decided; none set: English by default.
fn locale_choice(var: &impl Fn(&str) -> Option<String>) -> (Lang, Origin) {
    let found = LOCALE_VARS
        .iter()
        .find_map(|name| var(name).filter(|v| !v.is_empty()).map(|v| (*name, v)));
    match found {
        Some((name, value)) => {
            let zh = Lang::parse(&value) == Some(Lang::Zh);
            (if zh { Lang::Zh } else { Lang::En }, Origin::Locale(name))
        }
        None => (Lang::En, Origin::Default),
    }
}

/// The value of `--lang` in the raw arguments (up to a `--`, after which nothing is an option).
fn flag_value(args: &[OsString]) -> Option<String> {
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    let mut found = None;
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--lang" {
            found = words.next().map(|w| w.into_owned());
        } else if let Some(value) = word.strip_prefix("--lang=") {
            found = Some(value.to_string());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_locale_decides_in_posix_order_and_only_zh_is_chinese() {
        assert_eq!(from_locale(&vars(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(from_locale(&vars(&[("LANG", "C")])), Lang::En);
        assert_eq!(from_locale(&vars(&[("LANG", "fr_FR.UTF-8")])), Lang::En);
        let both = [("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")];
        assert_eq!(from_locale(&vars(&both)), Lang::En);
        let empty_all = [("LC_ALL", ""), ("LC_MESSAGES", "zh_TW.UTF-8")];
        assert_eq!(from_locale(&vars(&empty_all)), Lang::Zh);
    }

    #[test]
    fn the_flag_and_the_words_it_takes() {
        assert_eq!(
            flag_value(&args(&["assist", "--lang", "zh", "show"])).as_deref(),
            Some("zh")
        );
        assert_eq!(
            flag_value(&args(&["assist", "show", "--lang=en"])).as_deref(),
            Some("en")
        );
        assert_eq!(flag_value(&args(&["assist", "--", "--lang", "zh"])), None);
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn the_origin_survives_its_number() {
        for origin in [
            Origin::Default,
            Origin::Flag,
            Origin::Env,
            Origin::Profile,
            Origin::Locale("LC_ALL"),
            Origin::Locale("LC_MESSAGES"),
            Origin::Locale("LANG"),
        ] {
            assert_eq!(Origin::of(origin.code()), origin);
        }
        assert_eq!(
            locale_choice(&vars(&[("LANG", "C")])),
            (Lang::En, Origin::Locale("LANG"))
        );
        assert_eq!(locale_choice(&vars(&[])), (Lang::En, Origin::Default));
    }
}
