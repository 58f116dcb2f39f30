//! A `Message`: an id of the catalogue and its named values, rendered in a language; and
//! `Worded`, an error of the program's own told in such words.

use std::fmt::Display;

use super::catalogue;
use super::lang::{self, Lang};

/// One thing to say: which message (its id in the catalogue) and the values it names.
#[derive(Clone, PartialEq, Eq)]
pub struct Message {
    id: &'static str,
    args: Vec<Arg>,
}

/// One named value. A value is one line unless it was given as lines: a line break in a path
/// or in server text is shown escaped, so it cannot forge a line of its own.
#[derive(Clone, PartialEq, Eq)]
struct Arg {
    name: &'static str,
    value: String,
    lines: bool,
    /// A message quoted whole (an error's words): said in the language of the sentence around
    /// it, so a Chinese warning never quotes an English error; `value` is its English text.
    quoted: Option<Box<Message>>,
    /// `value` is a source's own English words (a library's): English shows them, every
    /// other language says `quoted` instead.
    english_given: bool,
}

impl Arg {
    fn shown(&self, lang: Lang) -> String {
        if let Some(quoted) = &self.quoted {
            if !(self.english_given && lang == Lang::En) {
                return quoted.render_in(lang);
            }
        }
        if self.lines {
            crate::text::sanitize_lines(&self.value)
        } else {
            crate::text::sanitize(&self.value)
        }
    }
}

impl std::fmt::Debug for Message {
    /// The id and the argument names only: an argument may be a path or server text, and
    /// `Debug` output ends up in places (panics, logs) the run's masking does not reach.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.args.iter().map(|a| a.name).collect();
        write!(f, "Message({} {names:?})", self.id)
    }
}

impl Message {
    pub fn new(id: &'static str) -> Self {
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// Adds the value for `{name}` in the catalogue's text, shown on one line.
    pub fn arg(mut self, name: &'static str, value: impl Display) -> Self {
        self.args.push(Arg {
            name,
            value: value.to_string(),
            lines: false,
            quoted: None,
            english_given: false,
        });
        self
    }

    /// Like [`Message::arg`], for a value whose line breaks are part of it (an error that
    /// lists candidates, a table): the breaks are kept, every other control is escaped.
    pub fn arg_lines(mut self, name: &'static str, value: impl Display) -> Self {
        self.args.push(Arg {
            name,
            value: value.to_string(),
            lines: true,
            quoted: None,
            english_given: false,
        });
        self
    }

    /// Adds another message (an error's words) for `{name}`: rendered in the same language as
    /// this one, so `render_in(Lang::En)` (logs, the audit log) stays English throughout.
    pub fn quote(mut self, name: &'static str, quoted: Message) -> Self {
        self.args.push(Arg {
            name,
            value: quoted.render_in(Lang::En),
            lines: false,
            quoted: Some(Box::new(quoted)),
            english_given: false,
        });
        self
    }

    /// Adds, for `{name}`, a library's own English words (`english`, shown as they came in
    /// English and so in every log) that another language says in the catalogue's words
    /// (`said`): where the library is precise in its own terms, the others say it simply.
    pub fn translated(mut self, name: &'static str, english: impl Display, said: Message) -> Self {
        self.args.push(Arg {
            name,
            value: english.to_string(),
            lines: false,
            quoted: Some(Box::new(said)),
            english_given: true,
        });
        self
    }

    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The value given for `name`, as given (not sanitised): for tests and for callers that
    /// decide on it.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.as_str())
    }

    /// The message in words, in the run's language: the catalogue's text with each
    /// `{ $name }` replaced by its sanitised value. An id missing from the catalogue renders
    /// as the id and its values, so nothing is ever lost (the catalogue's tests catch the gap).
    pub fn render(&self) -> String {
        self.render_in(lang::current())
    }

    /// The message in words in `lang` (English where that language lacks it).
    pub fn render_in(&self, lang: Lang) -> String {
        let args: Vec<(&str, String)> = self.args.iter().map(|a| (a.name, a.shown(lang))).collect();
        catalogue::text(lang, self.id, &args).unwrap_or_else(|| {
            let values: Vec<&str> = args.iter().map(|(_, v)| v.as_str()).collect();
            format!("{} {}", self.id, values.join(" "))
                .trim_end()
                .to_owned()
        })
    }
}

/// The catalogue's text of an id made at run time (the help's, keyed by command path and
/// argument), without arguments; `None` when no language has it.
pub fn text_of(lang: Lang, id: &str) -> Option<String> {
    catalogue::text(lang, id, &[])
}

/// A message shown as an error's text (`Display`, logs, the audit log's `detail`) is English:
/// that text is data. The edge renders the same message in the run's language.
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render_in(Lang::En))
    }
}

/// An error of the program told in the catalogue's words: no typed error (it ends with the
/// internal-error code, as an `anyhow!` would), but the edge says it in the run's language;
/// its `Display` is English, like every error's text.
#[derive(Debug)]
pub struct Worded(pub Message);

impl std::fmt::Display for Worded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Worded {}

/// `anyhow!` for a catalogue message: see [`Worded`].
pub fn worded(message: Message) -> anyhow::Error {
    anyhow::Error::new(Worded(message))
}

/// `msg!` with an id and `name = value` pairs: a `Message` with its arguments.
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::message::Message::new($id)$(.arg(stringify!($name), $value))*
    };
}
pub(crate) use msg;
