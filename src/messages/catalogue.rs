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
