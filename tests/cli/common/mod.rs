//! Shared test helpers: a hermetic environment for the real binary and a real simulator process.
#![allow(dead_code)]

pub mod term;

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

/// Waits (up to 60 s, then fails naming `what`) until `reached` says a state the test
/// observes (the simulator's log, a file) has come; checks every few milliseconds.
pub fn wait_for(what: &str, reached: impl FnMut() -> bool) {
    assert!(
        poll_until(std::time::Duration::from_secs(60), reached),
        "gave up waiting for {what}"
    );
}

/// Looks at `reached` every few milliseconds until it holds (true) or `limit` passes (false):
/// the one way the tests wait for a state they observe (a log, a file, a terminal, a process's
/// end). The pause only spaces the looks; the condition, never the pause, decides.
pub fn poll_until(limit: std::time::Duration, mut reached: impl FnMut() -> bool) -> bool {
    let end = std::time::Instant::now() + limit;
    loop {
        if reached() {
            return true;
        }
        if std::time::Instant::now() >= end {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// What a pseudo-terminal shows, as it comes (see [`watch_screen`]).
pub type Screen = std::sync::Arc<std::sync::Mutex<String>>;

/// Collects what the terminal shows, as it comes; decoded whole each time, so that a character
/// split between two reads stays whole.
pub fn watch_screen(mut out: impl std::io::Read + Send + 'static) -> Screen {
    let screen = Screen::default();
    let shared = screen.clone();
    std::thread::spawn(move || {
        let (mut buf, mut all) = ([0u8; 4096], Vec::new());
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
            *shared.lock().unwrap() = String::from_utf8_lossy(&all).into_owned();
        }
    });
    screen
}

/// Waits until the terminal shows `text`.
pub fn wait_for_text(screen: &Screen, text: &str) {
    wait_for(&format!("{text:?} on the terminal"), || {
        screen.lock().unwrap().contains(text)
    });
}

/// Waits (up to 20 s, then kills it and fails) until `child` exits.
pub fn wait_for_child(child: &mut Child) -> std::process::ExitStatus {
    match exit_within(child, std::time::Duration::from_secs(20)) {
        Some(status) => status,
        None => {
            let _ = child.kill();
            panic!("the process did not exit within 20 s");
        }
    }
}

/// The exit status once `child` exits, or `None` if it still runs after `limit`.
pub fn exit_within(
    child: &mut Child,
    limit: std::time::Duration,
) -> Option<std::process::ExitStatus> {
    let mut status = None;
    poll_until(limit, || {
        status = child.try_wait().expect("try_wait");
        status.is_some()
    });
    status
}

/// The simulator's options, parsed like `assist sim` parses them.
#[derive(clap::Parser)]
#[command(name = "sim")]
struct SimCommandLine {
    #[command(flatten)]
    args: assist_sim::SimArgs,
}

/// The simulator library serving in this test process on an ephemeral loopback port; it
/// stops when dropped.
pub struct Sim {
    handle: assist_sim::Handle,
    pub url: String,
}

impl Sim {
    /// Starts a simulator with the test credentials and `extra` options of `assist sim`.
    pub fn start(extra: &[&str]) -> Sim {
        let base = ["sim", "--addr", "127.0.0.1:0", "--ak", AK, "--sk", SK];
        let line = base
            .iter()
            .chain(&["--token", TOKEN, "--project-id", PROJECT])
            .chain(extra);
        let parsed = <SimCommandLine as clap::Parser>::try_parse_from(line)
            .unwrap_or_else(|e| panic!("simulator options {extra:?}: {e}"));
        let handle = assist_sim::spawn(&parsed.args).expect("start the simulator");
        Sim {
            url: handle.url(),
            handle,
        }
    }

    /// Lets simulated time pass: started sessions move on as if `by` had gone by.
    pub fn advance(&self, by: std::time::Duration) {
        self.handle.advance(by);
    }

    /// The project now has `count` generated desktops (`POST /_sim/desktops`).
    pub fn set_desktops(&self, count: u32) {
        let status = sim_client()
            .post(format!("{}/_sim/desktops?count={count}", self.url))
            .send()
            .expect("sim set desktops")
            .status();
        assert!(status.is_success(), "setting desktops answered {status}");
    }

    /// What the simulator received, oldest first.
    pub fn requests(&self) -> Vec<Value> {
        let body = sim_client()
            .get(format!("{}/_sim/requests", self.url))
            .send()
            .and_then(|r| r.text())
            .expect("sim request log");
        serde_json::from_str(&body).expect("request log is JSON")
    }

    /// Clears every runtime fault rule.
    pub fn clear_faults(&self) {
        let status = sim_client()
            .delete(format!("{}/_sim/faults", self.url))
            .send()
            .expect("sim clear faults")
            .status();
        assert!(status.is_success(), "clearing faults answered {status}");
    }

    /// Sets a fault through the control endpoint.
    pub fn fault(&self, spec: Value) {
        let status = sim_client()
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

/// A simulator with `sim_flags` and a hermetic environment whose default profile signs with
/// the right AK/SK: the starting point of most tests.
pub fn sim_and_env(sim_flags: &[&str]) -> (Sim, Env) {
    let sim = Sim::start(sim_flags);
    let env = Env::new();
    env.aksk_profile(&sim, SK);
    (sim, env)
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

/// No panic text, none of the test's secrets and no signature anywhere in what the binary
/// printed.
pub fn assert_clean(output: &std::process::Output) {
    assert_no_leak(output, &[]);
}

// ---- One run, checked: the shape most tests repeat ----

/// A simulator with `extra` options of `assist sim` and an environment whose default profile
/// signs with the right AK/SK (the same as [`sim_and_env`], under the name most tests use).
pub fn setup(extra: &[&str]) -> (Sim, Env) {
    sim_and_env(extra)
}

/// Stdout as one JSON document; when it is not, the failure shows both streams.
pub fn json_of(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON document ({e}): {:?}\nstderr: {}",
            stdout(out),
            stderr(out)
        )
    })
}

/// Runs the binary in `env` with `args` and checks that it printed no secret (see
/// [`assert_secrets_kept`]); the caller checks the rest.
pub fn run(env: &Env, args: &[&str]) -> std::process::Output {
    let out = env.cmd().args(args).output().expect("run assist");
    assert_secrets_kept(&out);
    out
}

/// No panic text, no signature and none of the tests' secrets: the shared ones, the space
/// password (no caller of this passes `--show-password`), and any value marked
/// `do-not-print`, the mark every test secret carries.
pub fn assert_secrets_kept(out: &std::process::Output) {
    assert_no_leak(out, &[SIM_PASSWORD, "do-not-print"]);
}

/// A run of the binary to check: a command still to run, or the output of one that ran
/// (for tests whose own helper runs it).
pub trait Ran {
    fn into_output(self) -> std::process::Output;
}

impl Ran for &mut Command {
    fn into_output(self) -> std::process::Output {
        self.output().expect("run assist")
    }
}

impl Ran for std::process::Output {
    fn into_output(self) -> std::process::Output {
        self
    }
}

/// Checks how a run ended: exit `code`, exactly `expected` on stdout, each of `stderr_has`
/// somewhere on stderr, and no secret anywhere (like fd's `assert_output`). Returns the
/// output for whatever else the test looks at.
pub fn assert_output(
    ran: impl Ran,
    code: i32,
    expected: &str,
    stderr_has: &[&str],
) -> std::process::Output {
    let out = ran.into_output();
    let (text, err) = (stdout(&out), stderr(&out));
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout: {text}\nstderr: {err}"
    );
    assert_eq!(text, expected, "stdout; stderr: {err}");
    for needle in stderr_has {
        assert!(err.contains(needle), "{needle:?} not on stderr: {err}");
    }
    assert_secrets_kept(&out);
    out
}

/// Checks that a run failed with `code`, printed nothing on stdout, said each of `messages`
/// on stderr, and printed no secret.
pub fn assert_error(ran: impl Ran, code: i32, messages: &[&str]) -> std::process::Output {
    assert_output(ran, code, "", messages)
}

/// The first stderr line of a usage error (exit 2, nothing on stdout) from `args`.
pub fn usage_head(env: &Env, args: &[&str]) -> String {
    let out = assert_error(env.cmd().args(args), 2, &[]);
    stderr(&out).lines().next().unwrap_or_default().to_string()
}

/// The simulator received no POST and no DELETE: nothing was started or cancelled.
pub fn assert_nothing_changed(sim: &Sim) {
    let changes: Vec<Value> = sim
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "POST" || r["method"] == "DELETE")
        .collect();
    assert!(changes.is_empty(), "changes were sent: {changes:#?}");
}

