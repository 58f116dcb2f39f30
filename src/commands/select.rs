//! Which desktops `--name`, `--user` or `--ip` mean, resolved through ListDesktops: one place
//! for `show`, `start`, `cancel` and `watch`, and the paging that `desktops` uses too.

use std::hash::BuildHasher;
use std::io::IsTerminal;

use crate::api::model::{Desktop, DesktopPage};
use crate::api::{ApiError, Client, DesktopFilter};
use crate::cli::{DesktopSelector, Target};
use crate::domain::desktop_id::{self, InvalidDesktopId};
use crate::domain::DesktopId;
use crate::messages::{self, msg, Message};
use crate::outcome::{Explain, Failure, Kind};
use crate::output::candidates_table;
use crate::text::snippet;

/// The largest page the API serves.
pub const PAGE_LIMIT: usize = 1000;
/// A server that keeps sending pages is cut off here (a million desktops at full pages).
const MAX_PAGES: usize = 1000;
/// More desktops than any project has: a server that sends more is refused (an error naming
/// the cap), so that a flood cannot grow a run without bound.
pub const MAX_DESKTOPS: usize = 200_000;
/// An ambiguity lists at most this many candidates: enough to recognise the right one.
const MAX_CANDIDATES: usize = 20;

/// A way to name desktops other than by ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    Name(String),
    User(String),
    Ip(String),
}

impl Selector {
    /// At most one is set: clap's argument group sees to that.
    pub fn of(flags: &DesktopSelector) -> Option<Self> {
        let DesktopSelector { name, user, ip } = flags.clone();
        name.map(Selector::Name)
            .or_else(|| user.map(Selector::User))
            .or_else(|| ip.map(Selector::Ip))
    }

    /// How the user wrote it, for messages: `--user "alice"`.
    fn describe(&self) -> String {
        let (flag, value) = match self {
            Selector::Name(v) => ("--name", v),
            Selector::User(v) => ("--user", v),
            Selector::Ip(v) => ("--ip", v),
        };
        format!("{flag} \"{}\"", snippet(value, 80))
    }

    fn value(&self) -> &str {
        match self {
            Selector::Name(v) | Selector::User(v) | Selector::Ip(v) => v.trim(),
        }
    }

    fn filter(&self) -> DesktopFilter {
        let value = Some(self.value().to_string());
        match self {
            Selector::Name(_) => DesktopFilter {
                computer_name: value,
                ..DesktopFilter::default()
            },
            Selector::User(_) => DesktopFilter {
                user_name: value,
                ..DesktopFilter::default()
            },
            Selector::Ip(_) => DesktopFilter {
                desktop_ip: value,
                ..DesktopFilter::default()
            },
        }
    }

    /// The field(s) this selector looks at, lowercased.
    fn fields(&self, d: &Desktop) -> Vec<String> {
        match self {
            Selector::Name(_) => d.computer_name.iter().map(|n| n.to_lowercase()).collect(),
            Selector::User(_) => d.user_names().iter().map(|n| n.to_lowercase()).collect(),
            Selector::Ip(_) => d
                .ip_address
                .iter()
                .map(|ip| ip.trim().to_lowercase())
                .collect(),
        }
    }

    fn is_exact(&self, d: &Desktop) -> bool {
        let want = self.value().to_lowercase();
        self.fields(d).contains(&want)
    }

    /// Checked here too: a server that ignored the filter must not make us act on any desktop.
    fn is_partial(&self, d: &Desktop) -> bool {
        let want = self.value().to_lowercase();
        self.fields(d).iter().any(|f| f.contains(&want))
    }

    fn validate(&self) -> Result<(), Failure> {
        let value = self.value();
        if value.is_empty() || value.chars().any(char::is_control) {
            return Err(Failure::new(
                Kind::Usage,
                msg!("err-selector-blank", selector = self.describe()),
            )
            .with_hint(msg!("hint-selector-value")));
        }
        Ok(())
    }
}

/// Refuses a blank `--name/--user/--ip` (or one with control characters) before any request,
/// for every command that takes them: left out, a filter matches every desktop, so a blank
/// one would widen a sweep to the whole project.
pub fn refuse_blank(select: &DesktopSelector) -> Result<(), Failure> {
    let DesktopSelector { name, user, ip } = select.clone();
    let given = [
        name.map(Selector::Name),
        user.map(Selector::User),
        ip.map(Selector::Ip),
    ];
    given.iter().flatten().try_for_each(Selector::validate)
}

