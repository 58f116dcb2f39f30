//! The local Workspace simulator: its command-line options, and starting it in the background
//! (`spawn`, for the demo profile and tests) or in the foreground (`run`, for `assist sim`).
//!
//! The rooms: `server` (routes, request ids, log, stats, control endpoints), `conn` (accepting
//! connections, HTTP/1 on each, the idle timeout), `tls` (HTTPS), `gate` (the API Gateway's
//! authentication), `quota` (its flow control), `workspace` (the Workspace operations), `iam`
//! (password tokens and the project lookup), `store` and `seed` (the assistance records and
//! the seeded desktops), `tenant` and `consent` (the tenant's settings, the desktops' login
//! states and the messages they received, and their HTTP side), `faults` (network and server misbehaviour), `errors` (the error
//! bodies), `verify` (its own SDK-HMAC-SHA256 verifier, sharing no code with the client's
//! signer), `clock` (simulated time that tests advance).

mod clock;
mod conn;
mod consent;
mod errors;
mod faults;
mod gate;
mod iam;
mod quota;
mod secret;
mod seed;
mod server;
mod store;
mod tenant;
mod tls;
mod units;
pub mod verify;
mod workspace;

#[cfg(test)]
mod tests;

use anyhow::{bail, Context};
pub use secret::Secret;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use conn::IdleClose;
pub use faults::{FaultKind, FaultOn};
pub use gate::Temporary;
pub use iam::IamUser;
pub use quota::{RateLimit, RetryAfter, Scope as RateLimitScope};
pub use tenant::SettingsApi;

pub const DEMO_AK: &str = "DEMOACCESSKEY0000000";
pub const DEMO_SK: &str = "DEMOSECRETKEY000000000000000000000000000";
pub const DEMO_TOKEN: &str = "demo-token-0000000000";
pub const DEMO_PROJECT_ID: &str = "0bec5db98280d2d02fd6c00c2de791ce";
// Temporary credentials (an STS triple): this AK and SK verify only with this security token.
pub const DEMO_TEMP_AK: &str = "DEMOTEMPACCESSKEY000";
pub const DEMO_TEMP_SK: &str = "DEMOTEMPSECRETKEY0000000000000000000000";
pub const DEMO_SECURITY_TOKEN: &str = "demo-security-token-0000000000";
// Simulator test credentials for password authentication, printed in the banner.
pub const DEMO_USER: &str = "demo-user";
pub const DEMO_PASSWORD: &str = "Demo-Passw0rd!";
pub const DEMO_DOMAIN: &str = "demo-account";
pub const DEMO_REGION: &str = "cn-north-4";
const DEMO_IAM_USER: &str = "demo-user:Demo-Passw0rd!";

// Options of `assist sim` (a plain comment: a doc comment would become the command's help).
// `Debug` shows the SK and the token as `(redacted)`.
#[derive(clap::Args, Clone, Debug)]
pub struct SimArgs {
    /// Address to listen on; port 0 picks a free port. Only loopback unless --allow-remote
    #[arg(long, default_value = "127.0.0.1:0")]
    pub addr: SocketAddr,

    /// Allow listening on a non-loopback address (the simulator has demo credentials only)
    #[arg(long)]
    pub allow_remote: bool,

    /// Access key (AK) the simulator accepts for SDK-HMAC-SHA256 signatures
    #[arg(long, env = "ASSIST_SIM_AK", default_value = DEMO_AK, hide_env_values = true)]
    pub ak: String,