// ---- Helpers for start, cancel and watch ----

/// `00000000-0000-4000-8000-{index:012}`, a desktop seeded by `--desktops N`.
pub fn generated_id(index: u32) -> String {
    format!("00000000-0000-4000-8000-{index:012}")
}

/// The API path of a desktop's remote assistance (for IDs that need no escaping).
pub fn assistance_path(desktop_id: &str) -> String {
    format!("/v2/{PROJECT}/desktops/{desktop_id}/remote-assistance")
}

/// The latest request for a remote-assistance path (a 404 is followed by a listing that
/// tells "no record" from "no such desktop").
pub fn last_assistance_request(sim: &Sim) -> Value {
    sim.requests()
        .into_iter()
        .rfind(|r| {
            r["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("/remote-assistance"))
        })
        .expect("a remote-assistance request")
}

/// The Workspace requests of the sim log with this method, oldest first.
pub fn requests_with_method(sim: &Sim, method: &str) -> Vec<Value> {
    sim.requests()
        .into_iter()
        .filter(|r| r["method"] == method)
        .collect()
}

/// The requests to remote-assistance paths only: what `start` and `cancel` did to the
/// session, without the looks around it (the tenant's settings, the desktop's state).
pub fn assistance_requests(sim: &Sim) -> Vec<Value> {
    sim.requests()
        .into_iter()
        .filter(|r| {
            r["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("/remote-assistance"))
        })
        .collect()
}

/// Starts a remote assistance directly through the API (token auth), retrying the answers
/// a `--fault` rate may inject (the simulator breaks them before acting). Returns the POST answer.
pub fn start_via_api(sim: &Sim, desktop_id: &str) -> Value {
    let client = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client");
    let url = format!("{}{}", sim.url, assistance_path(desktop_id));
    let mut last = String::new();
    for _ in 0..50 {
        // Content-Length: 0 as the SDK sends it; the simulator answers 411 without it.
        let request = client
            .post(&url)
            .header("X-Auth-Token", TOKEN)
            .header("Content-Length", "0");
        match request.send() {
            Ok(resp) if resp.status() == reqwest::StatusCode::OK => {
                if let Ok(v) = resp.json::<Value>() {
                    return v;
                }
                last = "unparsable 200".into();
            }
            Ok(resp) => last = format!("HTTP {}", resp.status()),
            Err(e) => last = e.to_string(),
        }
    }
    panic!("could not start {desktop_id} through the API: {last}");
}

/// The statuses in the order the assistance goes through them.
pub const LIFECYCLE: [&str; 3] = ["WAIT_USER_CONFIRM", "WAIT_USER_ACCESS", "OPEN"];

/// Whether `seen` is a strictly in-order subsequence of LIFECYCLE (no repeats) ending in OPEN.
pub fn is_lifecycle_to_open(seen: &[String]) -> bool {
    let ranks: Option<Vec<usize>> = seen
        .iter()
        .map(|s| LIFECYCLE.iter().position(|l| l == s))
        .collect();
    match ranks {
        Some(r) => !r.is_empty() && r.windows(2).all(|w| w[0] < w[1]) && r.last() == Some(&2),
        None => false,
    }
}

/// An 8-character invitation code: uppercase ASCII letters and digits.
pub fn is_invitation_code(code: &str) -> bool {
    code.len() == 8
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// The keys of `show -o json`: `desktop_id` and the nine API fields.
pub const SHOW_KEYS: [&str; 10] = [
    "desktop_id",
    "share_space_id",
    "invitation_code",
    "share_space_name",
    "share_space_passwd",
    "private_share_link",
    "internet_share_link",
    "create_time",
    "status",
    "failed_reason",
];

/// The sorted keys of a JSON object.
pub fn keys_of(v: &Value) -> Vec<String> {
    let mut keys: Vec<String> = v
        .as_object()
        .unwrap_or_else(|| panic!("not a JSON object: {v}"))
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

/// The binary as a std Command (for processes that keep running) with the same hermetic
/// environment as `Env::cmd`; stdin is null.
pub fn std_cmd(env: &Env) -> StdCommand {
    let mut cmd = StdCommand::new(BIN);
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.dir.path())
        .env("XDG_CONFIG_HOME", env.dir.path().join("xdg-config"))
        .env("XDG_CACHE_HOME", env.dir.path().join("xdg-cache"))
        .env("ASSIST_CONFIG", env.config_path())
        .stdin(Stdio::null());
    cmd
}

/// A running binary whose stdout and stderr lines arrive on channels as soon as they are
/// written, so that a test waits for a line (a request sent, a lock waited for) instead of
/// sleeping and hoping.
pub struct Running {
    pub child: Child,
    /// The stdout lines, each with its newline.
    pub lines: std::sync::mpsc::Receiver<String>,
    stderr: std::sync::mpsc::Receiver<String>,
    /// The stderr lines read so far.
    pub seen: Vec<String>,
}

/// Each line of the pipe (with its newline) on a channel, as soon as it is written.
fn forward(pipe: impl std::io::Read + Send + 'static) -> std::sync::mpsc::Receiver<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(pipe);
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) if tx.send(line).is_err() => break,
                Ok(_) => {}
            }
        }
    });
    rx
}

