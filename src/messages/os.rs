//! What the system says, in the run's language: an `std::io::Error` worded by its kind, with
//! the system's error number, and the files room's reasons (a refused open, an unsafe file)
//! said from the catalogue; in English each is its own text, byte for byte.

use std::io::{Error, ErrorKind};

use super::message::{msg, Message, Worded};
use crate::files::{Refused, Special, Unsafe, What, Why};

/// The kinds the catalogue words (`os-error` in `locales/*/os.ftl`), by the name its select
/// takes. A kind not here keeps the system's English words in every language.
const KINDS: &[(ErrorKind, &str)] = &[
    (ErrorKind::NotFound, "not-found"),
    (ErrorKind::PermissionDenied, "permission-denied"),
    (ErrorKind::AlreadyExists, "already-exists"),
    (ErrorKind::IsADirectory, "is-a-directory"),
    (ErrorKind::NotADirectory, "not-a-directory"),
    (ErrorKind::DirectoryNotEmpty, "directory-not-empty"),
    (ErrorKind::ReadOnlyFilesystem, "read-only-filesystem"),
    (ErrorKind::StorageFull, "storage-full"),
    (ErrorKind::QuotaExceeded, "quota-exceeded"),
    (ErrorKind::FileTooLarge, "file-too-large"),
    (ErrorKind::InvalidFilename, "invalid-filename"),
    (ErrorKind::TooManyLinks, "too-many-links"),
    (ErrorKind::ResourceBusy, "resource-busy"),
    (ErrorKind::ExecutableFileBusy, "executable-busy"),
    (ErrorKind::CrossesDevices, "crosses-devices"),
    (ErrorKind::NotSeekable, "not-seekable"),
    (ErrorKind::Interrupted, "interrupted"),
    (ErrorKind::WouldBlock, "would-block"),
    (ErrorKind::BrokenPipe, "broken-pipe"),
    (ErrorKind::InvalidInput, "invalid-input"),
    (ErrorKind::InvalidData, "invalid-data"),
    (ErrorKind::UnexpectedEof, "unexpected-eof"),
    (ErrorKind::WriteZero, "write-zero"),
    (ErrorKind::TimedOut, "timed-out"),
    (ErrorKind::OutOfMemory, "out-of-memory"),
    (ErrorKind::Unsupported, "unsupported"),
    (ErrorKind::ConnectionRefused, "connection-refused"),
    (ErrorKind::ConnectionReset, "connection-reset"),
    (ErrorKind::ConnectionAborted, "connection-aborted"),
    (ErrorKind::NotConnected, "not-connected"),
    (ErrorKind::AddrInUse, "addr-in-use"),
    (ErrorKind::AddrNotAvailable, "addr-not-available"),
    (ErrorKind::HostUnreachable, "host-unreachable"),
    (ErrorKind::NetworkUnreachable, "network-unreachable"),
    (ErrorKind::NetworkDown, "network-down"),
];

/// The standard library's words for a read of text that is not UTF-8 (`read_to_string`).
const NOT_UTF8: &str = "stream did not contain valid UTF-8";

/// An I/O error's words: in English its own text (`No such file or directory (os error 2)`),
/// in another language the catalogue's words for its kind with the system's error number
/// (`没有这个文件或目录（系统错误 2）`). A kind without words keeps the system's English words;
/// an error of the program's own (a text, no number) keeps its text, but for the files
/// room's reasons (a refused open, an unsafe file) and a reason given in the catalogue's
/// words (`Worded`), which have words of their own.
pub fn os_error(e: &Error) -> Message {
    // The files room's own reasons travel inside an I/O error: said as themselves.
    if let Some(inner) = e.get_ref() {
        if let Some(worded) = inner.downcast_ref::<Worded>() {
            return worded.0.clone();
        }
        if let Some(refused) = inner.downcast_ref::<Refused>() {
            return refused_said(refused);
        }
        if let Some(planted) = inner.downcast_ref::<Unsafe>() {
            return unsafe_file(planted);
        }
    }
    let text = e.to_string();
    match system_part(&text) {
        // The system's error, maybe inside a library's (tempfile adds ` at path "…"`).
        // Only the system's own words: a library's sentence around them (`failed to X:
        // Permission denied (os error 13)`) must not lose its first part in another language.
        Some((words, code, tail)) if is_the_systems(words, code) => {
            let said = system(e.kind(), words, code);
            match tail.strip_prefix(" at path ") {
                _ if tail.is_empty() => said,
                Some(path) => msg!("os-error-at", path = path).quote("error", said),
                None => plain("other", &text),
            }
        }
        None if text == Error::from(e.kind()).to_string() => plain(name_of(e.kind(), None), &text),
        None if e.kind() == ErrorKind::InvalidData && text == NOT_UTF8 => plain("not-utf8", &text),
        _ => plain("other", &text),
    }
}