/// Whether a listed desktop meets every filter the listing was asked for, checked on this
/// side: a server that ignores a filter (or reads `o,r` as two users) must not widen what a
/// command acts on. Names and users match part of the text in any case, as the service
/// matches them; the IP and the state match whole; a desktop that does not say is no match.
pub fn meets(filter: &DesktopFilter, d: &Desktop) -> bool {
    let has = |have: &str, want: &str| have.to_lowercase().contains(&want.trim().to_lowercase());
    let same = |have: &str, want: &str| have.trim().eq_ignore_ascii_case(want.trim());
    let name = |want: &String| d.computer_name.as_deref().is_some_and(|n| has(n, want));
    let user = |want: &String| d.user_names().iter().any(|u| has(u, want));
    let ip = |want: &String| d.ip_address.as_deref().is_some_and(|a| same(a, want));
    let state = |want: &String| d.status.as_deref().is_some_and(|s| same(s, want));
    filter.computer_name.as_ref().is_none_or(name)
        && filter.user_name.as_ref().is_none_or(user)
        && filter.desktop_ip.as_ref().is_none_or(ip)
        && filter.status.as_ref().is_none_or(state)
        && (filter.desktop_ids.is_empty() || filter.desktop_ids.iter().any(|i| i == d.id()))
}

/// The one desktop a command acts on: the ID as given, or the single match of the selector.
pub fn one(client: &Client, target: &Target) -> anyhow::Result<DesktopId> {
    one_listed(client, target).map(|(id, _)| id)
}

/// Like [`one`], with the desktop as the listing described it when a selector chose it.
pub fn one_listed(
    client: &Client,
    target: &Target,
) -> anyhow::Result<(DesktopId, Option<Desktop>)> {
    let Some(selector) = Selector::of(&target.select) else {
        let id = desktop_id(target.desktop_id.as_deref().unwrap_or_default())?;
        return Ok((id, None));
    };
    let matches = all(client, &selector)?;
    match matches.as_slice() {
        [only] => {
            announce(&selector, only);
            Ok((desktop_id(only.id())?, Some(only.clone())))
        }
        _ => Err(ambiguous(&selector, &matches).into()),
    }
}

/// A desktop ID as typed, read or listed; one that breaks the API's rule is a usage error.
pub fn desktop_id(raw: &str) -> Result<DesktopId, Failure> {
    DesktopId::parse(raw).map_err(|e| {
        Failure::new(Kind::Usage, invalid_id(&e)).with_hint(msg!("hint-desktop-id-rule"))
    })
}

/// What is wrong with a desktop ID, in the catalogue's words.
fn invalid_id(e: &InvalidDesktopId) -> Message {
    let id = match e.problem() {
        desktop_id::EMPTY => "err-desktop-id-empty",
        desktop_id::TOO_LONG => "err-desktop-id-too-long",
        desktop_id::CONTROLS => "err-desktop-id-controls",
        _ => "err-desktop-id-path",
    };
    Message::new(id).arg("id", e.shown())
}

/// Every desktop the selector matches: the exact matches (any case) when there are some,
/// else every partial one. None is exit 5.
pub fn all(client: &Client, selector: &Selector) -> anyhow::Result<Vec<Desktop>> {
    selector.validate()?;
    // Only the matches are kept while paging: memory follows what is kept, not what was sent.
    let usable = list_matching(client, &selector.filter(), |d| {
        !d.id().is_empty() && selector.is_partial(d)
    })
    .explain_with(|| msg!("err-look-up-selector", selector = selector.describe()))?;
    let exact: Vec<Desktop> = usable
        .iter()
        .filter(|d| selector.is_exact(d))
        .cloned()
        .collect();
    let chosen = if exact.is_empty() { usable } else { exact };
    if chosen.is_empty() {
        return Err(Failure::new(
            Kind::NotFound,
            msg!("err-no-match", selector = selector.describe()),
        )
        .with_hint(msg!("hint-no-match"))
        .into());
    }
    Ok(chosen)
}

/// Every desktop that matches the filter, through as many pages as it takes.
pub fn list_all(client: &Client, filter: &DesktopFilter) -> anyhow::Result<Vec<Desktop>> {
    list_matching(client, filter, |_| true)
}

