//! Statuses on the command line: any case, and a near miss (`closed`) answered with the
//! spelling meant (`did you mean CLOSE?`), which clap's own suggestion misses across cases.

use std::ffi::OsStr;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// One of `states`, in any case; the value is the state as listed.
#[derive(Clone, Debug)]
pub struct AnyCase(pub &'static [&'static str]);

impl TypedValueParser for AnyCase {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        let typed = value.to_string_lossy();
        match self.0.iter().find(|s| s.eq_ignore_ascii_case(&typed)) {
            Some(known) => Ok((*known).to_string()),
            None => Err(self.unknown(cmd, arg, &typed)),
        }
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.0.iter().map(|s| PossibleValue::new(*s))))
    }
}

impl AnyCase {
    /// Exit 2 naming the valid states, and the one meant when the typing is close to it.
    fn unknown(&self, cmd: &clap::Command, arg: Option<&clap::Arg>, typed: &str) -> clap::Error {
        let flag = arg
            .and_then(|a| a.get_long())
            .map_or_else(|| "STATUS".to_string(), |l| format!("--{l}"));
        let closest = self.closest(typed);
        let guess = closest
            .map(|s| format!("; did you mean {s}?"))
            .unwrap_or_default();
        let message = format!(
            "invalid value '{typed}' for '{flag}'{guess}\n  [possible values: {}]\n",
            self.0.join(", ")
        );
        let mut err = clap::Error::raw(ErrorKind::InvalidValue, message).with_cmd(cmd);
        // The facts as well, which a raw error's English text leaves unused: a usage error
        // in another language is said from them (cli/usage.rs).
        let known = self.0.iter().map(|s| s.to_string()).collect();
        let facts = [
            (ContextKind::InvalidArg, ContextValue::String(flag)),
            (
                ContextKind::InvalidValue,
                ContextValue::String(typed.into()),
            ),
            (ContextKind::ValidValue, ContextValue::Strings(known)),
        ];
        for (kind, value) in facts {
            err.insert(kind, value);
        }
        if let Some(s) = closest {
            err.insert(ContextKind::SuggestedValue, ContextValue::String(s.into()));
        }
        err
    }

    /// The state most like `typed` (any case), if like enough to be what was meant.
    fn closest(&self, typed: &str) -> Option<&'static str> {
        let typed = typed.to_ascii_uppercase();
        self.0
            .iter()
            .map(|s| (strsim::jaro_winkler(&typed, s), *s))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, s)| s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_find_the_state_meant() {
        let states = AnyCase(&["OPEN", "WAIT_USER_CONFIRM", "CLOSE", "NONE"]);
        assert_eq!(states.closest("closed"), Some("CLOSE"));
        assert_eq!(states.closest("opened"), Some("OPEN"));
        assert_eq!(
            states.closest("wait_user_confirmed"),
            Some("WAIT_USER_CONFIRM")
        );
        assert_eq!(states.closest("xyz"), None);
    }
}
