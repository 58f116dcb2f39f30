//! Shared test helpers: a hermetic environment for the real binary and a real simulator process.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command as StdCommand, Stdio};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_assist");
pub const AK: &str = "TESTACCESSKEY0000001";
pub const SK: &str = "TESTSECRETKEY-do-not-print-0000000000001";
pub const TOKEN: &str = "test-token-do-not-print-0001";
pub const PROJECT: &str = "0bec5db98280d2d02fd6c00c2de791ce";
pub const EXAMPLE_DESKTOP: &str = "a130ab3a-72bf-4b71-baa9-af4987c8e338";
pub const OPEN_DESKTOP: &str = "11111111-0000-4000-8000-000000000001";
pub const CONFIRM_DESKTOP: &str = "11111111-0000-4000-8000-000000000002";
pub const FAILED_DESKTOP: &str = "11111111-0000-4000-8000-000000000005";
pub const SIM_PASSWORD: &str = "Sim-Passw0rd!";

/// `assist sim` as a child process on an ephemeral loopback port, killed on drop.
pub struct Sim {
    child: Child,
    pub url: String,
}

impl Sim {
    pub fn start(extra: &[&str]) -> Sim {
        let mut child = StdCommand::new(BIN)
            .args([
                "sim",
                "--addr",
                "127.0.0.1:0",
                "--ak",
                AK,
                "--sk",
                SK,
                "--token",
                TOKEN,
            ])
            .args(["--project-id", PROJECT])
            .args(extra)
            .env_remove("ASSIST_CONFIG")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start assist sim");
        let stdout = child.stdout.take().expect("sim stdout");
        let mut first = String::new();
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("sim banner");
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in the sim banner {first:?}"))
            .to_string();
        Sim { child, url }
    }

    /// What the simulator received, oldest first.
    pub fn requests(&self) -> Vec<Value> {
        let body = reqwest::blocking::get(format!("{}/_sim/requests", self.url))
            .and_then(|r| r.text())
            .expect("sim request log");
        serde_json::from_str(&body).expect("request log is JSON")
    }

    /// Sets a fault through the control endpoint.
    pub fn fault(&self, spec: Value) {
        let status = reqwest::blocking::Client::new()
            .post(format!("{}/_sim/faults", self.url))
            .json(&spec)
            .send()
            .expect("sim fault")
            .status();
        assert!(
            status.is_success(),
            "setting fault {spec} answered {status}"
        );
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A temp HOME and config dir; commands run with no credentials from the real machine.
pub struct Env {
    pub dir: TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn config_path(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    /// Writes the config file with mode 0600.
    pub fn write_config(&self, text: &str) -> PathBuf {
        let path = self.config_path();
        std::fs::write(&path, text).expect("write config");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        path
    }

    /// A `default` profile pointing at the simulator with AK/SK auth.
    pub fn aksk_profile(&self, sim: &Sim, sk: &str) -> PathBuf {
        self.write_config(&format!(
            "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nauth = \"aksk\"\nak = \"{AK}\"\nsk = \"{sk}\"\n",
            sim.url
        ))
    }

    pub fn token_profile(&self, sim: &Sim, token: &str) -> PathBuf {
        self.write_config(&format!(
            "[profiles.default]\nendpoint = \"{}\"\nproject_id = \"{PROJECT}\"\nauth = \"token\"\ntoken = \"{token}\"\n",
            sim.url
        ))
    }

    /// The binary with a clean environment: only PATH, a temp HOME and ASSIST_CONFIG.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("xdg-config"))
            .env("XDG_CACHE_HOME", self.dir.path().join("xdg-cache"))
            .env("ASSIST_CONFIG", self.config_path())
            .timeout(std::time::Duration::from_secs(60));
        cmd
    }

    /// Like `cmd` but without ASSIST_CONFIG, so the platform default location applies.
    pub fn cmd_default_location(&self) -> Command {
        let mut cmd = self.cmd();
        cmd.env_remove("ASSIST_CONFIG");
        cmd
    }
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// No panic text and none of the test's secrets anywhere in what the binary printed.
pub fn assert_clean(output: &std::process::Output) {
    let all = format!("{}{}", stdout(output), stderr(output));
    assert!(!all.contains("panicked"), "panic in output: {all}");
    for secret in [SK, TOKEN] {
        assert!(!all.contains(secret), "secret leaked in output: {all}");
    }
}
