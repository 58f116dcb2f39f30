//! Telling a pooled keep-alive connection that the server had already closed from any other
//! failure, in reqwest's error chain.
//!
//! Gateways close connections left idle (and load balancers forget them without a word);
//! the pool may hand out such a connection before it has seen the close. The request then
//! fails before any answer: hyper says the connection closed before the message completed,
//! or the socket says reset, broken pipe or aborted. reqwest wraps that as
//! `reqwest::Error` → hyper-util's client error → `hyper::Error` (→ `io::Error`).
//!
//! Requests the pool had not yet written on a closed connection are sent again by
//! hyper-util itself on a new one ("canceled", `retry_canceled_requests`, on by default and
//! left on by reqwest 0.12), whatever the method: nothing of them reached the server.

use std::error::Error;
use std::io::ErrorKind;

/// Whether `e` says the connection closed under the request before any answer came.
/// Connect errors and timeouts are not this: they are no sign of a stale connection.
pub fn closed_before_answer(e: &reqwest::Error) -> bool {
    if e.is_connect() || e.is_timeout() || e.is_body() || e.is_decode() {
        return false;
    }
    chain_says_closed(e)
}

/// Walks the causes for hyper's "closed before message completed" (or "canceled") and for
/// a socket that was reset, broken or aborted.
fn chain_says_closed(e: &(dyn Error + 'static)) -> bool {
    let mut cause = Some(e);
    while let Some(c) = cause {
        if let Some(h) = c.downcast_ref::<hyper::Error>() {
            if h.is_incomplete_message() || h.is_canceled() {
                return true;
            }
        }
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            if matches!(
                io.kind(),
                ErrorKind::ConnectionReset | ErrorKind::BrokenPipe | ErrorKind::ConnectionAborted
            ) {
                return true;
            }
        }
        cause = c.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt;

    /// An error with a cause, like each link of reqwest's chain.
    #[derive(Debug)]
    struct Wrapped(Box<dyn Error + Send + Sync>);

    impl fmt::Display for Wrapped {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("client error (SendRequest)")
        }
    }

    impl Error for Wrapped {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            Some(&*self.0)
        }
    }

    fn io(kind: ErrorKind) -> Wrapped {
        Wrapped(Box::new(Wrapped(Box::new(std::io::Error::from(kind)))))
    }

    #[test]
    fn a_reset_broken_or_aborted_socket_anywhere_in_the_chain_is_a_closed_connection() {
        for kind in [
            ErrorKind::ConnectionReset,
            ErrorKind::BrokenPipe,
            ErrorKind::ConnectionAborted,
        ] {
            assert!(chain_says_closed(&io(kind)), "{kind:?}");
        }
    }

    #[test]
    fn other_failures_are_not() {
        for kind in [
            ErrorKind::ConnectionRefused,
            ErrorKind::TimedOut,
            ErrorKind::InvalidData,
            ErrorKind::Other,
        ] {
            assert!(!chain_says_closed(&io(kind)), "{kind:?}");
        }
        let text = Wrapped("connection closed before message completed".into());
        assert!(!chain_says_closed(&text), "only the typed error counts");
    }
}