impl Running {
    /// Spawns with stdout and stderr piped, each forwarded line by line.
    pub fn spawn(mut cmd: StdCommand) -> Running {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn assist");
        let lines = forward(child.stdout.take().expect("stdout"));
        let stderr = forward(child.stderr.take().expect("stderr"));
        Running {
            child,
            lines,
            stderr,
            seen: Vec::new(),
        }
    }

    /// The next stdout line (with its newline, if it had one), waiting at most `limit`.
    pub fn next_line(&self, limit: std::time::Duration) -> Option<String> {
        self.lines.recv_timeout(limit).ok()
    }

    /// Reads stderr until a line contains `needle`; false if none did within `limit`.
    pub fn wait_for_stderr(&mut self, needle: &str, limit: std::time::Duration) -> bool {
        let end = std::time::Instant::now() + limit;
        let left = || end.saturating_duration_since(std::time::Instant::now());
        while let Ok(line) = self.stderr.recv_timeout(left()) {
            let found = line.contains(needle);
            self.seen.push(line);
            if found {
                return true;
            }
        }
        false
    }

    /// Sends SIGINT, as Ctrl-C would.
    pub fn interrupt(&self) {
        let kill = StdCommand::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(kill.success());
    }

    /// Polls for the exit for at most `limit`; `None` if still running then.
    pub fn wait_for_exit(
        &mut self,
        limit: std::time::Duration,
    ) -> Option<std::process::ExitStatus> {
        exit_within(&mut self.child, limit)
    }