/// The desktops of every page that match the filter and that `keep` keeps (only those are
/// kept while paging). `computer_name` matches part of the name in any case whatever the
/// service does with it: fuzzy matching of that filter is not documented
/// (docs/WORKSPACE-API.md §7), so when the service finds nothing for a name, the list
/// without it is matched here.
fn list_matching(
    client: &Client,
    filter: &DesktopFilter,
    mut keep: impl FnMut(&Desktop) -> bool,
) -> anyhow::Result<Vec<Desktop>> {
    let Some(name) = filter.computer_name.as_deref() else {
        return list_pages(client, filter, keep);
    };
    let want = name.to_lowercase();
    let by_part = |d: &Desktop| {
        d.computer_name
            .as_deref()
            .is_some_and(|n| n.to_lowercase().contains(&want))
    };
    let listed = list_pages(client, filter, |d| by_part(d) && keep(d))?;
    if !listed.is_empty() {
        return Ok(listed);
    }
    let wider = DesktopFilter {
        computer_name: None,
        ..filter.clone()
    };
    list_pages(client, &wider, |d| by_part(d) && keep(d))
}

fn list_pages(
    client: &Client,
    filter: &DesktopFilter,
    keep: impl FnMut(&Desktop) -> bool,
) -> anyhow::Result<Vec<Desktop>> {
    page_through(
        Limits {
            pages: MAX_PAGES,
            desktops: MAX_DESKTOPS,
        },
        |offset| {
            client
                .list_desktops(filter, offset, PAGE_LIMIT)
                .map(|a| a.value)
        },
        keep,
        |warning| messages::warn(&warning),
    )
}

/// How far paging goes: pages asked for, desktops received.
struct Limits {
    pages: usize,
    desktops: usize,
}

/// Asks for pages from offset 0 until `total_count` desktops have come (a page shorter than
/// asked for is not the end when the server caps its pages), an empty page, or the page
/// limit. Without a `total_count`, a short page is the end. More desktops than the limit is
/// an error: a server flooding the list must not grow the run without bound.
fn page_through(
    limits: Limits,
    mut fetch: impl FnMut(usize) -> Result<DesktopPage, ApiError>,
    mut keep: impl FnMut(&Desktop) -> bool,
    mut warn: impl FnMut(Message),
) -> anyhow::Result<Vec<Desktop>> {
    let mut all: Vec<Desktop> = Vec::new();
    // Each ID's hash, not a copy of it: the repeat check costs 8 bytes a desktop.
    let hasher = std::collections::hash_map::RandomState::new();
    let mut seen = std::collections::HashSet::new();
    let mut offset = 0;
    for _ in 0..limits.pages {
        let page = fetch(offset)?;
        let got = page.desktops.len();
        offset += got;
        if offset > limits.desktops {
            return Err(too_many(limits.desktops, page.total_count));
        }
        // A server that ignores `offset` repeats itself: keep each desktop once, and stop
        // when a page brings nothing new.
        let mut fresh = 0;
        for d in page.desktops {
            if seen.insert(hasher.hash_one(d.id())) {
                fresh += 1;
                if keep(&d) {
                    all.push(d);
                }
            }
        }
        if got > 0 && fresh == 0 {
            warn(msg!("list-repeated"));
            return Ok(all);
        }
        match page.total_count {
            Some(total) if offset >= total => return Ok(all),
            Some(total) if got == 0 => {
                warn(msg!("list-short", total = total, offset = offset));
                return Ok(all);
            }
            None if got < PAGE_LIMIT => return Ok(all),
            _ => {}
        }
    }
    warn(msg!("list-page-cap", pages = limits.pages, offset = offset));
    Ok(all)
}

fn too_many(cap: usize, total: Option<usize>) -> anyhow::Error {
    let said = match total {
        Some(t) => msg!("err-too-many-counted", cap = cap, total = t),
        None => msg!("err-too-many", cap = cap),
    };
    Failure::new(Kind::TooMany, said)
        .with_hint(msg!("hint-narrow-the-list"))
        .into()
}

