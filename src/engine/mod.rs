//! The polling engine behind `watch`, `sessions` and `start --wait`: the poll loop, its pacer
//! and queue, the state file, signals, fan-out, the desktop directory and the summary of
//! failures that hit many desktops at once. Commands drive it; it never prints.

pub mod blank;
pub mod directory;
pub mod fanout;
pub mod pace;
pub mod poll;
pub mod queue;
pub mod signals;
pub mod state;
pub mod summary;

pub use state::StateError;
