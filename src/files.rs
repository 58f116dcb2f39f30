//! Writing files that hold secrets or state: private (0600, new directories 0700) and atomic
//! (a temp file renamed over the old one, so no reader ever sees half a file); opening the
//! ones that must not be redirected without following a symbolic link; and never waiting on
//! what is not a regular file (a FIFO, a device): every open is non-blocking and checked.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file or directory that another user could redirect, and why: a kind, not a text, so
/// the exit room says it in the run's language while its Display (logs, JSON) stays English.
#[derive(Debug, thiserror::Error)]
#[error("{}: {why}", path.display())]
pub struct Unsafe {
    pub path: PathBuf,
    pub why: Why,
}

/// Why a file or directory is unsafe; Display is the English text.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Why {
    #[error("it belongs to another user (uid {0}), neither to this one nor to root")]
    Owner(u32),
    #[error("a {0} that belongs to another user (uid {1}): assist does not use it")]
    Foreign(What, u32),
    #[error("a {0} that group or other users may write to (mode {1}): assist does not use it")]
    Writable(What, String),
    #[error("every user may write to this directory (mode {0}) and it is not sticky, so another user could replace or redirect the files in it")]
    OpenDir(String),
    /// The file could not be examined: the system's error.
    #[error("{0}")]
    Io(Arc<std::io::Error>),
    /// A cache path that an open refused (not a regular file).
    #[error("a cache file, but {0}")]
    CacheBut(Refused),
}

/// What an unsafe file is for.
#[derive(Debug, Clone, Copy, thiserror::Error)]
pub enum What {
    #[error("cache directory")]
    CacheDir,
    #[error("cache file")]
    CacheFile,
}

/// Creates `dir` and its missing parents, readable by the user alone.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Writes `text` to `path` with mode 0600 through a temp file in the same directory. The temp
/// file has an unpredictable name and is created exclusively (O_EXCL), so nobody can plant a
/// file or symlink there in advance; on any error it is removed.
pub fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    create_private_dir(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    // tempfile already creates 0600 on Unix; set it anyway so the promise does not depend on it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    tmp.write_all(text.as_bytes())?;
    tmp.persist(path).map(|_| ()).map_err(|e| e.error)
}

/// Opens `path` to read it, refusing a symbolic link there (O_NOFOLLOW): a file another user
/// could point elsewhere is not read in its place. What is not a regular file is refused at
/// once (see [`Refused`]), never waited on.
pub fn open_nofollow(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    open_checked(&mut options, path, true)
}

/// Reads at most `limit` bytes of `path` through [`open_nofollow`]; `None` past the limit.
pub fn read_nofollow(path: &Path, limit: u64) -> std::io::Result<Option<(String, File)>> {
    read_limited(open_nofollow(path)?, limit)
}

/// Reads at most `limit` bytes of a config file (a symbolic link is followed: dotfile
/// managers keep config files elsewhere); `None` past the limit. A FIFO or a device is
/// refused at once: reading config never waits.
pub fn read_regular(path: &Path, limit: u64) -> std::io::Result<Option<(String, File)>> {
    let mut options = OpenOptions::new();
    options.read(true);
    read_limited(open_checked(&mut options, path, false)?, limit)
}

fn read_limited(file: File, limit: u64) -> std::io::Result<Option<(String, File)>> {
    let mut text = String::new();
    (&file).take(limit + 1).read_to_string(&mut text)?;
    Ok((text.len() as u64 <= limit).then_some((text, file)))
}

/// Opens (creating it 0600 if needed) a lock file: never through a symbolic link, never
/// truncated, so a planted link can neither create nor clobber a file elsewhere; a file that
/// is not regular, or belongs to another user (not this one, not root), is refused.
pub fn open_lock(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = open_checked(&mut options, path, true)?;
    refuse_foreign(&file)?;
    Ok(file)
}

/// Opens `path` to append to it (and read its end), creating it 0600: never through a
/// symbolic link, never truncated; every write lands at the end (O_APPEND). A file that is
/// not regular (a FIFO, `/dev/full`), or belongs to another user, is refused.
pub fn open_append(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).append(true).read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = open_checked(&mut options, path, true)?;
    refuse_foreign(&file)?;
    Ok(file)
}

