//! Keeping a target's secrets out of every output: the bot's key lives in its URL (`?key=`,
//! `access_token=`, a path token), and no line of this run may show it, whatever an error
//! quotes.

use crate::config::notify::NotifyTarget;

/// Registers the URL's secret parts with `text::forbid`, which masks them everywhere.
pub fn forbid_url_secrets(target: &NotifyTarget) {
    for (_, value) in target.url.query_pairs() {
        crate::text::forbid(&value);
    }
    if let Some(last) = target.url.path_segments().and_then(|mut s| s.next_back()) {
        if last.len() >= 16 {
            crate::text::forbid(last);
        }
    }
    if let Some(password) = target.url.password() {
        crate::text::forbid(password);
    }
}
