//! `Status`: the state of a desktop's remote assistance, the API's four values and assist's
//! own `NONE`, with room for values this version does not know.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A remote-assistance status. On the wire and in every output it is the plain string.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Status {
    Open,
    Close,
    WaitUserConfirm,
    WaitUserAccess,
    /// assist's own: the desktop exists but has no remote-assistance record.
    None,
    /// A status this version does not know, kept as received so that it is shown, not rejected.
    Other(String),
}

impl Status {
    /// The known statuses in any case; anything else is kept as written.
    pub fn parse(s: &str) -> Status {
        match s.to_ascii_uppercase().as_str() {
            "OPEN" => Status::Open,
            "CLOSE" => Status::Close,
            "WAIT_USER_CONFIRM" => Status::WaitUserConfirm,
            "WAIT_USER_ACCESS" => Status::WaitUserAccess,
            "NONE" => Status::None,
            _ => Status::Other(s.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Status::Open => "OPEN",
            Status::Close => "CLOSE",
            Status::WaitUserConfirm => "WAIT_USER_CONFIRM",
            Status::WaitUserAccess => "WAIT_USER_ACCESS",
            Status::None => "NONE",
            Status::Other(s) => s,
        }
    }

    /// A session that lets, or will let, an operator in: neither closed nor absent (a status
    /// this version does not know counts, so that no session is overlooked).
    pub fn is_active(&self) -> bool {
        !matches!(self, Status::Close | Status::None)
    }

    /// Waiting for the end user (to confirm, or to enable access).
    pub fn is_pending(&self) -> bool {
        matches!(self, Status::WaitUserConfirm | Status::WaitUserAccess)
    }
}

/// What a person typed (`--until open`): trimmed, and unknown values upper-cased like the
/// API's own, so that they compare with what the service sends.
impl FromStr for Status {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Status::parse(&s.trim().to_ascii_uppercase()))
    }
}

impl From<&str> for Status {
    fn from(s: &str) -> Self {
        Status::parse(s)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|s| Status::parse(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_statuses_parse_in_any_case_and_print_as_the_api_writes_them() {
        for (text, status) in [
            ("OPEN", Status::Open),
            ("close", Status::Close),
            ("Wait_User_Confirm", Status::WaitUserConfirm),
            ("wait_user_access", Status::WaitUserAccess),
            ("none", Status::None),
        ] {
            assert_eq!(Status::parse(text), status);
            assert_eq!(status.as_str(), text.to_ascii_uppercase());
        }
    }

    #[test]
    fn unknown_statuses_are_kept_as_received() {
        assert_eq!(Status::parse("Paused"), Status::Other("Paused".into()));
        assert_eq!(Status::parse("Paused").as_str(), "Paused");
        assert_eq!(Status::parse(""), Status::Other(String::new()));
        assert_eq!(" paused ".parse(), Ok(Status::Other("PAUSED".into())));
        assert_eq!(" open".parse(), Ok(Status::Open));
    }

    #[test]
    fn serde_uses_the_plain_string() {
        let s: Vec<Status> = serde_json::from_str(r#"["OPEN","open","NEW_ONE"]"#).unwrap();
        assert_eq!(
            s,
            [Status::Open, Status::Open, Status::Other("NEW_ONE".into())]
        );
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"["OPEN","OPEN","NEW_ONE"]"#
        );
        assert!(serde_json::from_str::<Status>("42").is_err());
    }
}
