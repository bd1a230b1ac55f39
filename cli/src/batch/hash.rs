//! Hashes a chunk on every core. Each piece of the chunk is checked, hashed and rendered by one
//! task, which also notes the rows to report; the pieces come back in input order.

use chatwoot_identity::Signer;
use rayon::prelude::*;

use super::chunk::{Chunk, Problem, Row};
use super::write::OutputFormat;

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
            Ok(identifier) => {
                let hash = signer
                    .identifier_hash(identifier)
                    .expect("identifier was checked to be non-empty");
                writer.row(identifier, hash.as_str(), kept.drain(..));
                hashed += 1;
                None
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

/// The row's identifier; `kept` receives the kept values.
fn check<'a>(chunk: &'a Chunk, row: &Row, kept: &mut Vec<&'a str>) -> Result<&'a str, Problem> {
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
    Ok(identifier)
}
