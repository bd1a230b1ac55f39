//! Turns the input stream into chunks, on its own thread, so reading overlaps hashing.

use std::io::Read;
use std::sync::mpsc::SyncSender;

use super::chunk::{CHUNK_BYTES, Chunk};
use crate::failure::Failure;

pub type Sender = SyncSender<Result<Chunk, Failure>>;

/// One identifier per line; a trailing CR is dropped (CRLF files), the newline after the last
/// line is optional, and every other byte is part of the identifier.
pub fn lines(mut input: impl Read, chunks: Sender) {
    let mut pending: Vec<u8> = Vec::with_capacity(CHUNK_BYTES * 2);
    let mut next_line = 1u64;
    let mut buffer = vec![0u8; CHUNK_BYTES];
    loop {
        let read = match input.read(&mut buffer) {
            Ok(read) => read,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => {
                let _ = chunks.send(Err(Failure::input(format!("cannot read input: {err}"))));
                return;
            }
        };
        let at_end = read == 0;
        pending.extend_from_slice(&buffer[..read]);
        if !at_end && pending.len() < CHUNK_BYTES {
            continue;
        }
        let complete = if at_end {
            pending.len()
        } else {
            match memchr::memrchr(b'\n', &pending) {
                Some(newline) => newline + 1,
                None => continue, // one line longer than a chunk: keep reading
            }
        };
        let chunk = split_lines(&pending[..complete], &mut next_line);
        pending.drain(..complete);
        if !chunk.rows.is_empty() && chunks.send(Ok(chunk)).is_err() {
            return; // the consumer stopped (for example, stdout was closed)
        }
        if at_end {
            return;
        }
    }
}

fn split_lines(text: &[u8], next_line: &mut u64) -> Chunk {
    let mut chunk = Chunk {
        data: Vec::with_capacity(text.len()),
        rows: Vec::new(),
    };
    let mut start = 0;
    // The last line may lack its newline; an empty text has no lines at all.
    let unterminated = !text.is_empty() && text.last() != Some(&b'\n');
    let ends = memchr::memchr_iter(b'\n', text).chain(unterminated.then_some(text.len()));
    for end in ends {
        let line = &text[start..end];
        chunk.push(line.strip_suffix(b"\r").unwrap_or(line), *next_line);
        *next_line += 1;
        start = end + 1;
    }
    chunk
}

/// A CSV file with a header row; `column` names the identifier column.
pub fn csv_column(input: impl Read, column: &str, chunks: Sender) {
    if let Err(failure) = read_csv(input, column, &chunks) {
        let _ = chunks.send(Err(failure));
    }
}

fn read_csv(input: impl Read, column: &str, chunks: &Sender) -> Result<(), Failure> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers = reader
        .byte_headers()
        .map_err(|err| Failure::input(format!("cannot read the CSV header: {err}")))?
        .clone();
    let index = headers
        .iter()
        .position(|name| name == column.as_bytes())
        .ok_or_else(|| {
            let names: Vec<_> = headers.iter().map(String::from_utf8_lossy).collect();
            Failure::usage(format!(
                "the CSV header has no column {column:?}; it has: {}",
                names.join(", ")
            ))
        })?;
    let mut record = csv::ByteRecord::new();
    let mut chunk = Chunk::default();
    loop {
        let more = reader
            .read_byte_record(&mut record)
            .map_err(|err| Failure::input(format!("cannot read the CSV input: {err}")))?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| p.line());
        match record.get(index) {
            Some(identifier) => chunk.push(identifier, line),
            None => chunk.push_missing(line),
        }
        if chunk.is_full() && chunks.send(Ok(std::mem::take(&mut chunk))).is_err() {
            return Ok(());
        }
    }
    if !chunk.rows.is_empty() {
        let _ = chunks.send(Ok(chunk));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &[u8]) -> Vec<(Vec<u8>, u64)> {
        let mut line = 1;
        let chunk = split_lines(text, &mut line);
        chunk
            .rows
            .iter()
            .map(|row| (chunk.identifier(row).to_vec(), row.line))
            .collect()
    }

    #[test]
    fn splits_lf_and_crlf_with_or_without_a_final_newline() {
        let expected = vec![(b"a".to_vec(), 1), (b"b".to_vec(), 2)];
        assert_eq!(rows(b"a\nb\n"), expected);
        assert_eq!(rows(b"a\r\nb\r\n"), expected);
        assert_eq!(rows(b"a\nb"), expected);
    }

    #[test]
    fn empty_input_has_no_rows() {
        assert!(rows(b"").is_empty());
    }

    #[test]
    fn keeps_blank_lines_as_rows_so_they_are_reported() {
        assert_eq!(rows(b"a\n\nb\n")[1], (Vec::new(), 2));
    }
}
