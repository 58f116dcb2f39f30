//! The shapes of the Workspace API's answers (serde), tolerant of absent, null and extra fields.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::lenient::TextFields;
use crate::domain::{Status, MASK};
use crate::secret::Secret;

/// GET remote-assistance: every field may be absent or null; unknown fields are ignored.
/// These fields, in this order, are also the record's JSON output (docs/CONTRACT.md "Output"):
/// the nine API field names are written here and nowhere else.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct RemoteAssistance {
    pub share_space_id: Option<String>,
    pub invitation_code: Option<String>,
    pub share_space_name: Option<String>,
    pub share_space_passwd: Option<SpacePassword>,
    pub private_share_link: Option<String>,
    pub internet_share_link: Option<String>,
    pub create_time: Option<String>,
    pub status: Option<Status>,
    pub failed_reason: Option<String>,
}

/// The collaborative space's password. It serialises as [`MASK`] unless it was deliberately
/// revealed, so that no output shows it by accident.
#[derive(Debug, Clone)]
pub struct SpacePassword {
    secret: Secret,
    revealed: bool,
}

impl SpacePassword {
    pub fn expose(&self) -> &str {
        self.secret.expose()
    }

    /// The same password, serialised in clear when `reveal` (`--show-password`).
    pub fn revealed(self, reveal: bool) -> Self {
        SpacePassword {
            revealed: reveal,
            ..self
        }
    }
}

impl Serialize for SpacePassword {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(if self.revealed { self.expose() } else { MASK })
    }
}

impl<'de> Deserialize<'de> for SpacePassword {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Secret::deserialize(d).map(|secret| SpacePassword {
            secret,
            revealed: false,
        })
    }
}

/// POST remote-assistance: the session that was created.
#[derive(Debug, Default, Clone, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct Created {
    pub desktop_id: Option<String>,
    pub share_space_id: Option<String>,
    pub status: Option<Status>,
    pub initiator_type: Option<String>,
}

/// One desktop as ListDesktops describes it; only what `assist` shows or matches on.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Desktop {
    pub desktop_id: Option<String>,
    pub computer_name: Option<String>,
    pub user_name: Option<String>,
    pub attach_user_infos: Option<Vec<AttachedUser>>,
    pub ip_address: Option<String>,
    pub status: Option<String>,
    pub connect_status: Option<String>,
    pub created: Option<String>,
}

/// A user attached to a desktop (pooled desktops can have several).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct AttachedUser {
    pub user_name: Option<String>,
}

/// One page of ListDesktops: `total_count` counts every match, not just this page.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct DesktopPage {
    pub total_count: Option<usize>,
    pub desktops: Vec<Desktop>,
}

impl Desktop {
    pub fn id(&self) -> &str {
        self.desktop_id.as_deref().unwrap_or_default()
    }

    /// The primary user and every attached one, without repeats.
    pub fn user_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.user_name.as_deref().into_iter().collect();
        for info in self.attach_user_infos.iter().flatten() {
            if let Some(n) = info.user_name.as_deref() {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
        }
        names
    }
}

/// Answers whose text fields tolerate other JSON types (see `lenient`).
pub trait Lenient {
    const TEXT_FIELDS: TextFields;
}

impl Lenient for RemoteAssistance {
    const TEXT_FIELDS: TextFields = TextFields {
        top: &[
            "share_space_id",
            "invitation_code",
            "share_space_name",
            "share_space_passwd",
            "private_share_link",
            "internet_share_link",
            "create_time",
            "status",
            "failed_reason",
        ],
        nested: None,
    };
}

impl Lenient for Created {
    const TEXT_FIELDS: TextFields = TextFields {
        top: &["desktop_id", "share_space_id", "status", "initiator_type"],
        nested: None,
    };
}

impl Lenient for DesktopPage {
    const TEXT_FIELDS: TextFields = TextFields {
        top: &[],
        nested: Some((
            "desktops",
            &[
                "desktop_id",
                "computer_name",
                "user_name",
                "ip_address",
                "status",
                "connect_status",
                "created",
            ],
        )),
    };
}

impl RemoteAssistance {
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// The invitation code, when the space is open and has one.
    pub fn open_code(&self) -> Option<&str> {
        match (self.status(), self.invitation_code.as_deref()) {
            (Some(Status::Open), Some(code)) if !code.trim().is_empty() => Some(code.trim()),
            _ => None,
        }
    }

    pub fn failed_reason(&self) -> Option<&str> {
        self.failed_reason
            .as_deref()
            .filter(|r| !r.trim().is_empty())
    }

    /// The status as text for messages (`-` when the service sent none).
    pub fn status_text(&self) -> &str {
        self.status().map_or("-", Status::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_fields_are_ignored_and_missing_ones_are_none() {
        let r: RemoteAssistance =
            serde_json::from_str(r#"{"status":"OPEN","invitation_code":"AB12CD34","new":1}"#)
                .unwrap();
        assert_eq!(r.open_code(), Some("AB12CD34"));
        assert!(r.share_space_passwd.is_none());
        let r: RemoteAssistance = serde_json::from_str(r#"{"status":null}"#).unwrap();
        assert_eq!(r.status(), None);
    }

    #[test]
    fn the_password_serialises_masked_unless_revealed() {
        let r: RemoteAssistance =
            serde_json::from_str(r#"{"share_space_passwd":"Pw1","status":"open"}"#).unwrap();
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["share_space_passwd"], MASK);
        assert_eq!(json["status"], "OPEN");
        assert_eq!(json.as_object().unwrap().len(), 9);
        let shown = r.share_space_passwd.unwrap().revealed(true);
        assert_eq!(serde_json::to_value(&shown).unwrap(), "Pw1");
    }

    #[test]
    fn a_code_counts_only_while_open() {
        let r: RemoteAssistance =
            serde_json::from_str(r#"{"status":"CLOSE","invitation_code":"AB12CD34"}"#).unwrap();
        assert_eq!(r.open_code(), None);
    }

    #[test]
    fn a_desktop_page_tolerates_nulls_and_lists_every_user() {
        let p: DesktopPage = serde_json::from_str(
            r#"{"total_count":1,"desktops":[{"desktop_id":"d","user_name":"a",
               "attach_user_infos":[{"user_name":"a"},{"user_name":"b"},{"user_name":null}],
               "ip_address":null,"extra":true}]}"#,
        )
        .unwrap();
        assert_eq!(p.total_count, Some(1));
        assert_eq!(p.desktops[0].id(), "d");
        assert_eq!(p.desktops[0].user_names(), ["a", "b"]);
        assert!(p.desktops[0].ip_address.is_none());
    }

    #[test]
    fn wrong_types_are_rejected() {
        assert!(serde_json::from_str::<RemoteAssistance>(r#"{"status":42}"#).is_err());
    }
}