    /// Secret key (SK) the simulator verifies signatures with [default: the demo SK]
    #[arg(long, env = "ASSIST_SIM_SK", default_value = DEMO_SK, hide_env_values = true,
          hide_default_value = true, value_parser = parse_secret)]
    pub sk: Secret,

    /// Token the simulator accepts in X-Auth-Token [default: the demo token]
    #[arg(long, env = "ASSIST_SIM_TOKEN", default_value = DEMO_TOKEN, hide_env_values = true,
          hide_default_value = true, value_parser = parse_secret)]
    pub token: Secret,

    /// Temporary access key: accepted only with --security-token in X-Security-Token
    #[arg(long, env = "ASSIST_SIM_TEMP_AK", default_value = DEMO_TEMP_AK, hide_env_values = true)]
    pub temp_ak: String,

    /// Secret key of --temp-ak [default: the demo temporary SK]
    #[arg(long, env = "ASSIST_SIM_TEMP_SK", default_value = DEMO_TEMP_SK, hide_env_values = true,
          hide_default_value = true, value_parser = parse_secret)]
    pub temp_sk: Secret,

    /// The security token that goes with --temp-ak; any other X-Security-Token is refused (401)
    /// [default: the demo security token]
    #[arg(long, env = "ASSIST_SIM_SECURITY_TOKEN", default_value = DEMO_SECURITY_TOKEN,
          hide_env_values = true, hide_default_value = true, value_parser = parse_secret)]
    pub security_token: Secret,

    /// Project ID served under /v2/{project_id}/, and the ID of the --region project in IAM
    #[arg(long, default_value = DEMO_PROJECT_ID)]
    pub project_id: String,

    /// Region name of the one IAM project (token scope.project.name, GET /v3/projects?name=)
    #[arg(long, value_name = "NAME", default_value = DEMO_REGION)]
    pub region: String,

    /// User who may get a token from POST /v3/auth/tokens with this password; repeatable.
    /// The password may contain ':' [default: demo-user:Demo-Passw0rd!]
    #[arg(long = "iam-user", value_name = "NAME:PASSWORD", default_value = DEMO_IAM_USER,
          hide_default_value = true)]
    pub iam_users: Vec<IamUser>,

    /// Account (domain) name of every --iam-user, as in password.user.domain.name
    #[arg(long, value_name = "NAME", default_value = DEMO_DOMAIN)]
    pub iam_domain: String,

    /// How long a token issued by POST /v3/auth/tokens is accepted, e.g. 24h, 2s
    #[arg(long, value_name = "DURATION", default_value = "24h", value_parser = parse_duration)]
    pub token_ttl: Duration,

    /// GET /v3/projects answers two projects for the region (an error for clients)
    #[arg(long)]
    pub duplicate_project: bool,

    /// Time from start until the end user "confirms" (WAIT_USER_CONFIRM -> WAIT_USER_ACCESS), e.g. 2s, 100ms
    #[arg(long, default_value = "2s", value_parser = parse_duration)]
    pub confirm_after: Duration,

    /// Further time until the end user "enables access" (WAIT_USER_ACCESS -> OPEN)
    #[arg(long, default_value = "2s", value_parser = parse_duration)]
    pub access_after: Duration,

    /// Desktop whose end user declines new requests (-> CLOSE with failed_reason); repeatable
    #[arg(long = "refuse", value_name = "DESKTOP_ID")]
    pub refuse: Vec<String>,

    /// Desktop whose end user never answers a request: it waits, then closes once the tenant's
    /// `wait_confirm_time` has passed (with a failed_reason, the simulator's guess); repeatable
    #[arg(long = "silent", value_name = "DESKTOP_ID")]
    pub silent: Vec<String>,

    /// Whether the tenant's collaboration-settings API answers: available, forbidden (403 to
    /// GET and PUT) or absent (the gateway's 404 APIGW.0101, as in a region without it)
    #[arg(long, value_enum, ignore_case = true, default_value_t = SettingsApi::Available, value_name = "HOW")]
    pub settings_api: SettingsApi,

    /// Desktop helped a day before the simulator started: its session is over (CLOSE, with that
    /// day's create_time) until someone asks again; repeatable
    #[arg(long = "helped-yesterday", value_name = "DESKTOP_ID")]
    pub helped_yesterday: Vec<String>,

    /// Seed N more desktops 00000000-0000-4000-8000-{index:012} (PC-00001, user001, ...)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub desktops: u32,

    /// Assistance records of the --desktops ones: none until started, or a fixed mix
    #[arg(long, value_enum, ignore_case = true, default_value_t = SeedStatus::None)]
    pub seed_status: SeedStatus,

    /// Misbehave on a fraction (--fault-rate) of Workspace requests: latency[:DUR], 403, 429, 500,
    /// 502, 503, 504, no-api (the gateway's 404 APIGW.0101: no such API), html, empty, truncated,
    /// wrong-types, nulls, unknown-status, escapes, huge (10 MB), trickle (1 byte/s for 4 bytes,
    /// then the rest), stall (a 200's headers, then no body for 10 minutes), drop, drop-after
    /// (remote-assistance calls: carried out, then the answer is cut off), redirect,
    /// flood (ListDesktops: 20,000 desktops a page, no end), ignore-filters (ListDesktops
    /// answers every desktop whatever its filters), echo-headers (a 400 quoting every
    /// request header), spoof (bidi overrides, zero-width characters, C1 controls), paste-jack
    /// (an invitation code that ends a bracketed paste and carries a command); or mixed:
    /// per faulted request one of them at random (latency up to 2s), never redirect, which is a
    /// permanent answer rather than a passing failure
    #[arg(long, value_name = "KIND")]
    pub fault: Option<FaultKind>,

    /// Fraction of Workspace requests that get --fault, from 0 to 1
    #[arg(long, value_name = "RATE", default_value_t = 1.0, value_parser = parse_rate)]
    pub fault_rate: f64,

    /// Always misbehave for one desktop, e.g. --fault-on a130ab3a-...=500; repeatable
    #[arg(long, value_name = "DESKTOP_ID=KIND")]
    pub fault_on: Vec<FaultOn>,

    /// Extra delay before every Workspace answer, e.g. 200ms
    #[arg(long, default_value = "0s", value_parser = parse_duration)]
    pub latency: Duration,

    /// The API Gateway's flow control over Workspace calls (the /v2 APIs; not IAM): N calls a
    /// second or a minute, e.g. 200/s or 120/min, from a token bucket on the real clock; a call
    /// past it is answered 429 APIGW.0308 and changes nothing
    #[arg(long, value_name = "RATE", value_parser = parse_rate_limit)]
    pub rate_limit: Option<RateLimit>,

    /// Calls a full --rate-limit bucket lets through at once [default: the N of the rate]
    #[arg(long, value_name = "N", requires = "rate_limit",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub rate_burst: Option<u32>,

    /// Whose calls share the --rate-limit budget: all callers together, or each AK and each
    /// token on its own
    #[arg(long, value_enum, ignore_case = true, default_value_t = RateLimitScope::All,
          value_name = "SCOPE")]
    pub rate_limit_scope: RateLimitScope,

    /// Retry-After seconds on the 429 of --rate-limit, or none (the gateway documents none); a
    /// number also replaces the 1 second that 429 faults carry
    #[arg(long, value_name = "none|SECS", default_value = "none", value_parser = parse_retry_after)]
    pub retry_after: RetryAfter,

    /// Close a keep-alive connection (HTTP or HTTPS) idle this long with no request in
    /// progress, as gateways do, e.g. 5s, 200ms
    #[arg(long, value_name = "DURATION", value_parser = parse_idle_timeout)]
    pub idle_timeout: Option<Duration>,

    /// How --idle-timeout ends a connection: fin closes it (the client's pool sees it go);
    /// reset forgets it silently, as load balancers and NATs drop idle flows, and answers the
    /// client's next request on it with a TCP reset
    #[arg(long, value_enum, ignore_case = true, default_value_t = IdleClose::Fin,
          value_name = "HOW", requires = "idle_timeout")]
    pub idle_close: IdleClose,

    /// Run the gateway's clock this far ahead of the machine's, e.g. 20m: every AK/SK request
    /// then fails with APIGW.0303 (clock skew), as from a client whose clock is late
    #[arg(long, value_name = "DURATION", default_value = "0s", value_parser = parse_duration)]
    pub clock_ahead: Duration,

    /// What GET answers for an existing desktop without an assistance record (the cloud's
    /// answer is not documented): 404 with a SIM.0411 code, 200 with `{}`, or 200 with the
    /// nine fields null
    #[arg(long, value_enum, ignore_case = true, default_value_t = NoRecordAs::NotFound, value_name = "ANSWER")]
    pub no_record_as: NoRecordAs,

    /// What POST answers on a desktop whose session is already open or pending (not
    /// documented either): the existing record (200), or 409 SIM.0409
    #[arg(long, value_enum, ignore_case = true, default_value_t = PostOnActive::Record, value_name = "ANSWER")]
    pub post_on_active: PostOnActive,

    /// Seeded sessions that wait for the end user move on like started ones (from the first
    /// time they are read) instead of waiting for ever; the demo profile's simulator does this
    #[arg(long)]
    pub lively: bool,

    /// Forget the demo profile's saved state (the sessions started or cancelled with
    /// `--profile demo`), so that the demo starts over; then exit
    #[arg(long)]
    pub reset_demo: bool,

    /// Largest page ListDesktops answers, whatever limit the client asks for (at most 1000)
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub page_size_cap: usize,

    /// How ListDesktops matches `computer_name`: exact (whole name, same case; the stricter
    /// reading of the API reference) or fuzzy (part of the name, any case)
    #[arg(long, value_enum, ignore_case = true, default_value_t = NameMatch::Exact)]
    pub name_match: NameMatch,

    /// How ListDesktops reads a list (`desktop_id`, `user_name`): repeated (a key per value, as
    /// both official SDKs send it; a comma is part of one value) or comma (the old reading: a
    /// value is split at commas, repeated keys still add values)
    #[arg(long, value_enum, ignore_case = true, default_value_t = ListStyle::Repeated, value_name = "STYLE")]
    pub list_style: ListStyle,

    /// Serve HTTPS with this PEM certificate chain (with --tls-key) instead of plain HTTP
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// PEM private key (PKCS#8, PKCS#1 or SEC1) of --tls-cert
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
}

