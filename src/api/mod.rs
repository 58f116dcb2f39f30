//! The thin HTTP layer: one `Client`, the answer models and `ApiError`.

mod client;
mod error;
mod error_body;
mod excerpt;
pub mod iam;
mod lenient;
pub mod model;
mod stale;

pub use client::{is_loopback, Answered, Auth, Client, ClientOptions, DesktopFilter, Trace};
#[cfg(test)]
pub use error::StatusError;
pub use error::{ApiError, NetKind};
