//! `assist`: remote assistance for Huawei Cloud Workspace desktops.
mod auth;
mod secret;
mod text;
fn main() {}
