//! Temporary stand-in for the simulator (being built on branch `sim`).
#![allow(dead_code)]
pub const DEMO_AK: &str = "DEMOACCESSKEY0000000";
pub const DEMO_SK: &str = "DEMOSECRETKEY000000000000000000000000000";
pub const DEMO_TOKEN: &str = "demo-token-0000000000";
pub const DEMO_PROJECT_ID: &str = "0bec5db98280d2d02fd6c00c2de791ce";
#[derive(clap::Args, Clone, Debug)]
pub struct SimArgs {}
impl SimArgs {
    pub fn demo() -> SimArgs {
        SimArgs {}
    }
}
pub struct Handle;
impl Handle {
    pub fn url(&self) -> String {
        String::new()
    }
}
pub fn spawn(_: &SimArgs) -> anyhow::Result<Handle> {
    anyhow::bail!("not yet")
}
pub fn run(_: &SimArgs) -> anyhow::Result<()> {
    anyhow::bail!("not yet")
}
