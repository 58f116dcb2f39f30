//! The seeded desktops: eight named ones with fixed records (among them the API reference's
//! example), and `--desktops N` generated ones whose every attribute is computed from the
//! index, so that ten thousand of them cost no memory.

use super::store::{Field, OpenParts, Record, Status, DECLINED};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::sync::atomic::{AtomicU32, Ordering};

pub const EXAMPLE_DESKTOP: &str = "a130ab3a-72bf-4b71-baa9-af4987c8e338";
const GENERATED_PREFIX: &str = "00000000-0000-4000-8000-";
pub const SEEDED_PASSWORD: &str = "Sim-Passw0rd!";
pub const SEEDED_CODE: &str = "K7Q2M9XA";

/// A desktop with a fixed name, user and initial record.
pub struct Named {
    id: &'static str,
    computer_name: &'static str,
    user_name: &'static str,
    ip: &'static str,
    status: &'static str,
    connect_status: &'static str,
    created: &'static str,
}

const fn named(
    id: &'static str,
    computer_name: &'static str,
    user_name: &'static str,
    ip: &'static str,
    status: &'static str,
    connect_status: &'static str,
) -> Named {
    Named {
        id,
        computer_name,
        user_name,
        ip,
        status,
        connect_status,
        created: "2024-11-04T09:12:45.000Z",
    }
}

/// In this order in ListDesktops; `seeded_record` knows each by its id.
#[rustfmt::skip]
static NAMED: [Named; 8] = [
    named(EXAMPLE_DESKTOP,                        "FIN-PC-042", "alice", "192.168.0.42", "ACTIVE",  "CONNECTED"),
    named("11111111-0000-4000-8000-000000000001", "HR-PC-001",  "bob",   "192.168.1.11", "ACTIVE",  "CONNECTED"),
    named("11111111-0000-4000-8000-000000000002", "OPS-PC-002", "carol", "192.168.1.12", "ACTIVE",  "CONNECTED"),
    named("11111111-0000-4000-8000-000000000003", "OPS-PC-003", "dave",  "192.168.1.13", "ACTIVE",  "CONNECTED"),
    named("11111111-0000-4000-8000-000000000004", "DEV-PC-004", "erin",  "192.168.1.14", "ACTIVE",  "DISCONNECTED"),
    named("11111111-0000-4000-8000-000000000005", "DEV-PC-005", "frank", "192.168.1.15", "ACTIVE",  "REGISTERED"),
    named("11111111-0000-4000-8000-000000000006", "LAB-PC-006", "grace", "192.168.1.16", "SHUTOFF", "UNREGISTER"),
    named("11111111-0000-4000-8000-000000000007", "LAB-PC-007", "heidi", "192.168.1.17", "ACTIVE",  "CONNECTED"),
];

/// The desktop whose end user always declines.
const REFUSING_DESKTOP: &str = "11111111-0000-4000-8000-000000000007";

/// All seeded desktops. How many generated ones there are may change at run time
/// (`POST /_sim/desktops?count=N`): desktops joining or leaving the project.
#[derive(Debug)]
pub struct Catalogue {
    generated: AtomicU32,
    mixed: bool,
}

impl Catalogue {
    pub fn new(generated: u32, mixed: bool) -> Catalogue {
        Catalogue {
            generated: AtomicU32::new(generated),
            mixed,
        }
    }

    /// From now on the project has `count` generated desktops (the first `count` indexes).
    pub fn set_generated(&self, count: u32) {
        self.generated.store(count, Ordering::SeqCst);
    }

    fn generated(&self) -> u32 {
        self.generated.load(Ordering::SeqCst)
    }

    pub fn find(&self, id: &str) -> Option<Desktop> {
        if let Some(n) = NAMED.iter().find(|n| n.id == id) {
            return Some(Desktop::Named(n));
        }
        let index = generated_index(id)?;
        (1..=self.generated())
            .contains(&index)
            .then_some(Desktop::Generated {
                index,
                mixed: self.mixed,
            })
    }

