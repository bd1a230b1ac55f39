//! A slice of the input: identifiers packed into one buffer, each with its line number.

use std::fmt;

/// Rows per chunk and bytes per chunk: large enough that each chunk pays for waking the thread
/// pool, small enough that the few chunks in flight stay well under the memory budget. Both
/// are soft limits: a chunk is sent once it passes one, at the end of a read.
pub const CHUNK_ROWS: usize = 32 * 1024;
pub const CHUNK_BYTES: usize = 1024 * 1024;

/// What makes a row unusable; the row is reported and skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Empty,
    NotUtf8,
    /// Longer than --max-identifier-bytes; its bytes were never kept.
    TooLong {
        limit: usize,
    },
    /// A CR not followed by LF, in a file read with LF line endings.
    LoneCarriageReturn,
    /// An LF not preceded by CR, in a file read with CR line endings.
    LoneLineFeed,
    MissingColumn,
    MissingKeptColumn,
    KeptValueTooLong {
        limit: usize,
    },
    KeptValueNotUtf8,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Empty => f.write_str("empty identifier"),
            Problem::NotUtf8 => f.write_str("identifier is not valid UTF-8"),
            Problem::TooLong { limit } => write!(
                f,
                "identifier is longer than {limit} bytes (see --max-identifier-bytes)"
            ),
            Problem::LoneCarriageReturn => f.write_str(
                "a carriage return (CR) that does not end the line; for a file with classic \
                 Mac OS line endings pass --line-ending cr",
            ),
            Problem::LoneLineFeed => f.write_str(
                "a line feed (LF) inside a line ended by CR (--line-ending cr); mixed line \
                 endings?",
            ),
            Problem::MissingColumn => f.write_str("the row has no value in the identifier column"),
            Problem::MissingKeptColumn => {
                f.write_str("the row has no value in one of the --keep-columns")
            }
            Problem::KeptValueTooLong { limit } => write!(
                f,
                "a value in one of the --keep-columns is longer than {limit} bytes (see \
                 --max-identifier-bytes)"
            ),
            Problem::KeptValueNotUtf8 => {
                f.write_str("a value in one of the --keep-columns is not valid UTF-8")
            }
        }
    }
}

/// One input row: its identifier is `data[start..end]`; the values of the kept columns follow
/// it, each ending at the next entry of `Chunk::kept_ends` from `kept`.
#[derive(Clone, Copy)]
pub struct Row {
    pub start: usize,
    pub end: usize,
    pub kept: usize,
    /// The 1-based line the row starts on.
    pub line: u64,
    /// Found while reading; the rest (empty, not UTF-8) is checked while hashing.
    pub problem: Option<Problem>,
}

#[derive(Default)]
pub struct Chunk {
    pub data: Vec<u8>,
    pub rows: Vec<Row>,
    pub kept_ends: Vec<usize>,
    /// How many kept values every row has.
    pub kept_per_row: usize,
    /// How far into the input this chunk reaches, in bytes, for the progress display.
    pub input_offset: u64,
}

impl Chunk {
    pub fn new(kept_per_row: usize) -> Self {
        Chunk {
            kept_per_row,
            ..Chunk::default()
        }
    }

    pub fn identifier(&self, row: &Row) -> &[u8] {
        &self.data[row.start..row.end]
    }

    /// The kept values of `row`, in --keep-columns order.
    pub fn kept_values<'a>(&'a self, row: &Row) -> impl Iterator<Item = &'a [u8]> + 'a {
        let ends = &self.kept_ends[row.kept..row.kept + self.kept_per_row];
        let starts = std::iter::once(row.end).chain(ends.iter().copied());
        starts.zip(ends).map(|(start, &end)| &self.data[start..end])
    }

    /// Adds a row whose identifier (and kept values) are the bytes appended to `data` since
    /// `start`, up to `end` for the identifier; `kept_ends` must already hold its kept values.
    pub fn push_row(&mut self, start: usize, end: usize, line: u64, problem: Option<Problem>) {
        let kept = self.kept_ends.len() - self.kept_per_row;
        self.rows.push(Row {
            start,
            end,
            kept,
            line,
            problem,
        });
    }

    /// Full by rows, or by bytes: the data and the bookkeeping beside it, which a row of
    /// many empty kept columns makes the larger part (2,000 of them are 16 KB a row).
    pub fn is_full(&self) -> bool {
        let bookkeeping =
            self.rows.len() * size_of::<Row>() + self.kept_ends.len() * size_of::<usize>();
        self.rows.len() >= CHUNK_ROWS || self.data.len() + bookkeeping >= CHUNK_BYTES
    }
}