/// How ListDesktops's `computer_name` filter matches: the API reference does not say
/// (docs/WORKSPACE-API.md §8), so the simulator plays both.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NameMatch {
    /// The whole name, case-sensitive
    #[default]
    Exact,
    /// Part of the name, in any case
    Fuzzy,
}

/// `--list-style`: how a list in the query is read (docs/WORKSPACE-API.md §7).
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ListStyle {
    /// A key per value (`desktop_id=a&desktop_id=b`); a comma belongs to its value
    #[default]
    Repeated,
    /// Each value split at commas too (`desktop_id=a,b`), as an earlier reading of the page had it
    Comma,
}

/// `--no-record-as`: the GET answer for "this desktop has no assistance record".
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoRecordAs {
    /// 404, the same answer as for a desktop that does not exist (as the real API may)
    #[value(name = "404")]
    NotFound,
    /// 200 with an empty object `{}`
    Empty,
    /// 200 with the nine fields, each null
    Nulls,
}

/// `--post-on-active`: the POST answer on a desktop whose session is open or pending.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostOnActive {
    /// 200 with the existing session, as if it had just been created
    Record,
    /// 409 Conflict (the real code is not known; the client goes by the status)
    Conflict,
}

/// Whether the `--desktops` ones start with assistance records.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeedStatus {
    /// No record until an assistance is started
    None,
    /// A deterministic mix of OPEN, WAIT_USER_CONFIRM, WAIT_USER_ACCESS, CLOSE and no record
    Mixed,
}

