//! The words of every message, by id: English. A second language adds its own table (or a
//! localisation crate's catalogue) behind the same lookup; call sites never change.
//!
//! `{name}` is an argument's place; `{{` and `}}` are braces. Keep ids in kebab-case and
//! grouped by the room that says them.

/// (id, text), one row a message.
pub const ENGLISH: &[(&str, &str)] = &[
    // clipboard (`--copy`)
    (
        "copy-done",
        "copied the invitation code to the clipboard (through the terminal, OSC 52)",
    ),
    (
        "copy-not-a-terminal",
        "--copy: nothing copied, stdout is not a terminal (`-o code` prints the code alone)",
    ),
    (
        "copy-no-code",
        "--copy: nothing copied, there is no invitation code yet",
    ),
    // api: what the HTTP layer says without -v (through the client's trace sink), once a run
    (
        "api-unexpected-json-type",
        "the service sent {fields} with an unexpected JSON type (not text); shown as text",
    ),
    (
        "api-silence-retried",
        "no answer from {origin} after {waited}; attempt {next} of {attempts}",
    ),
    // engine (`watch`, `sessions`, `start --wait`: src/engine/)
    ("engine-desktop", "desktop {id}"),
    ("engine-desktop-named", "desktop {id} ({label})"),
    (
        "engine-round-slow",
        "{desktops} desktops at ~{rate}/s: a full round takes ~{round}; pending ones every {pending}",
    ),
    (
        "engine-desktop-left",
        "{desktop} left the project; no longer watched",
    ),
    ("engine-desktop-joined", "{desktop} joined the project; watching it"),
    ("engine-desktop-answers-again", "desktop {id} answers again"),
    (
        "engine-desktop-missing",
        "desktop {id} does not exist ({error}); dropped from the watch",
    ),
    (
        "engine-desktop-retrying",
        "desktop {id}: {error}; retrying with backoff",
    ),
    (
        "engine-desktop-attempt",
        "desktop {id}: {error}; attempt {attempt} of {attempts}",
    ),
    ("engine-desktop-failed", "desktop {id}: {error}"),
    (
        "engine-throttled",
        "the API gateway is throttling (HTTP 429); assist paces its requests to what it accepts",
    ),
    (
        "engine-desktop-ended",
        "desktop {id} ended {status} while waiting for {until}",
    ),
    (
        "engine-many-retrying",
        "{cause}: {count} desktops ({ids}); retrying each with backoff",
    ),
    ("engine-many-failed", "{cause}: {count} desktops ({ids})"),
    (
        "engine-many-answer-again",
        "{count} desktops answer again ({ids})",
    ),
    ("engine-and-more", "and {more} more"),
    (
        "engine-signal-uncaught",
        "cannot catch signal {signal} ({error}); it will end assist abruptly",
    ),
    (
        "engine-ctrl-c-uncaught",
        "cannot catch Ctrl-C ({error}); it will end assist abruptly",
    ),
    (
        "engine-state-file-wait",
        "waiting up to {wait} for the state file {path}, in use by another assist run",
    ),
    // settings (`config`): what resolving them found worth saying
    (
        "config-secrets-readable",
        "{path} holds secrets and can be read by other users; fix it with: chmod 600 {path}",
    ),
    (
        "config-plain-http",
        "profile \"{profile}\" allows plain http: requests to {host} travel unencrypted",
    ),
    (
        "demo-ignores-place",
        "--endpoint and --region are ignored by the built-in demo profile",
    ),
    (
        "demo-simulator",
        "profile \"{profile}\" talks to a built-in simulator at {url}, not to the cloud",
    ),
];

/// The English text of `id`.
pub fn english(id: &str) -> Option<&'static str> {
    ENGLISH.iter().find(|(k, _)| *k == id).map(|(_, v)| *v)
}
