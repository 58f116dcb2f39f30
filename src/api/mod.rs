//! The thin HTTP layer, one job a file: `transport` sends one attempt, `retry` decides what is
//! tried again, `credentials` guards against sending refused credentials, `client` puts them
//! together, `calls` and `iam` are the endpoints; answers read into `model` or `ApiError`.

mod answer;
mod calls;
mod client;
mod credentials;
mod error;
mod error_body;
mod excerpt;
pub mod iam;
mod lenient;
pub mod model;
mod retry;
mod stale;
mod tally;
pub mod tenant;
mod trace;
mod transport;
mod words;

pub use answer::Answered;
pub use calls::DesktopFilter;
pub use client::{Client, ClientOptions};
pub use credentials::Auth;
#[cfg(test)]
pub use error::StatusError;
pub use error::{ApiError, NetKind};
pub use tally::{Counts, Tally};
pub use trace::Trace;
pub use transport::is_loopback;
