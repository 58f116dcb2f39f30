//! `DesktopNames`: what people call a desktop (its computer name and user), when known.

/// A desktop's computer name and user, as the project's listing gave them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DesktopNames {
    pub computer_name: Option<String>,
    pub user_name: Option<String>,
}

impl DesktopNames {
    /// `PC-00054 (user054)`, `PC-00054`, `(user054)`, or `None` when neither is known.
    pub fn label(&self) -> Option<String> {
        let name = self
            .computer_name
            .as_deref()
            .filter(|n| !n.trim().is_empty());
        let user = self.user_name.as_deref().filter(|u| !u.trim().is_empty());
        match (name, user) {
            (Some(n), Some(u)) => Some(format!("{n} ({u})")),
            (Some(n), None) => Some(n.to_string()),
            (None, Some(u)) => Some(format!("({u})")),
            (None, None) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_say_what_is_known() {
        let names = |n: Option<&str>, u: Option<&str>| DesktopNames {
            computer_name: n.map(str::to_string),
            user_name: u.map(str::to_string),
        };
        assert_eq!(
            names(Some("PC-00054"), Some("user054")).label().as_deref(),
            Some("PC-00054 (user054)")
        );
        assert_eq!(names(Some("PC"), Some(" ")).label().as_deref(), Some("PC"));
        assert_eq!(names(None, Some("bob")).label().as_deref(), Some("(bob)"));
        assert_eq!(names(None, None).label(), None);
    }
}
