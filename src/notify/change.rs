//! One change as the notifications carry it, and the one line that tells it to a person.

use serde::Serialize;

use crate::text::sanitize;

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
    /// Who and what, in one line: `DEV-PC-004 (erin): WAIT_USER_CONFIRM → OPEN, code in
    /// assist`. Every piece from the server is sanitised, so no text of it can add a line,
    /// steer a terminal or (in markdown-less text messages) format anything.
    pub fn line(&self, include_code: bool) -> String {
        let who = match (&self.computer_name, &self.user_name) {
            (Some(c), Some(u)) => format!("{} ({})", sanitize(c), sanitize(u)),
            (Some(c), None) => sanitize(c),
            (None, Some(u)) => format!("{} ({})", sanitize(&self.desktop_id), sanitize(u)),
            (None, None) => sanitize(&self.desktop_id),
        };
        let mut line = match &self.previous_status {
            Some(p) => format!("{who}: {} → {}", sanitize(p), sanitize(&self.status)),
            None => format!("{who}: {}", sanitize(&self.status)),
        };
        match (&self.invitation_code, include_code) {
            (Some(code), true) => line.push_str(&format!(", code {}", sanitize(code))),
            (Some(_), false) => line.push_str(", code in assist"),
            (None, _) => {}
        }
        if let Some(reason) = &self.failed_reason {
            line.push_str(&format!(", failed: {}", sanitize(reason)));
        }
        line
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
            c.line(false),
            "DEV-PC-004 (erin): WAIT_USER_CONFIRM → OPEN, code in assist"
        );
        assert_eq!(
            c.line(true),
            "DEV-PC-004 (erin): WAIT_USER_CONFIRM → OPEN, code 123456"
        );
        let hostile = Change {
            computer_name: Some("PC\n\u{1b}[2Jfake: OPEN".into()),
            ..sample(1, "OPEN")
        };
        assert!(!hostile.line(false).contains('\n'));
        assert!(!hostile.line(false).contains('\u{1b}'));
    }
}