/// The system's words, its error number and what follows them, from an error's text (`No
/// such file or directory (os error 2)`, as Rust writes it); `None`: no number in it.
fn system_part(text: &str) -> Option<(&str, i32, &str)> {
    let (words, rest) = text.split_once(" (os error ")?;
    let (code, tail) = rest.split_once(')')?;
    Some((words, code.parse().ok()?, tail))
}

/// Whether `words` are the system's own for error `code`, nothing around them.
fn is_the_systems(words: &str, code: i32) -> bool {
    Error::from_raw_os_error(code).to_string() == format!("{words} (os error {code})")
}

/// The system's error `code` of `kind`, its English `words`.
fn system(kind: ErrorKind, words: &str, code: i32) -> Message {
    msg!(
        "os-error",
        kind = name_of(kind, Some(code)),
        text = words,
        code = code
    )
}

/// An error without a number: its kind's words, or its text (`other`).
fn plain(kind: &str, text: &str) -> Message {
    msg!("os-error", kind = kind, text = text, code = "none")
}

/// The catalogue's name of a kind. A symbolic-link loop (ELOOP, also what an open that does
/// not follow a link meets) has no stable kind of its own: it is told by its number.
fn name_of(kind: ErrorKind, code: Option<i32>) -> &'static str {
    #[cfg(unix)]
    if code == Some(libc::ELOOP) {
        return "symlink-loop";
    }
    #[cfg(not(unix))]
    let _ = code;
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("other", |(_, name)| name)
}

/// An unsafe file or directory: its path, and why.
pub fn unsafe_file(u: &Unsafe) -> Message {
    let path = u.path.display().to_string();
    msg!("err-file-unsafe", path = path).quote("why", unsafe_why(&u.why))
}

/// Why a file or directory is unsafe.
pub fn unsafe_why(why: &Why) -> Message {
    let what = |w: &What| match w {
        What::CacheDir => msg!("file-what-cache-dir"),
        What::CacheFile => msg!("file-what-cache-file"),
    };
    match why {
        Why::Owner(uid) => msg!("file-unsafe-owner", uid = uid),
        Why::Foreign(w, uid) => msg!("file-unsafe-foreign", uid = uid).quote("what", what(w)),
        Why::Writable(w, mode) => msg!("file-unsafe-writable", mode = mode).quote("what", what(w)),
        Why::OpenDir(mode) => msg!("file-unsafe-dir", mode = mode),
        Why::Io(e) => os_error(e),
        Why::CacheBut(r) => msg!("file-unsafe-cache-but").quote("why", refused_said(r)),
    }
}

/// Why an open refused its file.
fn refused_said(r: &Refused) -> Message {
    match r {
        Refused::NotRegular(what) => msg!("file-refused-not-regular", what = special(*what)),
        Refused::Owner(uid) => msg!("file-unsafe-owner", uid = uid),
        Refused::Link => msg!("file-refused-link"),
        Refused::Unresolved(e) => msg!("file-refused-unresolved").quote("error", os_error(e)),
    }
}

