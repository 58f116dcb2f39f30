//! What the polling engine tells the command that runs it: each change it observes, and the
//! lines for a person (notes, warnings, errors about one desktop) as messages. The engine
//! never prints; whoever drives it decides where its words go.

use crate::api::model::RemoteAssistance;
use crate::domain::DesktopNames;
use crate::messages::{self, Level, Message};

/// Receives each first observation and each change, in the order they were seen, and what
/// the engine has to say besides.
pub trait Reporter {
    fn change(
        &mut self,
        id: &str,
        names: Option<&DesktopNames>,
        record: &RemoteAssistance,
        at: jiff::Timestamp,
    ) -> std::io::Result<()>;

    /// A line for a person. Stderr through the messages room unless the reporter knows
    /// better: stdout carries only what was observed, so scripts can read it.
    fn say(&mut self, level: Level, message: &Message) {
        messages::say(level, message);
    }

    /// Whether whoever reads the changes has gone (a pipe's reader closed it). A quiet run
    /// writes nothing, so a closed pipe would never be noticed by a failed write.
    fn gone(&self) -> bool {
        false
    }
}