impl SimArgs {
    /// The options `assist sim` has when none is given.
    pub fn demo() -> SimArgs {
        SimArgs {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            allow_remote: false,
            ak: DEMO_AK.to_string(),
            sk: Secret::new(DEMO_SK),
            token: Secret::new(DEMO_TOKEN),
            temp_ak: DEMO_TEMP_AK.to_string(),
            temp_sk: Secret::new(DEMO_TEMP_SK),
            security_token: Secret::new(DEMO_SECURITY_TOKEN),
            project_id: DEMO_PROJECT_ID.to_string(),
            region: DEMO_REGION.to_string(),
            iam_users: vec![IamUser::new(DEMO_USER, DEMO_PASSWORD)],
            iam_domain: DEMO_DOMAIN.to_string(),
            token_ttl: Duration::from_secs(24 * 60 * 60),
            duplicate_project: false,
            confirm_after: Duration::from_secs(2),
            access_after: Duration::from_secs(2),
            refuse: Vec::new(),
            silent: Vec::new(),
            settings_api: SettingsApi::Available,
            helped_yesterday: Vec::new(),
            desktops: 0,
            seed_status: SeedStatus::None,
            fault: None,
            fault_rate: 1.0,
            fault_on: Vec::new(),
            latency: Duration::ZERO,
            rate_limit: None,
            rate_burst: None,
            rate_limit_scope: RateLimitScope::All,
            retry_after: RetryAfter(None),
            idle_timeout: None,
            idle_close: IdleClose::Fin,
            page_size_cap: 1000,
            no_record_as: NoRecordAs::NotFound,
            post_on_active: PostOnActive::Record,
            lively: false,
            reset_demo: false,
            clock_ahead: Duration::ZERO,
            name_match: NameMatch::Exact,
            list_style: ListStyle::Repeated,
            tls_cert: None,
            tls_key: None,
        }
    }

