//! The lock-out guard and the one renewal, with a stand-in for the network that counts what
//! it is asked to send.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use super::*;
use crate::api::error::StatusError;

fn status(status: u16) -> ApiError {
    ApiError::Status(Box::new(StatusError {
        status,
        ..StatusError::default()
    }))
}

fn ok() -> Answer {
    Answer {
        status: 200,
        request_id: None,
        retry_after: None,
        subject_token: None,
        body: Vec::new(),
    }
}

/// A network that answers each request with the next of `answers` (the last one for ever),
/// and how many requests it was sent.
fn network(answers: Vec<u16>) -> (impl Fn() -> Result<Answer, ApiError>, Arc<AtomicU32>) {
    let sent = Arc::new(AtomicU32::new(0));
    let counter = sent.clone();
    let send = move || {
        let n = counter.fetch_add(1, Ordering::SeqCst) as usize;
        match answers[n.min(answers.len() - 1)] {
            200 => Ok(ok()),
            s => Err(status(s)),
        }
    };
    (send, sent)
}

fn renewable(renewals: Arc<AtomicU32>) -> Keys {
    Keys::new(Auth::Renewable {
        initial: Credentials::Anonymous,
        renew: Box::new(move || {
            renewals.fetch_add(1, Ordering::SeqCst);
            Ok(Credentials::Anonymous)
        }),
    })
}

#[test]
fn fixed_credentials_once_refused_are_never_sent_again() {
    for refusal in [401, 403] {
        let keys = Keys::new(Auth::Fixed(Credentials::Anonymous));
        let (send, sent) = network(vec![refusal, 200]);
        let first = keys.guarded(&Trace::off(), &send).err().unwrap();
        assert_eq!(first.status(), Some(refusal));
        let second = keys.guarded(&Trace::off(), &send).err().unwrap();
        assert_eq!(second.status(), Some(refusal), "the first refusal, again");
        assert_eq!(sent.load(Ordering::SeqCst), 1, "HTTP {refusal}");
    }
}

#[test]
fn a_401_renews_a_token_once_and_sends_again_once() {
    let renewals = Arc::new(AtomicU32::new(0));
    let keys = renewable(renewals.clone());
    let (send, sent) = network(vec![401, 200, 401]);
    assert!(keys.guarded(&Trace::off(), &send).is_ok());
    assert_eq!(
        (sent.load(Ordering::SeqCst), renewals.load(Ordering::SeqCst)),
        (2, 1)
    );
    // Refused again with the new token: no second renewal, and nothing more is sent.
    assert_eq!(
        keys.guarded(&Trace::off(), &send).err().unwrap().status(),
        Some(401)
    );
    assert!(keys.guarded(&Trace::off(), &send).is_err());
    assert_eq!(
        (sent.load(Ordering::SeqCst), renewals.load(Ordering::SeqCst)),
        (3, 1)
    );
}

#[test]
fn a_403_is_not_renewed() {
    let renewals = Arc::new(AtomicU32::new(0));
    let keys = renewable(renewals.clone());
    let (send, sent) = network(vec![403, 200]);
    assert_eq!(
        keys.guarded(&Trace::off(), &send).err().unwrap().status(),
        Some(403)
    );
    assert!(keys.guarded(&Trace::off(), &send).is_err());
    assert_eq!(
        (sent.load(Ordering::SeqCst), renewals.load(Ordering::SeqCst)),
        (1, 0)
    );
}

#[test]
fn a_forgiven_403_lets_the_next_request_go_and_a_401_is_never_forgiven() {
    let keys = Keys::new(Auth::Fixed(Credentials::Anonymous));
    let (send, sent) = network(vec![403, 200]);
    assert_eq!(
        keys.guarded(&Trace::off(), &send).err().unwrap().status(),
        Some(403)
    );
    keys.forgive_forbidden();
    assert!(keys.guarded(&Trace::off(), &send).is_ok());
    assert_eq!(sent.load(Ordering::SeqCst), 2);
    let keys = Keys::new(Auth::Fixed(Credentials::Anonymous));
    let (send, sent) = network(vec![401, 200]);
    assert!(keys.guarded(&Trace::off(), &send).is_err());
    keys.forgive_forbidden();
    assert_eq!(
        keys.guarded(&Trace::off(), &send).err().unwrap().status(),
        Some(401)
    );
    assert_eq!(sent.load(Ordering::SeqCst), 1);
}