    /// The desktops of these IDs that exist, each once, in the order of [`Catalogue::all`]:
    /// a lookup by ID costs the IDs asked for, not the whole fleet (100,000 desktops).
    pub fn with_ids(&self, ids: &[String]) -> Vec<Desktop> {
        let mut found: Vec<(u64, Desktop)> = ids
            .iter()
            .filter_map(|id| self.find(id))
            .map(|d| (d.position(), d))
            .collect();
        found.sort_by_key(|(position, _)| *position);
        found.dedup_by_key(|(position, _)| *position);
        found.into_iter().map(|(_, d)| d).collect()
    }

    pub fn all(&self) -> impl Iterator<Item = Desktop> + '_ {
        let generated = (1..=self.generated()).map(|index| Desktop::Generated {
            index,
            mixed: self.mixed,
        });
        NAMED.iter().map(Desktop::Named).chain(generated)
    }
}

/// The index of `00000000-0000-4000-8000-{index:012}`, written exactly so.
fn generated_index(id: &str) -> Option<u32> {
    let digits = id.strip_prefix(GENERATED_PREFIX)?;
    if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

pub enum Desktop {
    Named(&'static Named),
    Generated { index: u32, mixed: bool },
}

impl Desktop {
    /// Where it comes in the catalogue: the named ones first, then by index.
    fn position(&self) -> u64 {
        match self {
            Desktop::Named(n) => NAMED.iter().position(|m| std::ptr::eq(m, *n)).unwrap_or(0) as u64,
            Desktop::Generated { index, .. } => NAMED.len() as u64 + u64::from(*index),
        }
    }

    pub fn id(&self) -> Cow<'static, str> {
        match self {
            Desktop::Named(n) => Cow::Borrowed(n.id),
            Desktop::Generated { index, .. } => {
                Cow::Owned(format!("{GENERATED_PREFIX}{index:012}"))
            }
        }
    }

    pub fn computer_name(&self) -> Cow<'static, str> {
        match self {
            Desktop::Named(n) => Cow::Borrowed(n.computer_name),
            Desktop::Generated { index, .. } => Cow::Owned(format!("PC-{index:05}")),
        }
    }

    pub fn user_name(&self) -> String {
        match self {
            Desktop::Named(n) => n.user_name.to_string(),
            Desktop::Generated { index, .. } => format!("user{:03}", index % 97),
        }
    }

    pub fn ip(&self) -> Cow<'static, str> {
        match self {
            Desktop::Named(n) => Cow::Borrowed(n.ip),
            Desktop::Generated { index, .. } => Cow::Owned(format!(
                "10.{}.{}.{}",
                (index >> 16) & 0xff,
                (index >> 8) & 0xff,
                index & 0xff
            )),
        }
    }

    /// Mostly ACTIVE; a few of the generated ones are off, broken or asleep.
    pub fn status(&self) -> &'static str {
        match self {
            Desktop::Named(n) => n.status,
            Desktop::Generated { index, .. } => match index {
                i if i % 50 == 13 => "ERROR",
                i if i % 25 == 19 => "HIBERNATED",
                i if i % 20 == 7 => "SHUTOFF",
                _ => "ACTIVE",
            },
        }
    }

    pub fn connect_status(&self) -> &'static str {
        match self {
            Desktop::Named(n) => n.connect_status,
            Desktop::Generated { .. } if self.status() != "ACTIVE" => "UNREGISTER",
            // Most users are at their desktop; one in ten has left, one in ten never came.
            Desktop::Generated { index, .. } => match index % 10 {
                8 => "REGISTERED",
                9 => "DISCONNECTED",
                _ => "CONNECTED",
            },
        }
    }

    fn created(&self) -> String {
        match self {
            Desktop::Named(n) => n.created.to_string(),
            Desktop::Generated { index, .. } => {
                let base = jiff::Timestamp::from_second(1_704_067_200 + i64::from(*index) * 3600);
                base.map(|t| t.strftime("%Y-%m-%dT%H:%M:%S.000Z").to_string())
                    .unwrap_or_default()
            }
        }
    }

    pub fn refuses(&self) -> bool {
        matches!(self, Desktop::Named(n) if n.id == REFUSING_DESKTOP)
    }

    /// The record a desktop has before anyone touched it.
    pub fn seeded_record(&self) -> Option<Record> {
        match self {
            Desktop::Named(n) => named_record(n.id),
            Desktop::Generated { mixed: false, .. } => None,
            Desktop::Generated { index, mixed: true } => {
                mixed_record(*index, &self.user_name(), &self.computer_name())
            }
        }
    }

    /// The desktop as ListDesktops shows it.
    pub fn summary(&self) -> Value {
        let user = self.user_name();
        json!({
            "desktop_id": self.id(),
            "computer_name": self.computer_name(),
            "user_name": user,
            "attach_user_infos": [{
                "user_id": user_id(&user),
                "user_name": user,
                "user_group": "users",
                "type": "USER",
            }],
            "ip_address": self.ip(),
            "status": self.status(),
            "connect_status": self.connect_status(),
            "created": self.created(),
            "desktop_type": "DEDICATED",
            "pool_id": null,
            "availability_zone": "cn-north-4a",
        })
    }
}

