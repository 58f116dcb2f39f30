//! Credentials and how they authenticate a request: AK/SK signature or an `X-Auth-Token`.

pub mod signer;
