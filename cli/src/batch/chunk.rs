//! A slice of the input: identifiers packed into one buffer, each with its line number.

/// Rows per chunk and bytes per chunk: large enough that each chunk pays for waking the thread
/// pool, small enough that the few chunks in flight stay well under the memory budget.
pub const CHUNK_ROWS: usize = 32 * 1024;
pub const CHUNK_BYTES: usize = 1024 * 1024;

/// What makes a row unusable; the row is reported and skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Empty,
    NotUtf8,
    MissingColumn,
}

impl Problem {
    pub fn describe(self) -> &'static str {
        match self {
            Problem::Empty => "empty identifier",
            Problem::NotUtf8 => "identifier is not valid UTF-8",
            Problem::MissingColumn => "the row has no value in the identifier column",
        }
    }
}

/// One identifier: a range of the chunk's buffer and the 1-based line it came from.
#[derive(Clone, Copy)]
pub struct Row {
    pub start: usize,
    pub end: usize,
    pub line: u64,
    pub missing: bool,
}

#[derive(Default)]
pub struct Chunk {
    pub data: Vec<u8>,
    pub rows: Vec<Row>,
}

impl Chunk {
    pub fn identifier(&self, row: &Row) -> &[u8] {
        &self.data[row.start..row.end]
    }

    pub fn push(&mut self, identifier: &[u8], line: u64) {
        let start = self.data.len();
        self.data.extend_from_slice(identifier);
        self.rows.push(Row {
            start,
            end: self.data.len(),
            line,
            missing: false,
        });
    }

    pub fn push_missing(&mut self, line: u64) {
        let at = self.data.len();
        self.rows.push(Row {
            start: at,
            end: at,
            line,
            missing: true,
        });
    }

    pub fn is_full(&self) -> bool {
        self.rows.len() >= CHUNK_ROWS || self.data.len() >= CHUNK_BYTES
    }
}
