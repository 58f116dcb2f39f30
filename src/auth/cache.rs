//! On-disk caches in the platform cache dir: IAM tokens (until 5 minutes before they expire)
//! and project IDs per AK and region. Files are 0600 in a 0700 directory; no password ever.
//! A cache another user could have planted (a file or directory of theirs, or one others may
//! write to) is refused, never used: run as root with a user's HOME, their cache is theirs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::files::{Unsafe, What, Why};
use crate::secret::Secret;

/// Tokens are not reused in their last minutes: a request must not race the expiry.
const TOKEN_MARGIN_SECS: i64 = 5 * 60;
/// A cache file is a few hundred bytes; anything much bigger is not one of ours.
const CACHE_LIMIT: u64 = 1024 * 1024;

pub struct Cache {
    dir: PathBuf,
}

#[derive(Serialize, Deserialize)]
struct CachedToken {
    token: String,
    expires_at: jiff::Timestamp,
    project_id: Option<String>,
}

/// A cache key that names its parts without putting them in a file name.
pub fn key(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    hex::encode(&h.finalize()[..16])
}

impl Cache {
    pub fn new(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A cached token still valid for more than five minutes, with its project; a planted
    /// cache is an error.
    pub fn token(&self, key: &str) -> Result<Option<(Secret, Option<String>)>, Unsafe> {
        let Some(text) = self.read(&self.dir.join("tokens").join(format!("{key}.json")))? else {
            return Ok(None);
        };
        let Ok(cached) = serde_json::from_str::<CachedToken>(&text) else {
            return Ok(None);
        };
        let left = cached.expires_at.as_second() - jiff::Timestamp::now().as_second();
        crate::text::forbid(&cached.token);
        Ok((left > TOKEN_MARGIN_SECS).then(|| (Secret::new(cached.token), cached.project_id)))
    }

    pub fn store_token(
        &self,
        key: &str,
        token: &Secret,
        expires_at: jiff::Timestamp,
        project_id: Option<&str>,
    ) -> std::io::Result<()> {
        let cached = CachedToken {
            token: token.expose().to_string(),
            expires_at,
            project_id: project_id.map(str::to_string),
        };
        let text = serde_json::to_string(&cached)?;
        write_private(&self.dir.join("tokens"), &format!("{key}.json"), &text)
    }

    pub fn forget_token(&self, key: &str) {
        let _ = std::fs::remove_file(self.dir.join("tokens").join(format!("{key}.json")));
    }

    pub fn project(&self, key: &str) -> Result<Option<String>, Unsafe> {
        Ok(self.projects()?.remove(key))
    }

    pub fn store_project(&self, key: &str, project_id: &str) -> std::io::Result<()> {
        let mut all = self.projects().map_err(std::io::Error::other)?;
        all.insert(key.to_string(), project_id.to_string());
        write_private(
            &self.dir,
            "projects.json",
            &serde_json::to_string_pretty(&all)?,
        )
    }

    fn projects(&self) -> Result<BTreeMap<String, String>, Unsafe> {
        Ok(self
            .read(&self.dir.join("projects.json"))?
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default())
    }

    /// A cache file's text: `None` when there is none (or a symbolic link, or something too
    /// big to be ours); an error when the file or a directory on the way belongs to another
    /// user, others may write to it, or it is not a regular file.
    fn read(&self, path: &Path) -> Result<Option<String>, Unsafe> {
        let mut dirs = vec![self.dir.as_path()];
        dirs.extend(path.parent().filter(|p| *p != self.dir));
        for dir in dirs {
            if let Ok(meta) = std::fs::metadata(dir) {
                crate::files::check_private(&meta, dir, What::CacheDir)?;
            }
        }
        match crate::files::read_nofollow(path, CACHE_LIMIT) {
            Ok(Some((text, file))) => {
                let meta = file
                    .metadata()
                    .map_err(|e| unsafe_file(path, Why::Io(std::sync::Arc::new(e))))?;
                crate::files::check_private(&meta, path, What::CacheFile)?;
                Ok(Some(text))
            }
            Err(e) => match crate::files::refusal(&e) {
                Some(why) => Err(unsafe_file(path, Why::CacheBut(why.clone()))),
                None => Ok(None),
            },
            Ok(None) => Ok(None),
        }
    }
}

fn unsafe_file(path: &Path, why: Why) -> Unsafe {
    Unsafe {
        path: path.to_path_buf(),
        why,
    }
}

/// Writes `name` in `dir`, both private; an existing `dir` is tightened to 0700 too, since
/// what it holds lets anyone act as the user. A symbolic link in place of `dir` is refused:
/// its target's mode is never changed, nothing is written there.
fn write_private(dir: &Path, name: &str, text: &str) -> std::io::Result<()> {
    crate::files::create_private_dir(dir)?;
    crate::files::tighten_dir(dir)?;
    crate::files::write_private(&dir.join(name), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_reused_until_five_minutes_before_expiry() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("c"));
        let soon = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(240);
        let later = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(3600);
        cache
            .store_token("a", &Secret::new("t1"), soon, None)
            .unwrap();
        assert!(
            cache.token("a").unwrap().is_none(),
            "expires within the margin"
        );
        cache
            .store_token("b", &Secret::new("t2"), later, Some("p"))
            .unwrap();
        let (t, p) = cache.token("b").unwrap().unwrap();
        assert_eq!((t.expose(), p.as_deref()), ("t2", Some("p")));
        #[cfg(unix)]
        {
            let other = dir.path().join("other.json");
            std::fs::rename(dir.path().join("c/tokens/b.json"), &other).unwrap();
            std::os::unix::fs::symlink(&other, dir.path().join("c/tokens/b.json")).unwrap();
            assert!(
                cache.token("b").unwrap().is_none(),
                "a link is not followed"
            );
            std::fs::remove_file(dir.path().join("c/tokens/b.json")).unwrap();
            std::fs::rename(&other, dir.path().join("c/tokens/b.json")).unwrap();
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&dir.path().join("c/tokens")), 0o700);
            assert_eq!(mode(&dir.path().join("c/tokens/b.json")), 0o600);
        }
    }

    #[test]
    fn projects_are_remembered_per_key() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().to_path_buf());
        cache.store_project(&key(&["ak", "r1"]), "p1").unwrap();
        cache.store_project(&key(&["ak", "r2"]), "p2").unwrap();
        assert_eq!(
            cache.project(&key(&["ak", "r1"])).unwrap().as_deref(),
            Some("p1")
        );
        assert_eq!(cache.project(&key(&["ak", "r3"])).unwrap(), None);
    }
}
