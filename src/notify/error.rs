//! What can go wrong telling the team before or outside a run: the exit room decides the
//! code and hint (`exit/diagnose.rs`). During a run nothing of it is an error: a failing
//! target is a warning and the run goes on.

use crate::messages::Message;

/// A notification that could not be set up or, for `config check --notify`, sent.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    #[error("cannot set up the HTTP client for notifications: {0}")]
    Client(String),
    /// The bot answered, but not with success.
    #[error("notify target \"{target}\" refused the test message: {reason}")]
    Refused { target: String, reason: Message },
    /// No answer: the address, the network, a proxy.
    #[error("notify target \"{target}\" could not be reached: {reason}")]
    Unreachable { target: String, reason: Message },
}
