//! The run's credentials and its standing with the cloud: once the cloud refused them (401)
//! or their rights (403), no request is sent again; a password token is renewed at most once.

use std::sync::Mutex;

use super::answer::Answer;
use super::error::ApiError;
use super::trace::{lock, Trace};
use crate::auth::Credentials;
use crate::messages::msg;

/// How requests are authenticated: fixed credentials, or a token that can be renewed once
/// when the service answers 401 (a password-based IAM token that was revoked or expired).
pub enum Auth {
    Fixed(Credentials),
    Renewable { initial: Credentials, renew: Renew },
}

pub type Renew = Box<dyn Fn() -> Result<Credentials, ApiError> + Send + Sync>;

/// The credentials requests are signed with, and whether they may still be sent.
pub(super) struct Keys {
    current: Mutex<Credentials>,
    renew: Option<Renew>,
    standing: Mutex<Standing>,
}

/// The run's standing with the cloud. Once it refused the credentials (401) or their rights
/// (403), no request is sent again: five bad signatures in a row lock an AK for minutes, and
/// a password login storm is no better. A password token is renewed at most once per run.
#[derive(Default)]
struct Standing {
    refused: Option<ApiError>,
    renewed: bool,
    /// Counts renewals, so that a request sent with the old token retries without renewing.
    generation: u64,
}

impl Keys {
    pub(super) fn new(auth: Auth) -> Keys {
        let (current, renew) = match auth {
            Auth::Fixed(c) => (c, None),
            Auth::Renewable { initial, renew } => (initial, Some(renew)),
        };
        Keys {
            current: Mutex::new(current),
            renew,
            standing: Mutex::new(Standing::default()),
        }
    }

    /// The credentials to sign the next request with.
    pub(super) fn current(&self) -> Credentials {
        lock(&self.current).clone()
    }

    /// Sends unless the run was refused already; remembers a refusal so that nothing more is
    /// sent, and renews renewable credentials once per run on a 401.
    pub(super) fn guarded(
        &self,
        trace: &Trace,
        send: &dyn Fn() -> Result<Answer, ApiError>,
    ) -> Result<Answer, ApiError> {
        let generation = {
            let standing = lock(&self.standing);
            if let Some(refused) = &standing.refused {
                return Err(refused.clone());
            }
            standing.generation
        };
        match send() {
            Err(e) if e.is_refused() => self.after_refusal(trace, e, generation, send),
            other => other,
        }
    }

    /// Forgets a 403 (never a 401): a policy refused one action, and the command goes on to
    /// another that it may allow (`start` asks after its look first was forbidden).
    pub(super) fn forgive_forbidden(&self) {
        let mut standing = lock(&self.standing);
        if standing.refused.as_ref().and_then(ApiError::status) == Some(403) {
            standing.refused = None;
        }
    }

    fn after_refusal(
        &self,
        trace: &Trace,
        e: ApiError,
        generation: u64,
        send: &dyn Fn() -> Result<Answer, ApiError>,
    ) -> Result<Answer, ApiError> {
        let mut standing = lock(&self.standing);
        if let Some(first) = &standing.refused {
            return Err(first.clone());
        }
        let renew = self.renew.as_ref().filter(|_| e.status() == Some(401));
        match renew {
            // Another request renewed the token while this one was out with the old one.
            Some(_) if standing.generation != generation => {}
            Some(renew) if !standing.renewed => {
                standing.renewed = true;
                trace.at(1, || format!("* {}", msg!("api-renewing-token").render()));
                // Others wait on the lock meanwhile, then go out with the new token.
                let fresh = renew().inspect_err(|_| standing.refused = Some(e.clone()))?;
                *lock(&self.current) = fresh;
                standing.generation += 1;
            }
            _ => {
                standing.refused = Some(e.clone());
                return Err(e);
            }
        }
        drop(standing);
        let result = send();
        if let Err(again) = &result {
            if again.is_refused() {
                lock(&self.standing).refused.get_or_insert(again.clone());
            }
        }
        result
    }
}

#[cfg(test)]
mod tests;