    /// Waits at most `limit` for the end (stderr closes when the process exits): the exit
    /// status, the stdout lines not read yet, and the whole of stderr.
    pub fn end_within(
        mut self,
        limit: std::time::Duration,
    ) -> Option<(std::process::ExitStatus, Vec<String>, String)> {
        let end = std::time::Instant::now() + limit;
        loop {
            let left = end.saturating_duration_since(std::time::Instant::now());
            match self.stderr.recv_timeout(left) {
                Ok(line) => self.seen.push(line),
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => return None,
            }
        }
        let status = self.child.wait().expect("wait");
        // Every line the child wrote: the forwarding thread ends at end of file.
        let rest = self.lines.iter().collect();
        Some((status, rest, self.seen.concat()))
    }

    /// Kills the child (if still running) and returns the remaining stdout lines and stderr.
    pub fn finish(mut self) -> (Vec<String>, String) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let rest: Vec<String> = self.lines.iter().collect();
        self.seen.extend(self.stderr.iter());
        (rest, self.seen.concat())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---- Helpers for credentials and `assist config` ----

/// The simulator's default IAM account (`--iam-user`, `--iam-domain`, `--region`).
pub const IAM_USER: &str = "demo-user";
pub const IAM_DOMAIN: &str = "demo-account";
pub const IAM_PASSWORD: &str = "Demo-Passw0rd!";
pub const SIM_REGION: &str = "cn-north-4";

impl Sim {
    /// `GET /_sim/stats`.
    pub fn stats(&self) -> Value {
        sim_client()
            .get(format!("{}/_sim/stats", self.url))
            .send()
            .and_then(|r| r.json())
            .expect("sim stats")
    }

    /// `POST /_sim/revoke-tokens`: every token issued so far is refused from now on.
    pub fn revoke_tokens(&self) {
        let status = sim_client()
            .post(format!("{}/_sim/revoke-tokens", self.url))
            .send()
            .expect("sim revoke-tokens")
            .status();
        assert!(status.is_success(), "revoke-tokens answered {status}");
    }
}

impl Env {
    /// Where the binary keeps its cache (`$XDG_CACHE_HOME/assist`).
    pub fn cache_dir(&self) -> PathBuf {
        self.dir.path().join("xdg-cache").join("assist")
    }

    /// Writes the man pages (`assist manpages DIR`, DIR/zh_CN too) into `man` of the temp dir.
    pub fn man_pages(&self) -> PathBuf {
        let dir = self.dir.path().join("man");
        let out = self.cmd().arg("manpages").arg(&dir).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        dir
    }