    /// The TLS acceptor of --tls-cert/--tls-key, if both are given.
    fn tls(&self) -> anyhow::Result<Option<tokio_rustls::TlsAcceptor>> {
        match (&self.tls_cert, &self.tls_key) {
            (Some(cert), Some(key)) => tls::acceptor(cert, key).map(Some),
            _ => Ok(None),
        }
    }
}

fn parse_secret(s: &str) -> Result<Secret, String> {
    if s.is_empty() {
        return Err("must not be empty".to_string());
    }
    Ok(Secret::new(s))
}

/// The simulator's durations may be zero (no latency), but never overflow a clock.
fn parse_duration(s: &str) -> Result<Duration, String> {
    crate::units::parse_duration(s)
}

fn parse_rate_limit(s: &str) -> Result<RateLimit, String> {
    s.parse()
}

fn parse_retry_after(s: &str) -> Result<RetryAfter, String> {
    s.parse()
}

/// An idle timeout of zero would close every connection before its first request.
fn parse_idle_timeout(s: &str) -> Result<Duration, String> {
    match crate::units::parse_duration(s)? {
        d if d.is_zero() => Err("must be longer than zero, like 5s or 200ms".to_string()),
        d => Ok(d),
    }
}

fn parse_rate(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(r) if (0.0..=1.0).contains(&r) => Ok(r),
        _ => Err("a number from 0 to 1, like 0.1".to_string()),
    }
}

