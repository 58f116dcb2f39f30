//! Sending one message to a bot: reqwest's blocking client with time limits, no proxy for
//! loopback, and no redirects followed (a bot answers where it was asked; a redirect is a
//! failure, never a second request to a host nobody configured).

use std::time::Duration;

use reqwest::blocking::Client;

use super::wire::{verdict, Outgoing, Refusal};
use crate::config::is_loopback;
use crate::messages::{msg, Message};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// One message's whole exchange; the end-of-run flush may shorten it.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// A bot's answer is a short JSON object: more is not read.
const MAX_ANSWER: u64 = 64 * 1024;

/// The two clients: through the environment's proxy, and direct for loopback addresses.
pub struct Poster {
    proxied: Client,
    direct: Client,
}

impl Poster {
    pub fn new() -> Result<Poster, reqwest::Error> {
        let build = |direct: bool| {
            let b = Client::builder()
                .connect_timeout(CONNECT_TIMEOUT)
                .timeout(REQUEST_TIMEOUT)
                .redirect(reqwest::redirect::Policy::none())
                .user_agent(concat!("assist/", env!("CARGO_PKG_VERSION")));
            match direct {
                true => b.no_proxy().build(),
                false => b.build(),
            }
        };
        Ok(Poster {
            proxied: build(false)?,
            direct: build(true)?,
        })
    }

    /// Sends one message within `limit`; `Ok` when the bot took it. The error never
    /// carries the address (its query holds the bot's key).
    pub fn post(&self, out: &Outgoing, limit: Duration) -> Result<u16, Refusal> {
        let client = match is_loopback(&out.url) {
            true => &self.direct,
            false => &self.proxied,
        };
        let mut request = client
            .post(out.url.clone())
            .timeout(limit.min(REQUEST_TIMEOUT))
            .body(out.body.clone());
        request = match out.json {
            true => request.header("Content-Type", "application/json"),
            false => request.header("Content-Type", "text/plain; charset=utf-8"),
        };
        if let Some(title) = &out.title {
            request = request.header("Title", title);
        }
        let response = request.send().map_err(|e| Refusal {
            reason: transport_reason(&e),
            throttled: false,
            answered: false,
        })?;
        let status = response.status().as_u16();
        let mut body = String::new();
        let _ = std::io::Read::read_to_string(
            &mut std::io::Read::take(response, MAX_ANSWER),
            &mut body,
        );
        verdict(status, &body).map(|()| status)
    }
}

/// What went wrong on the way, without the URL reqwest would quote (its deepest cause is
/// quoted as it is).
fn transport_reason(e: &reqwest::Error) -> Message {
    let what = if e.is_timeout() {
        msg!("notify-why-timeout")
    } else if e.is_connect() {
        msg!("notify-why-connect")
    } else {
        msg!("notify-why-failed")
    };
    let mut cause = std::error::Error::source(e);
    let mut deepest = None;
    while let Some(c) = cause {
        deepest = Some(c);
        cause = c.source();
    }
    // The system's reason (a refused connection) in the run's language; a library's as it is.
    let said = |d: &(dyn std::error::Error + 'static)| match d.downcast_ref::<std::io::Error>() {
        Some(io) => crate::messages::os_error(io),
        None => Message::new("as-is").arg("text", d),
    };
    match deepest {
        Some(d) => Message::new("notify-why-cause")
            .quote("what", what)
            .quote("cause", said(d)),
        None => what,
    }
}
