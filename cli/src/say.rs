//! Printing that never panics. `println!` and `eprintln!` panic when the stream is closed
//! (`| head -n 1`, `2>&-`), turning a reader that went away into exit status 101 with a
//! backtrace hint. A line that cannot be written is dropped instead: the exit status still
//! carries the verdict, and nobody is left to read the line.

/// A line on stdout.
macro_rules! say {
    ($($line:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($line)*);
    }};
}

/// A line on stderr.
macro_rules! tell {
    ($($line:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($line)*);
    }};
}

pub(crate) use {say, tell};
