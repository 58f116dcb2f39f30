//! A running binary whose stdout and stderr arrive line by line, so that a test waits for a
//! readiness line (a request sent, a lock waited for) instead of sleeping and hoping.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

pub struct Lines {
    pub child: Child,
    pub stdout: Receiver<String>,
    stderr: Receiver<String>,
    /// The stderr lines read so far.
    pub seen: Vec<String>,
}

impl Lines {
    pub fn spawn(mut cmd: Command) -> Lines {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn assist");
        let stdout = forward(child.stdout.take().expect("stdout"));
        let stderr = forward(child.stderr.take().expect("stderr"));
        Lines {
            child,
            stdout,
            stderr,
            seen: Vec::new(),
        }
    }

    /// Reads stderr until a line contains `needle`; false if none did within `limit`.
    pub fn wait_for_stderr(&mut self, needle: &str, limit: Duration) -> bool {
        let end = Instant::now() + limit;
        while let Ok(line) = self
            .stderr
            .recv_timeout(end.saturating_duration_since(Instant::now()))
        {
            let found = line.contains(needle);
            self.seen.push(line);
            if found {
                return true;
            }
        }
        false
    }

    /// Sends SIGINT, as Ctrl-C would.
    pub fn interrupt(&self) {
        let kill = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(kill.success());
    }

    /// Waits at most `limit` for the end (stderr closes when the process exits): the exit
    /// status, the stdout lines not read yet, and the whole of stderr.
    pub fn end_within(mut self, limit: Duration) -> Option<(ExitStatus, Vec<String>, String)> {
        let end = Instant::now() + limit;
        loop {
            match self
                .stderr
                .recv_timeout(end.saturating_duration_since(Instant::now()))
            {
                Ok(line) => self.seen.push(line),
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => return None,
            }
        }
        let status = self.child.wait().expect("wait");
        let rest = self.stdout.iter().collect();
        Some((status, rest, self.seen.concat()))
    }
}

impl Drop for Lines {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Each line of the pipe (with its newline) on a channel, as soon as it is written.
fn forward(pipe: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(pipe);
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) if tx.send(line).is_err() => break,
                Ok(_) => {}
            }
        }
    });
    rx
}