/// A stable 32-hex user id derived from the name.
fn user_id(user: &str) -> String {
    hex::encode(&Sha256::digest(user.as_bytes())[..16])
}

/// The fixed records of the named desktops.
fn named_record(id: &str) -> Option<Record> {
    let suffix = id.strip_prefix("11111111-0000-4000-8000-00000000000");
    let space = |n: &str| format!("sim0000000000000000000{n}");
    let name = |n: &str| format!("helpdesk-space-{n}");
    let record = match suffix {
        None if id == EXAMPLE_DESKTOP => example_record(),
        Some("1") => Record::open(&OpenParts {
            space_id: &space("1"),
            space_name: &name("1"),
            code: SEEDED_CODE,
            passwd: SEEDED_PASSWORD,
            user: "bob",
            create_time: "2025-01-15T08:30:00Z",
        }),
        Some("2") => Record::waiting(&space("2"), &name("2"), Status::WaitUserConfirm),
        Some("3") => Record::waiting(&space("3"), &name("3"), Status::WaitUserAccess),
        Some("4") => Record::closed(
            &space("4"),
            &name("4"),
            Field::text("2025-01-14T16:05:00Z"),
            Field::Null,
        ),
        Some("5") => Record::closed(
            &space("5"),
            &name("5"),
            Field::Absent,
            Field::text(DECLINED),
        ),
        _ => return None,
    };
    Some(record)
}

/// Exactly the example of the API reference, down to its mismatched link codes.
pub fn example_record() -> Record {
    let link = "https://127.0.0.1:9445/#/share-space?username=xxx&workspace_id=xxx&code=D1F32GF6";
    Record {
        share_space_id: Field::text("abvccch3jk12h3kj123hkj12"),
        invitation_code: Field::text("D1F32AA6"),
        share_space_name: Field::text("testShareSpaceName"),
        share_space_passwd: Field::Absent,
        private_share_link: Field::text(link),
        internet_share_link: Field::text(link),
        create_time: Field::text("2022-03-28T00:00:00Z"),
        status: Status::Open,
        failed_reason: Field::Null,
    }
}

/// `--seed-status mixed`: one in five each of no record, OPEN, WAIT_USER_CONFIRM,
/// WAIT_USER_ACCESS and CLOSE (half of those declined).
fn mixed_record(index: u32, user: &str, computer_name: &str) -> Option<Record> {
    let space_id = format!("seeded{index:018}");
    let space_name = format!("helpdesk-{computer_name}");
    let record = match index % 5 {
        1 => Record::open(&OpenParts {
            space_id: &space_id,
            space_name: &space_name,
            code: &seeded_code(index),
            passwd: &format!("Seed-{index:06}!"),
            user,
            create_time: "2025-01-15T08:00:00Z",
        }),
        2 => Record::waiting(&space_id, &space_name, Status::WaitUserConfirm),
        3 => Record::waiting(&space_id, &space_name, Status::WaitUserAccess),
        4 => {
            let reason = match index % 10 {
                9 => Field::text(DECLINED),
                _ => Field::Null,
            };
            Record::closed(&space_id, &space_name, Field::Absent, reason)
        }
        _ => return None,
    };
    Some(record)
}

/// A deterministic 8-character code, uppercase letters and digits.
fn seeded_code(index: u32) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let digest = Sha256::digest(index.to_be_bytes());
    digest[..8]
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect()
}
