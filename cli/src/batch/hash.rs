//! Hashes a chunk on every core. Each piece of the chunk is checked, hashed and rendered by one
//! task, which also notes the rows to report; the pieces come back in input order.

use chatwoot_identity::Signer;
use rayon::prelude::*;

use super::chunk::{Chunk, Problem, Row};
use super::write::OutputFormat;
use crate::whitespace;

/// One piece of a chunk, hashed and rendered.
pub struct Piece {
    pub output: Vec<u8>,
    pub hashed: u64,
    /// The rows to report, in input order.
    pub notes: Vec<Note>,
}

pub struct Note {
    pub line: u64,
    pub kind: NoteKind,
}

pub enum NoteKind {
    /// Skipped.
    Bad(Problem),
    /// Hashed as it is, since Chatwoot does not trim either; probably not what was meant.
    Whitespace(Surrounding),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Surrounding {
    Leading,
    Trailing,
    Both,
    Only,
}

impl Surrounding {
    pub fn describe(self) -> &'static str {
        match self {
            Surrounding::Leading => "identifier starts with whitespace",
            Surrounding::Trailing => "identifier ends with whitespace",
            Surrounding::Both => "identifier starts and ends with whitespace",
            Surrounding::Only => "identifier is only whitespace",
        }
    }
}

/// With `strict`, each piece stops at its first note: nothing after it is written.
pub fn hash_chunk(
    signer: &Signer,
    chunk: &Chunk,
    output: &OutputFormat,
    strict: bool,
) -> Vec<Piece> {
    let piece_rows = chunk
        .rows
        .len()
        .div_ceil(rayon::current_num_threads() * 4)
        .max(256);
    chunk
        .rows
        .par_chunks(piece_rows)
        .map(|rows| hash_piece(signer, chunk, rows, output, strict))
        .collect()
}

fn hash_piece(
    signer: &Signer,
    chunk: &Chunk,
    rows: &[Row],
    output: &OutputFormat,
    strict: bool,
) -> Piece {
    // An output row is the identifier, a separator, 64 hex characters and a little framing.
    let capacity = rows.iter().map(|r| r.end - r.start + 96).sum();
    let mut writer = output.writer(capacity);
    let mut notes = Vec::new();
    let mut hashed = 0;
    let mut kept = Vec::with_capacity(chunk.kept_per_row);
    for row in rows {
        let note = match check(chunk, row, &mut kept) {
            Ok((identifier, surrounding)) => {
                // --strict stops at the warning: the row is not written.
                if !(strict && surrounding.is_some()) {
                    let hash = signer
                        .identifier_hash(identifier)
                        .expect("identifier was checked to be non-empty");
                    writer.row(identifier, hash.as_str(), kept.drain(..));
                    hashed += 1;
                }
                surrounding.map(NoteKind::Whitespace)
            }
            Err(problem) => Some(NoteKind::Bad(problem)),
        };
        if let Some(kind) = note {
            notes.push(Note {
                line: row.line,
                kind,
            });
            if strict {
                break;
            }
        }
    }
    Piece {
        output: writer.finish(),
        hashed,
        notes,
    }
}

/// The row's identifier, and whitespace at its ends; `kept` receives the kept values.
fn check<'a>(
    chunk: &'a Chunk,
    row: &Row,
    kept: &mut Vec<&'a str>,
) -> Result<(&'a str, Option<Surrounding>), Problem> {
    if let Some(problem) = row.problem {
        return Err(problem);
    }
    let identifier = chunk.identifier(row);
    if identifier.is_empty() {
        return Err(Problem::Empty);
    }
    let identifier = std::str::from_utf8(identifier).map_err(|_| Problem::NotUtf8)?;
    kept.clear();
    if chunk.kept_per_row > 0 {
        for value in chunk.kept_values(row) {
            kept.push(std::str::from_utf8(value).map_err(|_| Problem::KeptValueNotUtf8)?);
        }
    }
    Ok((identifier, surrounding(identifier)))
}

fn surrounding(identifier: &str) -> Option<Surrounding> {
    let edges = whitespace::edges(identifier.as_bytes());
    match (edges.leading, edges.trailing) {
        (None, None) => None,
        (Some(_), None) => Some(Surrounding::Leading),
        (None, Some(_)) => Some(Surrounding::Trailing),
        (Some(_), Some(_)) if identifier.chars().all(char::is_whitespace) => {
            Some(Surrounding::Only)
        }
        (Some(_), Some(_)) => Some(Surrounding::Both),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_where_the_whitespace_is() {
        assert_eq!(surrounding("a"), None);
        assert_eq!(surrounding("a b"), None);
        assert_eq!(surrounding(" a"), Some(Surrounding::Leading));
        assert_eq!(surrounding("a\t"), Some(Surrounding::Trailing));
        assert_eq!(surrounding(" a "), Some(Surrounding::Both));
        assert_eq!(surrounding(" \u{a0} "), Some(Surrounding::Only));
        assert_eq!(surrounding(" "), Some(Surrounding::Only));
    }
}
