//! One change as the notifications carry it, and the one line that tells it to a person.

use serde::Serialize;

use crate::messages::{msg, Lang, Message};

/// A change the engine reported, with what a notification needs and nothing more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub desktop_id: String,
    pub computer_name: Option<String>,
    pub user_name: Option<String>,
    pub status: String,
    /// `None` for a desktop's first observation.
    pub previous_status: Option<String>,
    /// RFC 3339 UTC, to the second.
    pub observed_at: String,
    pub failed_reason: Option<String>,
    pub invitation_code: Option<String>,
}

/// The generic webhook's body: one change, with the code only when the target asks for it.
#[derive(Serialize)]
pub struct ChangeJson<'a> {
    event: &'static str,
    desktop_id: &'a str,
    computer_name: Option<&'a str>,
    user_name: Option<&'a str>,
    status: &'a str,
    previous_status: Option<&'a str>,
    observed_at: &'a str,
    failed_reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    invitation_code: Option<&'a str>,
}

impl Change {
    /// Who and what, in one line in `lang` (the target's): `DEV-PC-004 (erin):
    /// WAIT_USER_CONFIRM → OPEN, code in assist`. Statuses, names and codes stay as they came.
    /// Every piece from the server is sanitised when the message is rendered, so no text of it
    /// can add a line, steer a terminal or (in markdown-less text messages) format anything.
    pub fn line(&self, include_code: bool, lang: Lang) -> String {
        self.told(include_code).render_in(lang)
    }

    fn told(&self, include_code: bool) -> Message {
        let said = match &self.previous_status {
            Some(p) => msg!("notify-change", previous = p, status = &self.status),
            None => msg!("notify-first", status = &self.status),
        };
        let name = self.computer_name.as_ref().unwrap_or(&self.desktop_id);
        let said = match &self.user_name {
            Some(u) => said.quote("who", msg!("notify-who", name = name, user = u)),
            None => said.arg("who", name),
        };
        let code = match (&self.invitation_code, include_code) {
            (Some(code), true) => Some(msg!("notify-code", code = code)),
            (Some(_), false) => Some(msg!("notify-code-kept")),
            (None, _) => None,
        };
        let failed = (self.failed_reason.as_ref()).map(|r| msg!("notify-failed", reason = r));
        clause(clause(said, "code", code), "failed", failed)
    }

    pub fn json(&self, include_code: bool) -> ChangeJson<'_> {
        ChangeJson {
            event: "assistance_changed",
            desktop_id: &self.desktop_id,
            computer_name: self.computer_name.as_deref(),
            user_name: self.user_name.as_deref(),
            status: &self.status,
            previous_status: self.previous_status.as_deref(),
            observed_at: &self.observed_at,
            failed_reason: self.failed_reason.as_deref(),
            invitation_code: self.invitation_code.as_deref().filter(|_| include_code),
        }
    }
}

/// `clause` in `name`'s place, or nothing there.
fn clause(said: Message, name: &'static str, clause: Option<Message>) -> Message {
    match clause {
        Some(c) => said.quote(name, c),
        None => said.arg(name, ""),
    }
}

#[cfg(test)]
pub fn sample(n: usize, status: &str) -> Change {
    Change {
        desktop_id: format!("id-{n}"),
        computer_name: Some(format!("DEV-PC-{n:03}")),
        user_name: Some("erin".into()),
        status: status.into(),
        previous_status: Some("WAIT_USER_CONFIRM".into()),
        observed_at: "2026-12-04T10:00:00Z".into(),
        failed_reason: None,
        invitation_code: (status == "OPEN").then(|| "123456".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_one_line_naming_who_and_what() {
        let c = sample(4, "OPEN");
        assert_eq!(
            c.line(false, Lang::En),
            "DEV-PC-004 (erin): WAIT_USER_CONFIRM → OPEN, code in assist"
        );
        assert_eq!(
            c.line(true, Lang::En),
            "DEV-PC-004 (erin): WAIT_USER_CONFIRM → OPEN, code 123456"
        );
        for lang in [Lang::En, Lang::Zh] {
            let hostile = Change {
                computer_name: Some("PC\n\u{1b}[2Jfake: OPEN".into()),
                failed_reason: Some("x\r\nerror: forged".into()),
                ..sample(1, "OPEN")
            };
            let line = hostile.line(true, lang);
            assert!(!line.contains(['\n', '\r', '\u{1b}']), "{line}");
        }
    }

    /// A first sight of a desktop nobody named, ended with a reason.
    fn bare() -> Change {
        Change {
            computer_name: None,
            user_name: None,
            previous_status: None,
            invitation_code: None,
            failed_reason: Some("USER_REJECT".into()),
            ..sample(7, "CLOSE")
        }
    }

    #[test]
    fn every_shape_of_a_change_reads_the_same_as_before_in_english() {
        let bare = bare();
        assert_eq!(
            bare.line(true, Lang::En),
            "id-7: CLOSE, failed: USER_REJECT"
        );
        let user_only = Change {
            computer_name: None,
            ..sample(7, "OPEN")
        };
        assert_eq!(
            user_only.line(true, Lang::En),
            "id-7 (erin): WAIT_USER_CONFIRM → OPEN, code 123456"
        );
        let name_only = Change {
            user_name: None,
            ..sample(7, "CLOSE")
        };
        assert_eq!(
            name_only.line(false, Lang::En),
            "DEV-PC-007: WAIT_USER_CONFIRM → CLOSE"
        );
    }

    #[test]
    fn a_chinese_line_keeps_statuses_names_and_codes_as_they_came() {
        let c = sample(4, "OPEN");
        assert_eq!(
            c.line(false, Lang::Zh),
            "DEV-PC-004（erin）：WAIT_USER_CONFIRM → OPEN，邀请码请在 assist 中查看"
        );
        assert_eq!(
            c.line(true, Lang::Zh),
            "DEV-PC-004（erin）：WAIT_USER_CONFIRM → OPEN，邀请码 123456"
        );
        let bare = bare();
        assert_eq!(
            bare.line(true, Lang::Zh),
            "id-7：CLOSE，失败原因：USER_REJECT"
        );
    }
}
