//! The words of the domain, with their rules: assistance statuses, desktop IDs, the password
//! mask. The bottom layer: cli, commands, api and output import it; it imports none of them.

pub mod desktop_id;
mod names;
pub mod share;
mod status;

pub use desktop_id::DesktopId;
pub use names::DesktopNames;
pub use status::Status;

/// What a password is shown as unless the operator asks for it (`--show-password`), in
/// rendered records and in quoted server bodies alike.
pub const MASK: &str = "********";