    /// A `default` profile with password auth against the simulator's IAM (no project_id).
    pub fn password_profile(&self, sim: &Sim, password: &str) -> PathBuf {
        self.write_config(&password_profile_text(sim, "default", password))
    }
}

/// A `[profiles.NAME]` section with password auth against the simulator (region cn-north-4).
pub fn password_profile_text(sim: &Sim, name: &str, password: &str) -> String {
    format!(
        "[profiles.{name}]\nendpoint = \"{url}\"\niam_endpoint = \"{url}\"\nregion = \"{SIM_REGION}\"\n\
         auth = \"password\"\nuser = \"{IAM_USER}\"\ndomain = \"{IAM_DOMAIN}\"\n\
         password_command = \"printf %s '{password}'\"\n",
        url = sim.url
    )
}

/// The permission bits of a file or directory.
#[cfg(unix)]
pub fn mode_of(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("stat {}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
pub fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// The 32-hex-digit request ids that follow "request id " in a text.
pub fn request_ids_in(text: &str) -> Vec<String> {
    text.split("request id ")
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_hexdigit)
                .collect::<String>()
        })
        .filter(|id| id.len() == 32)
        .collect()
}

/// A loopback URL where nothing listens (a port bound and released again).
pub fn dead_url() -> String {
    format!("http://127.0.0.1:{}", closed_port())
}

/// Every regular file under `dir`, recursively (none when it does not exist).
pub fn files_under(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Replaces the single-digit year count of each "(N years ago)" with `N`, so that a golden
/// table stays valid as the clock moves on: the seeded create_time 2022-03-28 is "4 years ago"
/// in 2026 and keeps the same width until it becomes "10 years ago" in 2032.
pub fn normalize_age(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" years ago)") {
        let (before, after) = rest.split_at(at);
        let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        // Any whole number of years: the golden texts date from 2022 and must not expire.
        let years: u32 = before[before.len() - digits..]
            .parse()
            .expect("a year count");
        assert!(years >= 1, "an age of {years} years in {text}");
        out.push_str(&before[..before.len() - digits]);
        out.push('N');
        out.push_str(" years ago)");
        rest = &after[" years ago)".len()..];
    }
    out.push_str(rest);
    out
}

/// Compares `actual` with the committed file `relative` (from the crate root); with
/// `ASSIST_BLESS=1` writes `actual` there instead, for a change meant to alter it.
pub fn assert_golden(relative: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("ASSIST_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, actual).expect("bless the golden file");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == actual,
        "{relative} differs from the output (run `ASSIST_BLESS=1 cargo test` if the change is meant):\n--- committed\n{committed}\n--- now\n{actual}"
    );
}

// ---- Helpers for the robustness and soak tests ----

/// Every byte sequence that must never appear in what the binary prints: panic text, and
/// the given secrets. Also no 64-hex-digit run (the `Signature=` value of AK/SK signing).
pub fn assert_no_leak(output: &std::process::Output, secrets: &[&str]) {
    let all = format!("{}{}", stdout(output), stderr(output));
    assert!(!all.contains("panicked"), "panic in output: {all}");
    for secret in [SK, TOKEN].iter().chain(secrets) {
        assert!(!all.contains(secret), "secret {secret:?} leaked: {all}");
    }
    assert!(
        !has_hex_run(&all, 64),
        "a 64-hex-digit run (a signature?) in output: {all}"
    );
}

/// Whether `text` has `n` or more hex digits in a row.
pub fn has_hex_run(text: &str, n: usize) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        run = if b.is_ascii_hexdigit() { run + 1 } else { 0 };
        if run >= n {
            return true;
        }
    }
    false
}

/// What the client's encoder should make of one path segment: everything but the RFC 3986
/// unreserved characters percent-encoded as UTF-8, with uppercase hex.
pub fn encode_segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A loopback port with nothing listening (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

/// A plain (no proxy, no redirects) HTTP client for talking to the simulator from a test.
pub fn sim_client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .expect("http client")
}

/// Cancels a remote assistance through the API (token auth), retrying the answers a fault
/// rate may inject, until the simulator answers 204.
pub fn cancel_via_api(sim: &Sim, desktop_id: &str) {
    let url = format!("{}{}", sim.url, assistance_path(desktop_id));
    let client = sim_client();
    let mut last = String::new();
    for _ in 0..50 {
        let request = client
            .delete(&url)
            .header("X-Auth-Token", TOKEN)
            .header("Content-Length", "0");
        match request.send() {
            Ok(resp) if resp.status() == reqwest::StatusCode::NO_CONTENT => return,
            Ok(resp) => last = format!("HTTP {}", resp.status()),
            Err(e) => last = e.to_string(),
        }
    }
    panic!("could not cancel {desktop_id} through the API: {last}");
}