/// A simulator serving on a background thread. Dropping it stops the server.
pub struct Handle {
    addr: SocketAddr,
    https: bool,
    clock: Arc<clock::Clock>,
    sim: Arc<server::Sim>,
    /// The saved state this simulator was taken up from, to tell its own changes apart.
    base: store::Saved,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Handle {
    pub fn url(&self) -> String {
        url(self.https, self.addr)
    }

    /// The bound address (the port is the one the OS chose for `127.0.0.1:0`).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Lets simulated time pass: sessions move on and tokens age as if `by` had gone by.
    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    /// The sessions started or cancelled so far (and when lively seeds began), as JSON that
    /// [`spawn_saved`] takes up again: how the demo profile keeps its story between commands.
    pub fn saved_state(&self) -> String {
        serde_json::to_string(&self.sim.store.save()).unwrap_or_default()
    }

    /// Like [`Handle::saved_state`], for a file that other simulators may have saved to since
    /// this one was spawned: what this one changed, laid over `current` (the file's text now),
    /// so that records it did not change keep their newer values. No `current` (the file is
    /// gone) keeps this one's changes alone; one that cannot be read is taken as unchanged.
    pub fn saved_state_over(&self, current: Option<&str>) -> String {
        let current = match current {
            None => store::Saved::default(),
            Some(text) => serde_json::from_str(text).unwrap_or_else(|_| self.base.clone()),
        };
        let merged = self.sim.store.save().merged(&self.base, current);
        serde_json::to_string(&merged).unwrap_or_default()
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        // Dropping the runtime on that thread cancels every connection, even a trickling one,
        // so the join is quick and the port is free when `drop` returns.
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Binds `args.addr` and serves on a background thread; returns once listening.
pub fn spawn(args: &SimArgs) -> anyhow::Result<Handle> {
    spawn_saved(args, None)
}

/// Like [`spawn`], going on from a state saved by [`Handle::saved_state`]; a state that cannot
/// be read is an error (the caller decides whether to start over).
pub fn spawn_saved(args: &SimArgs, saved: Option<&str>) -> anyhow::Result<Handle> {
    let mut sim = server::Sim::new(args);
    let mut base = store::Saved::default();
    if let Some(text) = saved {
        base = serde_json::from_str(text).context("reading the saved simulator state")?;
        sim.store.restore(base.clone());
    }
    let tls = args.tls()?;
    let https = tls.is_some();
    let (listener, addr) = bind(args)?;
    let sim = Arc::new(sim);
    let clock = sim.clock.clone();
    let serving = sim.clone();
    let runtime = runtime()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name(format!("assist-sim-{}", addr.port()))
        .spawn(move || {
            let result = runtime.block_on(server::serve(listener, tls, serving, async {
                let _ = stopped.await;
            }));
            if let Err(e) = result {
                eprintln!("assist sim: {e:#}");
            }
            drop(runtime);
        })
        .context("starting the simulator thread")?;
    Ok(Handle {
        addr,
        https,
        clock,
        sim,
        base,
        stop: Some(stop),
        thread: Some(thread),
    })
}

/// Serves in the foreground until Ctrl-C, after printing the banner on stdout.
pub fn run(args: &SimArgs) -> anyhow::Result<()> {
    let tls = args.tls()?;
    let (listener, addr) = bind(args)?;
    let sim = Arc::new(server::Sim::new(args));
    let mut out = std::io::stdout().lock();
    out.write_all(banner(args, url(tls.is_some(), addr)).as_bytes())
        .and_then(|()| out.flush())
        .context("writing the banner")?;
    drop(out);
    runtime()?.block_on(server::serve(listener, tls, sim, async {
        let _ = tokio::signal::ctrl_c().await;
    }))
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .context("starting the simulator runtime")
}

/// Binds synchronously so that the caller knows the port before any request is made.
fn bind(args: &SimArgs) -> anyhow::Result<(std::net::TcpListener, SocketAddr)> {
    if !args.addr.ip().is_loopback() {
        if !args.allow_remote {
            bail!(
                "refusing to listen on {}: the simulator accepts demo credentials; \
                 use a loopback address like 127.0.0.1:8443, or add --allow-remote",
                args.addr
            );
        }
        eprintln!(
            "note: the simulator listens on {} and is reachable from other hosts",
            args.addr
        );
    }
    let listener = std::net::TcpListener::bind(args.addr)
        .with_context(|| format!("listening on {}", args.addr))?;
    listener
        .set_nonblocking(true)
        .context("configuring the listening socket")?;
    let addr = listener.local_addr().context("reading the bound address")?;
    Ok((listener, addr))
}

fn url(https: bool, addr: SocketAddr) -> String {
    let scheme = if https { "https" } else { "http" };
    format!("{scheme}://{addr}")
}

/// The banner of `assist sim`: the URL line tests read, then a profile ready to paste.
fn banner(args: &SimArgs, url: String) -> String {
    let q = |s: &str| serde_json::Value::from(s).to_string();
    let mut banner = format!(
        "# assist simulator listening on {url} (Ctrl-C to stop)\n\
         # Paste into your config (see `assist config path`), then use --profile sim:\n\
         [profiles.sim]\n\
         endpoint = {}\n\
         project_id = {}\n\
         auth = \"aksk\"\n\
         ak = {}\n\
         sk = {}\n\
         # or auth = \"token\" with: token = {}\n",
        q(&url),
        q(&args.project_id),
        q(&args.ak),
        q(args.sk.expose()),
        q(args.token.expose()),
    );
    if let Some(user) = args.iam_users.first() {
        banner.push_str(&format!(
            "# password auth: user = {}, domain = {}, region = {} (password: {})\n",
            q(&user.name),
            q(&args.iam_domain),
            q(&args.region),
            user.password.expose(),
        ));
    }
    banner
}
