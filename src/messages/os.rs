//! What the system says, in the run's language: an `std::io::Error` worded by its kind, with
//! the system's error number; in English the error's own text, byte for byte.

use std::io::{Error, ErrorKind};

use super::message::{msg, Message};

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
/// an error of the program's own (a text, no number) keeps its text.
pub fn os_error(e: &Error) -> Message {
    let text = e.to_string();
    match system_part(&text) {
        // The system's error, maybe inside a library's (tempfile adds ` at path "…"`).
        Some((words, code, tail)) => {
            let said = system(e.kind(), words, code);
            match tail.strip_prefix(" at path ") {
                _ if tail.is_empty() => said,
                Some(path) => msg!("os-error-at", path = path).quote("error", said),
                None => plain("other", &text),
            }
        }
        None if text == Error::from(e.kind()).to_string() => plain(name_of(e.kind(), None), &text),
        None if e.kind() == ErrorKind::InvalidData && text == NOT_UTF8 => plain("not-utf8", &text),
        None => plain("other", &text),
    }
}

/// The system's words, its error number and what follows them, from an error's text (`No
/// such file or directory (os error 2)`, as Rust writes it); `None`: no number in it.
fn system_part(text: &str) -> Option<(&str, i32, &str)> {
    let (words, rest) = text.split_once(" (os error ")?;
    let (code, tail) = rest.split_once(')')?;
    Some((words, code.parse().ok()?, tail))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    fn both(e: &Error) -> (String, String) {
        let said = os_error(e);
        (said.render_in(Lang::En), said.render_in(Lang::Zh))
    }

    #[cfg(unix)]
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
}
