//! The integration tests, built as one binary: one module per subject, all sharing `common`.
//! One binary links once; 29 separate ones cost most of a clean `cargo test` on 2 cores.

mod common;

mod audit;
mod board_tty;
mod completions;
mod config_cmd;
mod config_init_tty;
mod connections;
mod consent;
mod credentials;
mod demo;
mod desktops;
mod edge_cases;
mod exec_hooks;
mod faults;
mod fleet;
mod hardening;
mod house;
mod json_shapes;
mod lang;
mod lang_data;
mod lang_errors;
mod lang_help;
mod lang_os;
mod lang_reasons;
mod lang_rest;
mod lifecycle;
mod none;
mod notify;
mod notify_zh;
mod panic;
mod prometheus;
mod quota;
mod robustness;
mod screens;
mod screens_zh;
mod sdk;
mod sessions;
mod show;
mod soak;
mod state_file;
mod wait_timeout;
mod watch;
mod watch_all;