/// Why a path was refused without being used (not a regular file, another user's): carried
/// inside the `io::Error` an open returns, so callers keep their one error path. A kind, not
/// a text: the messages room says it in the run's language; Display is the English text.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Refused {
    #[error("it is {0}, not a regular file")]
    NotRegular(Special),
    #[error("{}", Why::Owner(*.0))]
    Owner(u32),
    /// Where no open can refuse a link itself (not Unix), a look first refuses it.
    #[cfg_attr(unix, allow(dead_code))]
    #[error("a symbolic link, which assist does not follow here")]
    Link,
    /// A link written through (a config file kept elsewhere) whose target cannot be found.
    #[error("it is a symbolic link whose target cannot be resolved ({0})")]
    Unresolved(Arc<std::io::Error>),
}

/// What is at a path instead of a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Special {
    #[error("a directory")]
    Directory,
    #[error("a FIFO (named pipe)")]
    Fifo,
    #[error("a character device")]
    CharDevice,
    #[error("a block device")]
    BlockDevice,
    #[error("a socket")]
    Socket,
    #[error("something other than a file")]
    Other,
}

fn refused(why: Refused) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidInput, why)
}

/// The reason an open refused its file, if that is why it failed.
pub fn refusal(e: &std::io::Error) -> Option<&Refused> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<Refused>())
}

/// Opens without blocking (O_NONBLOCK: a FIFO without a writer, or a reader, would hang the
/// open), refuses what the handle shows is not a regular file, then clears O_NONBLOCK so the
/// file behaves as usual. `nofollow` also refuses a symbolic link at `path`.
fn open_checked(options: &mut OpenOptions, path: &Path, nofollow: bool) -> std::io::Result<File> {
    flags(options, path, nofollow)?;
    let file = options.open(path).map_err(|e| explain_open(e, path))?;
    check_regular(&file)?;
    blocking(&file)?;
    Ok(file)
}

/// An open that failed on something that is not a regular file (a FIFO without a reader is
/// ENXIO for a write) says what is there.
fn explain_open(e: std::io::Error, path: &Path) -> std::io::Error {
    match std::fs::symlink_metadata(path) {
        Ok(m) if !m.is_file() && !m.file_type().is_symlink() && !m.is_dir() => {
            not_regular(&m.file_type())
        }
        _ => e,
    }
}

/// Refuses what is not a regular file, from the open handle: nothing can swap it afterwards.
fn check_regular(file: &File) -> std::io::Result<()> {
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        return Ok(());
    }
    Err(not_regular(&kind))
}

fn not_regular(kind: &std::fs::FileType) -> std::io::Error {
    let what = if kind.is_dir() {
        Special::Directory
    } else {
        special_kind(kind)
    };
    refused(Refused::NotRegular(what))
}

/// Refuses an open file that belongs to another user (neither this one nor root).
fn refuse_foreign(file: &File) -> std::io::Result<()> {
    match foreign_owner(file) {
        Some(owner) => Err(refused(Refused::Owner(owner))),
        None => Ok(()),
    }
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> Special {
    use std::os::unix::fs::FileTypeExt;
    match () {
        _ if kind.is_fifo() => Special::Fifo,
        _ if kind.is_char_device() => Special::CharDevice,
        _ if kind.is_block_device() => Special::BlockDevice,
        _ if kind.is_socket() => Special::Socket,
        _ => Special::Other,
    }
}

#[cfg(not(unix))]
fn special_kind(_kind: &std::fs::FileType) -> Special {
    Special::Other
}

#[cfg(unix)]
fn flags(options: &mut OpenOptions, _path: &Path, nofollow: bool) -> std::io::Result<()> {
    let extra = if nofollow { libc::O_NOFOLLOW } else { 0 };
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NONBLOCK | extra);
    Ok(())
}

#[cfg(not(unix))]
fn flags(_options: &mut OpenOptions, path: &Path, nofollow: bool) -> std::io::Result<()> {
    if nofollow {
        refuse_link(path)?;
    }
    Ok(())
}

/// Back to blocking I/O once the file is known to be regular.
#[cfg(unix)]
fn blocking(file: &File) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor this function's caller owns, with plain integer flags.
    let status = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    // SAFETY: as above.
    if status < 0 || unsafe { libc::fcntl(fd, libc::F_SETFL, status & !libc::O_NONBLOCK) } < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(not(unix))]
fn blocking(_file: &File) -> std::io::Result<()> {
    Ok(())
}

/// The owner of an open file when it is another user (neither this one nor root): whoever
/// owns a file decides what it says.
pub fn foreign_owner(file: &File) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let owner = file.metadata().map(|m| m.uid()).unwrap_or(u32::MAX);
        is_foreign(owner).then_some(owner)
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        None
    }
}