/// The catalogue's name of what stands where a regular file was wanted.
fn special(what: Special) -> &'static str {
    match what {
        Special::Directory => "directory",
        Special::Fifo => "fifo",
        Special::CharDevice => "char-device",
        Special::BlockDevice => "block-device",
        Special::Socket => "socket",
        Special::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;
    use std::sync::Arc;

    fn both(e: &Error) -> (String, String) {
        let said = os_error(e);
        (said.render_in(Lang::En), said.render_in(Lang::Zh))
    }

    #[cfg(unix)]
    /// A reason of the program's own in the catalogue's words travels inside an I/O error and
    /// is said in them: English its text, Chinese the catalogue's.
    #[test]
    fn a_worded_reason_inside_an_io_error_is_said_in_its_words() {
        let large = Worded(msg!("config-why-too-large", limit = 4));
        let e = Error::new(ErrorKind::InvalidData, large);
        assert_eq!(os_error(&e).render_in(Lang::En), e.to_string());
        assert_eq!(
            os_error(&e).render_in(Lang::Zh),
            "它超过了 4 MiB，比任何设置文件都大"
        );
    }

    /// A library's sentence around the system's words is kept whole: in Chinese only the
    /// system's own error is worded by its kind, never a text with more in front of it.
    #[test]
    fn a_library_sentence_around_a_system_error_is_not_cut() {
        let text = "failed to persist: Permission denied (os error 13)";
        let e = Error::new(ErrorKind::PermissionDenied, text);
        assert_eq!(both(&e), (text.to_string(), text.to_string()));
    }

    #[test]
    fn a_system_error_is_its_own_text_in_english_and_its_kind_in_chinese() {
        let cases = [
            (libc::ENOENT, "没有这个文件或目录（系统错误 2）"),
            (libc::EACCES, "权限不足（系统错误 13）"),
            (libc::EISDIR, "这是一个目录（系统错误 21）"),
            (libc::ENOSPC, "设备上没有剩余空间（系统错误 28）"),
            (libc::ELOOP, "符号链接的层数过多（系统错误 40）"),
            // A kind without words: the system's English words, the number in Chinese.
            (libc::EIO, "Input/output error（系统错误 5）"),
        ];
        for (code, zh) in cases {
            let e = Error::from_raw_os_error(code);
            assert_eq!(both(&e), (e.to_string(), zh.to_string()), "{code}");
        }
        assert_eq!(
            both(&Error::from_raw_os_error(libc::ENOENT)).0,
            "No such file or directory (os error 2)"
        );
    }

    #[test]
    fn an_error_without_a_number_is_its_kind_or_its_text() {
        let eof = Error::from(ErrorKind::UnexpectedEof);
        assert_eq!(both(&eof), (eof.to_string(), "意外到达文件末尾".into()));
        let mut bytes: &[u8] = b"\xff\xfe";
        let mut text = String::new();
        let utf8 = std::io::Read::read_to_string(&mut bytes, &mut text).unwrap_err();
        assert_eq!(
            both(&utf8),
            (NOT_UTF8.to_string(), "内容不是有效的 UTF-8 文本".into())
        );
        // The program's own text is said as it is, in every language.
        let own = Error::other("it is larger than any demo state");
        assert_eq!(both(&own), (own.to_string(), own.to_string()));
        let custom = Error::new(ErrorKind::NotFound, "gone\x1b[2J");
        assert_eq!(both(&custom).1, "gone\\u{1b}[2J");
    }

    #[cfg(unix)]
    #[test]
    fn a_library_s_path_after_the_system_error_is_kept() {
        // tempfile's shape: the system's error, then the temp file's path.
        let wrapped = Error::new(
            ErrorKind::NotFound,
            format!(
                "{} at path \"/no/.x.tmp\"",
                Error::from_raw_os_error(libc::ENOENT)
            ),
        );
        let (en, zh) = both(&wrapped);
        assert_eq!(en, wrapped.to_string());
        assert_eq!(zh, "没有这个文件或目录（系统错误 2），路径 \"/no/.x.tmp\"");
    }

    /// Every kind the code names has Chinese words of its own, not the fallback.
    #[test]
    fn every_kind_has_its_chinese_words() {
        let names = KINDS.iter().map(|(_, n)| *n);
        for name in names.chain(["symlink-loop", "not-utf8"]) {
            let said = plain(name, "ENGLISH");
            assert!(
                !said.render_in(Lang::Zh).contains("ENGLISH"),
                "{name} has no Chinese words"
            );
            assert_eq!(said.render_in(Lang::En), "ENGLISH", "{name}");
        }
    }

    /// In English each reason is its `Display` text; in Chinese, words of its own.
    #[test]
    fn each_reason_is_its_text_in_english_and_chinese_in_chinese() {
        let missing = || Arc::new(std::io::Error::from(std::io::ErrorKind::NotFound));
        let cases = [
            (
                Refused::NotRegular(Special::Fifo),
                "它是命名管道（FIFO），不是普通文件",
            ),
            (
                Refused::NotRegular(Special::CharDevice),
                "它是字符设备，不是普通文件",
            ),
            (
                Refused::NotRegular(Special::Directory),
                "它是目录，不是普通文件",
            ),
            (
                Refused::Owner(65534),
                "它属于另一个用户（uid 65534），既不属于当前用户也不属于 root",
            ),
            (Refused::Link, "这是符号链接，assist 在此处不跟随符号链接"),
            (
                Refused::Unresolved(missing()),
                "它是符号链接，但无法解析其目标（没有这个文件或目录）",
            ),
        ];
        for (r, zh) in cases {
            assert_eq!(refused_said(&r).render_in(Lang::En), r.to_string());
            assert_eq!(refused_said(&r).render_in(Lang::Zh), zh, "{r}");
        }
        for what in [Special::BlockDevice, Special::Socket, Special::Other] {
            let r = Refused::NotRegular(what);
            assert_eq!(refused_said(&r).render_in(Lang::En), r.to_string());
        }
        let cache = Why::CacheBut(Refused::NotRegular(Special::Fifo));
        assert_eq!(unsafe_why(&cache).render_in(Lang::En), cache.to_string());
        assert_eq!(
            unsafe_why(&cache).render_in(Lang::Zh),
            "缓存文件，但它是命名管道（FIFO），不是普通文件"
        );
        let io = Why::Io(missing());
        assert_eq!(unsafe_why(&io).render_in(Lang::Zh), "没有这个文件或目录");
    }

    /// An unsafe file carried inside an I/O error (the audit log's directory) is said whole.
    #[test]
    fn an_unsafe_file_inside_an_io_error_keeps_its_words() {
        let u = Unsafe {
            path: "/tmp/open".into(),
            why: Why::OpenDir("777".into()),
        };
        let text = u.to_string();
        let e = std::io::Error::new(std::io::ErrorKind::PermissionDenied, u);
        assert_eq!(os_error(&e).render_in(Lang::En), text);
        assert!(
            os_error(&e)
                .render_in(Lang::Zh)
                .starts_with("/tmp/open：所有用户都可写入此目录（权限 777）"),
            "{}",
            os_error(&e).render_in(Lang::Zh)
        );
    }
}
