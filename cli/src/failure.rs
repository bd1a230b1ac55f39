//! Why the tool stops, and the exit status that says so.

use crate::say::tell;
use std::process::ExitCode;

/// Exit status 2: the command line or its input was wrong. 1 is reserved for "not verified".
pub struct Failure {
    message: String,
    broken_pipe: bool,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            broken_pipe: false,
        }
    }

    pub fn input(message: impl Into<String>) -> Self {
        Failure::usage(message)
    }

    #[cfg(test)]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The reader of our output went away (`| head`): a normal way to stop, not an error.
    pub fn is_broken_pipe(&self) -> bool {
        self.broken_pipe
    }

    /// The exit status, after the message on stderr. A reader that went away is a normal way
    /// to stop (`hash ... | head -n 1`): exit 0 and nothing said, as `batch` does.
    pub fn report(&self) -> ExitCode {
        if self.broken_pipe {
            return ExitCode::SUCCESS;
        }
        tell!("chatwoot-identity: error: {}", self.message);
        ExitCode::from(2)
    }
}

impl From<chatwoot_identity::Error> for Failure {
    fn from(err: chatwoot_identity::Error) -> Self {
        // The core's messages never contain the secret or the identifier.
        Failure::input(format!("{err} [{}]", err.code()))
    }
}

impl From<std::io::Error> for Failure {
    fn from(err: std::io::Error) -> Self {
        Failure {
            message: format!("i/o error: {err}"),
            broken_pipe: err.kind() == std::io::ErrorKind::BrokenPipe,
        }
    }
}
