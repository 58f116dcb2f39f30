//! An all-null record: an answer of 200 in which every field is absent or null. It says the
//! desktop has no session, `NONE`, as the NONE rules of docs/CONTRACT.md have it; but a flaky
//! gateway sends the same thing, and a session does not end without passing `CLOSE`. So an
//! all-null answer right after an active session (`WAIT_*`, `OPEN`) is held back until the
//! next answer: another all-null one confirms `NONE`, anything else was the fault. `watch`
//! and `--once --state` (across runs, through the state file) follow the same rule.

use crate::api::model::RemoteAssistance;
use crate::domain::Status;

/// Makes an all-null record say `NONE`; whether it was one.
pub fn normalize(record: &mut RemoteAssistance) -> bool {
    let r = &*record;
    let blank = r.share_space_id.is_none()
        && r.invitation_code.is_none()
        && r.share_space_name.is_none()
        && r.share_space_passwd.is_none()
        && r.private_share_link.is_none()
        && r.internet_share_link.is_none()
        && r.create_time.is_none()
        && matches!(r.status, None | Some(Status::None))
        && r.failed_reason.is_none();
    if blank {
        record.status = Some(Status::None);
    }
    blank
}

/// A session in progress: one that cannot vanish without passing `CLOSE`.
pub fn is_active(status: Option<&Status>) -> bool {
    matches!(
        status,
        Some(Status::WaitUserConfirm | Status::WaitUserAccess | Status::Open)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_record_without_any_field_is_none() {
        let mut r: RemoteAssistance = serde_json::from_str(
            r#"{"share_space_id":null,"invitation_code":null,"status":null,"failed_reason":null}"#,
        )
        .unwrap();
        assert!(normalize(&mut r));
        assert_eq!(r.status, Some(Status::None));
        let mut r: RemoteAssistance =
            serde_json::from_str(r#"{"status":null,"failed_reason":"x"}"#).unwrap();
        assert!(!normalize(&mut r));
        assert_eq!(r.status, None);
        assert!(is_active(Some(&Status::Open)) && !is_active(Some(&Status::Close)));
    }
}
