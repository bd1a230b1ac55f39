//! `batch`: hash a stream of identifiers in bounded memory, on every core, in input order.
//!
//! A reader thread cuts the input into chunks (lines or CSV records), looking at each byte once
//! and keeping at most `--max-identifier-bytes` of any value; each chunk is hashed in parallel
//! in pieces, each piece rendering its own output; the pieces are written in order. At most
//! `CHUNKS_IN_FLIGHT` chunks wait between the reader and the writer, which bounds memory.

mod chunk;
mod csv_columns;
mod csv_records;
mod hash;
mod input;
mod lines;
mod progress;
mod report;
mod write;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;

use chatwoot_identity::Signer;

pub use self::csv_columns::Columns;
use self::progress::Progress;
use self::report::Report;
use self::write::OutputFormat;
use crate::cli::{Format, LineEnding};
use crate::failure::Failure;

const CHUNKS_IN_FLIGHT: usize = 2;

/// The output's own column names, which a kept column must not repeat.
const OUTPUT_COLUMNS: [&str; 2] = ["identifier", "identifier_hash"];

/// Where the identifiers are in the input.
pub enum Source {
    Lines(LineEnding),
    Csv(Columns),
}

pub struct Options {
    pub source: Source,
    pub format: Format,
    pub input: Option<PathBuf>,
    pub strict: bool,
    pub max_identifier_bytes: usize,
}

pub fn run(secret: &[u8], options: Options) -> Result<ExitCode, Failure> {
    let signer = Signer::new(secret)?;
    let kept_names = match &options.source {
        Source::Csv(columns) => checked_kept_names(&columns.keep)?,
        Source::Lines(_) => Vec::new(),
    };
    let output = OutputFormat::new(options.format, kept_names);
    let input = input::open(options.input.as_deref())?;
    let progress = Progress::new(input.size);

    let (sender, chunks) = mpsc::sync_channel(CHUNKS_IN_FLIGHT);
    let max_bytes = options.max_identifier_bytes;
    let source = options.source;
    let reader = std::thread::spawn(move || {
        let read = match &source {
            Source::Lines(ending) => lines::read(input.file, *ending, max_bytes, &sender),
            Source::Csv(columns) => csv_columns::read(input.file, columns, max_bytes, &sender),
        };
        if let Err(failure) = read {
            let _ = sender.send(Err(failure));
        }
    });

    let mut report = Report::new(&progress, options.strict);
    let mut out = io::stdout().lock();
    let result = (|| -> Result<(), Failure> {
        // The header goes out with the first rows, so a run that fails before any row (say, a
        // missing CSV column) leaves stdout empty.
        let mut header = output.header();
        for chunk in chunks.iter() {
            let chunk = chunk?;
            if let Some(header) = header.take() {
                out.write_all(&header)?;
            }
            for piece in hash::hash_chunk(&signer, &chunk, &output, options.strict) {
                out.write_all(&piece.output)?;
                report.tally.hashed += piece.hashed;
                for note in &piece.notes {
                    report.note(note)?;
                }
            }
            report.flush();
            progress.update(&report.tally, chunk.input_offset);
        }
        if let Some(header) = header {
            out.write_all(&header)?;
        }
        out.flush()?;
        Ok(())
    })();
    report.flush();
    progress.finish();
    drop(chunks); // unblocks the reader if it waits to hand over a chunk
    // A run that stopped early (--strict, an output that closed) does not wait for the reader:
    // blocked in read() on an input that stays open (`(seq 9; sleep 60) | batch | head`), it
    // would keep the process alive until that input ends. Exiting ends the thread.
    if result.is_ok() {
        reader.join().expect("the reader thread does not panic");
    }

    match result {
        Err(failure) if failure.is_broken_pipe() => Ok(ExitCode::SUCCESS),
        Err(failure) => Err(failure),
        Ok(()) => {
            report.summary();
            Ok(if report.tally.bad > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

/// Kept columns go into the output next to its own two: a name may appear once.
fn checked_kept_names(names: &[String]) -> Result<Vec<String>, Failure> {
    for (i, name) in names.iter().enumerate() {
        if OUTPUT_COLUMNS.contains(&name.as_str()) {
            return Err(Failure::usage(format!(
                "--keep-columns cannot keep a column named {name:?}: the output has its own"
            )));
        }
        if names[..i].contains(name) {
            return Err(Failure::usage(format!(
                "--keep-columns names {name:?} twice"
            )));
        }
    }
    Ok(names.to_vec())
}