/// Says which desktop a selector chose, for a person at a terminal (cron needs no chatter).
fn announce(selector: &Selector, d: &Desktop) {
    if std::io::stderr().is_terminal() {
        let chose = msg!(
            "selector-chose",
            selector = selector.describe(),
            desktop = d.id(),
            name = d.computer_name.as_deref().unwrap_or("-"),
            users = d.user_names().join(", "),
            ip = d.ip_address.as_deref().unwrap_or("-"),
        );
        messages::plain(&chose);
    }
}

fn ambiguous(selector: &Selector, matches: &[Desktop]) -> Failure {
    let shown = &matches[..matches.len().min(MAX_CANDIDATES)];
    let more = matches.len() - shown.len();
    let message = Message::new(if more > 0 {
        "err-ambiguous-more"
    } else {
        "err-ambiguous"
    })
    .arg("selector", selector.describe())
    .arg("count", matches.len())
    .arg_lines("candidates", candidates_table(shown));
    let message = match more {
        0 => message,
        more => message.arg("more", more),
    };
    Failure::new(Kind::Usage, message).with_hint(msg!("hint-ambiguous"))
}

/// The ListDesktops filter of `--name/--user/--ip` used as filters that combine (`desktops`,
/// `sessions`); the other fields are left for the caller.
pub fn combined_filter(select: &DesktopSelector) -> DesktopFilter {
    DesktopFilter {
        computer_name: non_empty(&select.name),
        user_name: non_empty(&select.user),
        desktop_ip: non_empty(&select.ip),
        ..DesktopFilter::default()
    }
}

