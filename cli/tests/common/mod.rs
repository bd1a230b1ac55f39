//! Helpers shared by the integration tests: run the built binary as a user would.

// Each test file uses the helpers it needs; the others would be reported as dead code.
#![allow(dead_code)]

use std::io::Write;
use std::process::{ChildStdin, Command, Output, Stdio};

use chatwoot_identity::Signer;

pub const SECRET: &str = "your-secret-token-for-hmac";
pub const ID: &str = "unique-identifier-of-the-user";
pub const HASH: &str = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c";
/// Distinctive enough that finding it in any output means the secret leaked.
pub const CANARY: &str = "canary-secret-7f3e9c1d";

pub const BINARY: &str = env!("CARGO_BIN_EXE_chatwoot-identity");

/// The tool with no secret in its environment, whatever the test runner has.
pub fn tool() -> Command {
    let mut command = Command::new(BINARY);
    command.env_remove("CHATWOOT_HMAC_SECRET");
    command
}

/// Runs `command` with `stdin` fed from another thread (so a large input cannot deadlock
/// against a full stdout pipe) and collects everything it printed.
pub fn run(command: &mut Command, stdin: &[u8]) -> Output {
    let stdin = stdin.to_vec();
    run_feeding(command, move |mut input| {
        let _ = input.write_all(&stdin);
    })
}

/// Runs `command` while `feed` writes its stdin from another thread, as [`run`] does, for a
/// test that chooses how the input arrives.
pub fn run_feeding(
    command: &mut Command,
    feed: impl FnOnce(ChildStdin) + Send + 'static,
) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || feed(input));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

pub fn with_secret(args: &[&str]) -> Output {
    run(tool().env("CHATWOOT_HMAC_SECRET", SECRET).args(args), b"")
}

/// `chatwoot-identity batch ARGS` with the documented secret and `stdin` as input.
pub fn batch(args: &[&str], stdin: &[u8]) -> Output {
    let mut command = tool();
    command
        .env("CHATWOOT_HMAC_SECRET", SECRET)
        .arg("batch")
        .args(args);
    run(&mut command, stdin)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

pub fn hash_of(identifier: impl AsRef<[u8]>) -> String {
    Signer::new(SECRET)
        .unwrap()
        .identifier_hash(identifier)
        .unwrap()
        .as_str()
        .to_owned()
}

/// A scratch directory for one test, removed when dropped.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!("cwi-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> std::path::PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
