//! The polling engine behind `watch`, `sessions` and `start --wait`: the poll loop (`poll`),
//! what one answer does to its desktop (`desk`), the pure rules of when a desktop is settled
//! and how a run ends (`settle`), its plan and outcome (`plan`), its pacer and queue, the
//! state file, signals, fan-out, the desktop directory, and what it says (`notes`, with the
//! `summary` of failures that hit many desktops at once). Commands drive it; it never
//! prints: changes and lines for a person go to the command's `output::Reporter`.

pub mod blank;
mod desk;
pub mod directory;
pub mod fanout;
#[cfg(test)]
mod model;
mod notes;
pub mod pace;
pub mod plan;
pub mod poll;
pub mod queue;
mod rounds;
mod settle;
pub mod signals;
pub mod state;
pub mod summary;

pub use state::StateError;