/// A filter's value, trimmed (a blank one was refused before: see [`refuse_blank`]).
pub fn non_empty(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    fn limits(pages: usize) -> Limits {
        Limits {
            pages,
            desktops: MAX_DESKTOPS,
        }
    }

    #[test]
    fn a_flood_of_desktops_ends_at_the_cap_keeping_only_matches() {
        let mut calls = 0;
        let err = page_through(
            Limits {
                pages: 1000,
                desktops: 50,
            },
            |offset| {
                calls += 1;
                Ok(DesktopPage {
                    total_count: Some(1_000_000_000),
                    desktops: desktops(20, offset),
                })
            },
            |d| d.id() == "d7",
            |w| panic!("unexpected warning {w}"),
        )
        .unwrap_err();
        assert_eq!(calls, 3);
        assert_eq!(
            err.to_string(),
            "the service listed more than 50 desktops (it counts 1000000000); assist stops there"
        );
        let kept = page_through(
            limits(1000),
            |offset| {
                Ok(DesktopPage {
                    total_count: Some(40),
                    desktops: desktops(20, offset),
                })
            },
            |d| d.id() == "d7" || d.id() == "d33",
            |w| panic!("unexpected warning {w}"),
        )
        .unwrap();
        assert_eq!(
            kept.iter().map(Desktop::id).collect::<Vec<_>>(),
            ["d7", "d33"]
        );
    }

    fn desktops(n: usize, from: usize) -> Vec<Desktop> {
        (from..from + n)
            .map(|i| Desktop {
                desktop_id: Some(format!("d{i}")),
                ..Desktop::default()
            })
            .collect()
    }

    #[test]
    fn a_server_that_ignores_offset_is_not_followed_for_long() {
        let mut calls = 0;
        let mut warnings = Vec::new();
        let all = page_through(
            limits(1000),
            |_| {
                calls += 1;
                Ok(DesktopPage {
                    total_count: Some(5000),
                    desktops: desktops(3, 0),
                })
            },
            |_| true,
            |w: Message| warnings.push(w),
        )
        .unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(calls, 2);
        let said = |lang| warnings[0].render_in(lang);
        assert!(
            said(Lang::En).contains("same desktops again"),
            "{warnings:?}"
        );
        assert_eq!(said(Lang::Zh), "服务再次发来了同样的云桌面；列表可能不完整");
    }

    #[test]
    fn short_pages_continue_until_the_total_is_reached() {
        let mut offsets = Vec::new();
        let all = page_through(
            limits(1000),
            |offset| {
                offsets.push(offset);
                Ok(DesktopPage {
                    total_count: Some(5),
                    desktops: desktops(2.min(5 - offset), offset),
                })
            },
            |_| true,
            |w| panic!("unexpected warning {w}"),
        )
        .unwrap();
        assert_eq!(offsets, [0, 2, 4]);
        assert_eq!(all.len(), 5);
    }

    #[test]
    fn a_server_that_never_ends_is_cut_off_with_a_warning() {
        let mut warnings = Vec::new();
        let all = page_through(
            limits(3),
            |offset| {
                Ok(DesktopPage {
                    total_count: None,
                    desktops: desktops(PAGE_LIMIT, offset),
                })
            },
            |_| true,
            |w: Message| warnings.push(w),
        )
        .unwrap();
        assert_eq!(all.len(), PAGE_LIMIT * 3);
        assert_eq!(warnings.len(), 1);
        let said = |lang| warnings[0].render_in(lang);
        let cap = PAGE_LIMIT * 3;
        assert_eq!(
            said(Lang::En),
            format!("stopped listing after 3 pages ({cap} desktops); the list may be incomplete")
        );
        assert_eq!(
            said(Lang::Zh),
            format!("列出 3 页（{cap} 个云桌面）后停止；列表可能不完整")
        );
    }

    #[test]
    fn an_empty_page_before_the_total_ends_with_a_warning() {
        let mut warnings = 0;
        let all = page_through(
            limits(1000),
            |offset| {
                Ok(DesktopPage {
                    total_count: Some(10),
                    desktops: if offset == 0 {
                        desktops(3, 0)
                    } else {
                        Vec::new()
                    },
                })
            },
            |_| true,
            |_| warnings += 1,
        )
        .unwrap();
        assert_eq!((all.len(), warnings), (3, 1));
    }

    #[test]
    fn without_a_total_a_short_page_is_the_end() {
        let mut calls = 0;
        let all = page_through(
            limits(1000),
            |offset| {
                calls += 1;
                Ok(DesktopPage {
                    total_count: None,
                    desktops: desktops(3, offset),
                })
            },
            |_| true,
            |w| panic!("unexpected warning {w}"),
        )
        .unwrap();
        assert_eq!((all.len(), calls), (3, 1));
    }

    #[test]
    fn every_filter_is_met_on_this_side_or_the_desktop_is_left_out() {
        let d: Desktop = serde_json::from_str(
            r#"{"desktop_id":"x","computer_name":"FIN-PC-042","user_name":"alice",
               "attach_user_infos":[{"user_name":"Bob"}],"ip_address":"10.0.0.1","status":"ACTIVE"}"#,
        )
        .unwrap();
        let filter = |f: fn(&mut DesktopFilter)| {
            let mut filter = DesktopFilter::default();
            f(&mut filter);
            meets(&filter, &d)
        };
        assert!(filter(|_| {}));
        assert!(filter(|f| f.computer_name = Some("pc-04".into())));
        assert!(filter(|f| f.user_name = Some("BO".into())));
        assert!(filter(|f| f.desktop_ip = Some("10.0.0.1".into())));
        assert!(filter(|f| f.status = Some("active".into())));
        assert!(!filter(|f| f.user_name = Some("o,r".into())));
        assert!(!filter(|f| f.desktop_ip = Some("10.0.0.".into())));
        assert!(!filter(|f| f.status = Some("SHUTOFF".into())));
        assert!(!filter(|f| {
            f.user_name = Some("alice".into());
            f.computer_name = Some("HR".into());
        }));
        let bare = Desktop {
            desktop_id: Some("y".into()),
            ..Desktop::default()
        };
        let by_ip = DesktopFilter {
            desktop_ip: Some("10.0.0.1".into()),
            ..DesktopFilter::default()
        };
        assert!(
            !meets(&by_ip, &bare),
            "a desktop that does not say is no match"
        );
    }

    #[test]
    fn exact_matches_ignore_case_and_see_attached_users() {
        let d: Desktop = serde_json::from_str(
            r#"{"desktop_id":"x","computer_name":"FIN-PC-042","user_name":"alice",
               "attach_user_infos":[{"user_name":"Bob"}],"ip_address":"10.0.0.1"}"#,
        )
        .unwrap();
        assert!(Selector::Name("fin-pc-042".into()).is_exact(&d));
        assert!(!Selector::Name("FIN-PC".into()).is_exact(&d));
        assert!(Selector::Name("FIN-PC".into()).is_partial(&d));
        assert!(Selector::User("bob".into()).is_exact(&d));
        assert!(Selector::Ip(" 10.0.0.1 ".into()).is_exact(&d));
        assert!(!Selector::Ip("10.0.0.2".into()).is_partial(&d));
    }
}
