//! Where the batch reads from: stdin or `--input`, both as a plain file descriptor, so the two
//! take the same path and run at the same speed.

use std::fs::File;
use std::io::{self, Read, Seek};
use std::ops::Range;
use std::os::fd::AsFd;
use std::path::Path;
use std::sync::mpsc::SyncSender;

use super::chunk::Chunk;
use crate::failure::Failure;

pub type Sender = SyncSender<Result<Chunk, Failure>>;

/// Bytes asked of each read: what a pipe gives at most, so a file is read in the same steps.
/// A chunk is sent once full at the end of a read, so this also bounds how far past its limits
/// a chunk of very short lines can grow.
pub const READ_BYTES: usize = 64 * 1024;

const BYTE_ORDER_MARK: &[u8] = b"\xef\xbb\xbf";

pub struct Input {
    pub file: File,
    /// The bytes left to read, when the input is a regular file: the progress bar's 100%.
    pub size: Option<u64>,
}

pub fn open(path: Option<&Path>) -> Result<Input, Failure> {
    let mut file = match path {
        Some(path) => File::open(path).map_err(|err| {
            Failure::input(format!("cannot open --input {}: {err}", path.display()))
        })?,
        // Stdin's own handle reads through a lock and a small buffer; its descriptor, read
        // directly, behaves exactly like --input.
        None => File::from(
            io::stdin()
                .as_fd()
                .try_clone_to_owned()
                .map_err(|err| Failure::input(format!("cannot read stdin: {err}")))?,
        ),
    };
    let size = match file.metadata() {
        Ok(metadata) if metadata.is_file() => {
            // Stdin may be a file that a previous command has partly read.
            let done = file.stream_position().unwrap_or(0);
            Some(metadata.len().saturating_sub(done))
        }
        _ => None,
    };
    Ok(Input { file, size })
}

/// Reads what the input has now into `buffer`, up to its size; 0 only at the end of the input.
pub fn read_block(input: &mut impl Read, buffer: &mut [u8]) -> Result<usize, Failure> {
    loop {
        match input.read(buffer) {
            Ok(read) => return Ok(read),
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(Failure::input(format!("cannot read the input: {err}"))),
        }
    }
}

/// The first block of the input, without the byte order mark that Excel and Notepad put at
/// the start of UTF-8 files: an invisible character that would otherwise become part of the
/// first identifier (or CSV header). Returns where the block is in `buffer`; it is empty only
/// when the input is.
pub fn read_first_block(input: &mut impl Read, buffer: &mut [u8]) -> Result<Range<usize>, Failure> {
    // Enough bytes to see the whole mark, even if it arrives split across reads.
    let mut filled = 0;
    while filled < BYTE_ORDER_MARK.len() {
        let read = read_block(input, &mut buffer[filled..])?;
        if read == 0 {
            break;
        }
        filled += read;
    }
    let start = if buffer[..filled].starts_with(BYTE_ORDER_MARK) {
        BYTE_ORDER_MARK.len()
    } else {
        0
    };
    Ok(start..filled)
}