/// Whether `uid` is another user: not the one running assist, not root.
#[cfg(unix)]
fn is_foreign(uid: u32) -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    uid != me && uid != 0
}

/// Whether an open failed because the path is a symbolic link that was not followed.
pub fn is_link_refused(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    return e.raw_os_error() == Some(libc::ELOOP);
    #[cfg(not(unix))]
    return matches!(refusal(e), Some(Refused::Link));
}

/// Without O_NOFOLLOW, a look first (a window remains, but no link is followed knowingly).
#[cfg(not(unix))]
fn refuse_link(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(refused(Refused::Link)),
        _ => Ok(()),
    }
}

/// Refuses a file that belongs to another user (neither this one nor root): whoever owns
/// it decides what it says.
pub fn check_owner(file: &File, path: &Path) -> Result<(), Unsafe> {
    match foreign_owner(file) {
        Some(owner) => Err(Unsafe {
            path: path.to_path_buf(),
            why: Why::Owner(owner),
        }),
        None => Ok(()),
    }
}

/// Refuses a file or directory (its `meta`, `what` it is for) another user could have
/// planted or could change: one that belongs to another user (neither this one nor root), or
/// that group or others may write to.
pub fn check_private(meta: &std::fs::Metadata, path: &Path, what: What) -> Result<(), Unsafe> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let why = if is_foreign(meta.uid()) {
            Why::Foreign(what, meta.uid())
        } else if meta.permissions().mode() & 0o022 != 0 {
            let mode = meta.permissions().mode() & 0o7777;
            Why::Writable(what, format!("{mode:o}"))
        } else {
            return Ok(());
        };
        Err(Unsafe {
            path: path.to_path_buf(),
            why,
        })
    }
    #[cfg(not(unix))]
    {
        let _ = (meta, path, what);
        Ok(())
    }
}

/// Refuses a directory every user may write to without the sticky bit (`chmod o+w`, not
/// `/tmp`'s `1777`): anyone could replace or redirect the files in it.
pub fn check_dir(dir: &Path) -> Result<(), Unsafe> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match std::fs::metadata(dir) {
            Ok(m) => m.permissions().mode(),
            Err(_) => return Ok(()), // a missing directory is created private
        };
        if mode & 0o002 != 0 && mode & 0o1000 == 0 {
            return Err(Unsafe {
                path: dir.to_path_buf(),
                why: Why::OpenDir(format!("{:o}", mode & 0o7777)),
            });
        }
    }
    let _ = dir;
    Ok(())
}

/// Makes an existing directory readable by the user alone, without following a symbolic
/// link: the mode is set on the directory that was opened (fchmod), never on a link's target.
pub fn tighten_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let handle = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_DIRECTORY)
            .open(dir)?;
        handle.set_permissions(std::fs::Permissions::from_mode(0o700))?;
    }
    let _ = dir;
    Ok(())
}

/// Like [`write_private`], but a symbolic link at `path` (a config file kept elsewhere, as
/// dotfile managers do) is written through: its target is replaced, the link stays a link.
pub fn write_private_through_link(path: &Path, text: &str) -> std::io::Result<()> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return write_private(path, text);
    }
    let target = std::fs::canonicalize(path)
        .map_err(|e| std::io::Error::new(e.kind(), Refused::Unresolved(Arc::new(e))))?;
    write_private(&target, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_files_are_private_and_replace_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new/sub/file.json");
        write_private(&path, "one").unwrap();
        write_private(&path, "two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&dir.path().join("new")), 0o700);
        }
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_not_followed_where_they_could_redirect_a_write() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        assert!(is_link_refused(&open_nofollow(&link).unwrap_err()));
        assert!(is_link_refused(&open_lock(&link).unwrap_err()));
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("created"), &dangling).unwrap();
        assert!(open_lock(&dangling).is_err());
        assert!(
            !dir.path().join("created").exists(),
            "nothing created through the link"
        );
        assert!(tighten_dir(&link).is_err());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    }

    #[cfg(unix)]
    #[test]
    fn a_world_writable_directory_is_refused_unless_sticky() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let set = |mode| {
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(mode)).unwrap()
        };
        set(0o777);
        assert!(check_dir(dir.path()).is_err());
        set(0o1777);
        assert!(check_dir(dir.path()).is_ok());
        set(0o700);
        assert!(check_dir(dir.path()).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_file_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.toml");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_private_through_link(&link, "new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }
}
