//! `batch`: hash a stream of identifiers with constant memory, every core, and input order kept.
//!
//! A reader thread cuts the input into chunks; each chunk is hashed in parallel in pieces,
//! each piece rendering its own output; the pieces are written in order. At most
//! `CHUNKS_IN_FLIGHT` chunks wait between the reader and the writer, which bounds memory.

mod chunk;
mod read;
mod write;

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc;

use chatwoot_identity::Signer;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use self::chunk::{Chunk, Problem, Row};
use self::write::{CSV_HEADER, RowWriter};
use crate::cli::Format;
use crate::failure::Failure;

const CHUNKS_IN_FLIGHT: usize = 2;

/// Where the identifiers are in the input.
pub enum Source {
    Lines,
    Csv { column: String },
}

struct BadRow {
    line: u64,
    problem: Problem,
}

/// One piece of a chunk, hashed and rendered by one task.
struct Piece {
    output: Vec<u8>,
    bad_rows: Vec<BadRow>,
}

pub fn run(
    secret: &[u8],
    source: Source,
    format: Format,
    input: Option<&Path>,
    strict: bool,
) -> Result<ExitCode, Failure> {
    let signer = Signer::new(secret)?;
    let input: Box<dyn Read + Send> = match input {
        Some(path) => Box::new(File::open(path).map_err(|err| {
            Failure::input(format!("cannot open --input {}: {err}", path.display()))
        })?),
        None => Box::new(io::stdin()),
    };
    let (sender, chunks) = mpsc::sync_channel(CHUNKS_IN_FLIGHT);
    let reader = std::thread::spawn(move || match source {
        Source::Lines => read::lines(input, sender),
        Source::Csv { column } => read::csv_column(input, &column, sender),
    });

    let progress = progress_bar();
    let mut out = io::stdout().lock();
    let mut skipped = 0u64;
    let result = (|| {
        // The header goes out with the first rows, so a run that fails before any row (say, a
        // missing CSV column) leaves stdout empty.
        let mut header = matches!(format, Format::Csv).then_some(CSV_HEADER);
        for chunk in chunks.iter() {
            let chunk = chunk?;
            if let Some(header) = header.take() {
                out.write_all(header)?;
            }
            for piece in hash_chunk(&signer, &chunk, format, strict) {
                out.write_all(&piece.output)?;
                for bad in &piece.bad_rows {
                    if strict {
                        return Err(Failure::input(format!(
                            "line {}: {} (stopped by --strict)",
                            bad.line,
                            bad.problem.describe()
                        )));
                    }
                    eprintln!(
                        "chatwoot-identity: line {}: {}, skipped",
                        bad.line,
                        bad.problem.describe()
                    );
                    skipped += 1;
                }
            }
            progress.inc(chunk.rows.len() as u64);
        }
        if let Some(header) = header {
            out.write_all(header)?;
        }
        out.flush()?;
        Ok(())
    })();
    progress.finish_and_clear();
    drop(chunks); // unblocks the reader if we stopped early
    reader.join().expect("the reader thread does not panic");

    match result {
        Err(failure) if failure.is_broken_pipe() => Ok(ExitCode::SUCCESS),
        Err(failure) => Err(failure),
        Ok(()) if skipped > 0 => {
            let rows = if skipped == 1 { "row" } else { "rows" };
            eprintln!("chatwoot-identity: {skipped} bad {rows} skipped");
            Ok(ExitCode::FAILURE)
        }
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}

/// Hashes a chunk on every core; the pieces come back in input order.
fn hash_chunk(signer: &Signer, chunk: &Chunk, format: Format, strict: bool) -> Vec<Piece> {
    let piece_rows = chunk
        .rows
        .len()
        .div_ceil(rayon::current_num_threads() * 4)
        .max(256);
    chunk
        .rows
        .par_chunks(piece_rows)
        .map(|rows| hash_piece(signer, chunk, rows, format, strict))
        .collect()
}

fn hash_piece(signer: &Signer, chunk: &Chunk, rows: &[Row], format: Format, strict: bool) -> Piece {
    // An output row is the identifier, a separator, 64 hex characters and a little framing.
    let capacity = rows.iter().map(|r| r.end - r.start + 96).sum();
    let mut writer = RowWriter::new(format, capacity);
    let mut bad_rows = Vec::new();
    for row in rows {
        match check(chunk, row) {
            Ok(identifier) => {
                let hash = signer
                    .identifier_hash(identifier)
                    .expect("identifier was checked to be non-empty");
                writer.row(identifier, hash.as_str());
            }
            Err(problem) => {
                bad_rows.push(BadRow {
                    line: row.line,
                    problem,
                });
                if strict {
                    break;
                }
            }
        }
    }
    Piece {
        output: writer.finish(),
        bad_rows,
    }
}

fn check<'a>(chunk: &'a Chunk, row: &Row) -> Result<&'a str, Problem> {
    if row.missing {
        return Err(Problem::MissingColumn);
    }
    let identifier = chunk.identifier(row);
    if identifier.is_empty() {
        return Err(Problem::Empty);
    }
    std::str::from_utf8(identifier).map_err(|_| Problem::NotUtf8)
}

/// A spinner with a count and a rate, only when a person is watching stderr.
fn progress_bar() -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {human_pos} identifiers hashed ({per_sec})")
            .expect("the template is valid"),
    );
    bar
}
