//! A CSV input: the header names the columns, then each record becomes a row with its
//! identifier and the values of the kept columns.

use std::io::Read;

use super::chunk::{Chunk, Problem};
use super::csv_records::{Record, RecordReader, Step};
use super::input::{READ_BYTES, Sender, read_block, read_first_block};
use crate::failure::Failure;

/// The header is read before anything is known about the file, so it has its own bounds.
const MAX_HEADER_FIELDS: usize = 4096;
const MAX_HEADER_NAME_BYTES: usize = 1024;

/// Which columns to read, by header name.
pub struct Columns {
    pub identifier: String,
    pub keep: Vec<String>,
    pub delimiter: u8,
}

/// Where each wanted column is in the file and in a record's kept slots.
struct Plan {
    /// For each field position, the slot it is kept in.
    slot_of: Vec<Option<usize>>,
    identifier_slot: usize,
    kept_slots: Vec<usize>,
}

/// Reads `input` to the end and sends its rows in chunks; a header that lacks a column stops
/// the run before any row.
pub fn read(
    mut input: impl Read,
    columns: &Columns,
    max_bytes: usize,
    chunks: &Sender,
) -> Result<(), Failure> {
    let mut source = Blocks::new(&mut input)?;
    let mut records = RecordReader::new(columns.delimiter, MAX_HEADER_NAME_BYTES);
    let header_slot = |field: usize| (field < MAX_HEADER_FIELDS).then_some(field);
    if !source.next_record(&mut records, header_slot)? {
        return Err(Failure::input(
            "the input is empty: a CSV input starts with a header row naming its columns",
        ));
    }
    let plan = plan(header_names(records.record())?, columns)?;

    records.set_max_value(max_bytes);
    let slot_of = |field: usize| plan.slot_of.get(field).copied().flatten();
    let mut chunk = Chunk::new(plan.kept_slots.len());
    while source.next_record(&mut records, slot_of)? {
        push_row(&mut chunk, records.record(), &plan, max_bytes);
        if chunk.is_full() {
            chunk.input_offset = source.consumed;
            let next = Chunk::new(plan.kept_slots.len());
            if chunks
                .send(Ok(std::mem::replace(&mut chunk, next)))
                .is_err()
            {
                return Ok(()); // the consumer stopped (for example, stdout was closed)
            }
        }
    }
    if !chunk.rows.is_empty() {
        chunk.input_offset = source.consumed;
        let _ = chunks.send(Ok(chunk));
    }
    Ok(())
}

fn header_names(header: &Record) -> Result<Vec<Vec<u8>>, Failure> {
    if header.fields > MAX_HEADER_FIELDS {
        return Err(Failure::input(format!(
            "the CSV header has more than {MAX_HEADER_FIELDS} columns: is the first row a header?"
        )));
    }
    if header.too_long.is_some() {
        return Err(Failure::input(format!(
            "a CSV header name is longer than {MAX_HEADER_NAME_BYTES} bytes: is the first row a \
             header?"
        )));
    }
    Ok((0..header.fields)
        .map(|field| header.value(field).unwrap_or_default().to_vec())
        .collect())
}

fn push_row(chunk: &mut Chunk, record: &Record, plan: &Plan, limit: usize) {
    let identifier = record.value(plan.identifier_slot);
    let kept: Vec<Option<&[u8]>> = plan.kept_slots.iter().map(|&s| record.value(s)).collect();
    let problem = match record.too_long {
        Some(slot) if slot == plan.identifier_slot => Some(Problem::TooLong { limit }),
        Some(_) => Some(Problem::KeptValueTooLong { limit }),
        None if identifier.is_none() => Some(Problem::MissingColumn),
        None if kept.iter().any(Option::is_none) => Some(Problem::MissingKeptColumn),
        None => None,
    };
    let start = chunk.data.len();
    if problem.is_none() {
        chunk.data.extend_from_slice(identifier.unwrap_or_default());
    }
    let end = chunk.data.len();
    for value in kept {
        if problem.is_none() {
            chunk.data.extend_from_slice(value.unwrap_or_default());
        }
        chunk.kept_ends.push(chunk.data.len());
    }
    chunk.push_row(start, end, record.line, problem);
}

/// Finds the columns in the header, or says which is missing and what the header has.
fn plan(names: Vec<Vec<u8>>, columns: &Columns) -> Result<Plan, Failure> {
    let position = |name: &str, flag: &str| {
        names
            .iter()
            .position(|header| header == name.as_bytes())
            .ok_or_else(|| no_such_column(&names, name, flag, columns.delimiter))
    };
    let identifier_field = position(&columns.identifier, "--column")?;
    let mut slot_of = vec![None; names.len()];
    slot_of[identifier_field] = Some(0);
    let mut slots = 1;
    let mut kept_slots = Vec::new();
    for name in &columns.keep {
        let field = position(name, "--keep-columns")?;
        let slot = *slot_of[field].get_or_insert_with(|| {
            slots += 1;
            slots - 1
        });
        kept_slots.push(slot);
    }
    Ok(Plan {
        slot_of,
        identifier_slot: 0,
        kept_slots,
    })
}

fn no_such_column(names: &[Vec<u8>], wanted: &str, flag: &str, delimiter: u8) -> Failure {
    let shown: Vec<String> = names
        .iter()
        .map(|name| format!("{:?}", String::from_utf8_lossy(name)))
        .collect();
    let mut message = format!(
        "the CSV header has no column {wanted:?} (from {flag}); it has: {}",
        shown.join(", ")
    );
    if let [only] = names {
        let other = [b';', b'\t', b'|', b',']
            .into_iter()
            .find(|d| *d != delimiter && only.contains(d));
        if let Some(other) = other {
            let (separator, flag) = match other {
                b'\t' => ("tabs".to_owned(), "tab".to_owned()),
                _ => {
                    let quoted = format!("'{}'", char::from(other));
                    (quoted.clone(), quoted)
                }
            };
            message.push_str(&format!(
                ". The header looks separated by {separator}: pass --delimiter {flag}"
            ));
        }
    }
    let near = names.iter().find(|name| {
        String::from_utf8_lossy(name)
            .trim()
            .eq_ignore_ascii_case(wanted.trim())
    });
    if let Some(near) = near {
        message.push_str(&format!(
            ". Did you mean {:?}? Names are matched exactly",
            String::from_utf8_lossy(near)
        ));
    }
    Failure::usage(message)
}

/// The input in blocks, handed to the record reader piece by piece.
struct Blocks<'a, R: Read> {
    input: &'a mut R,
    buffer: Vec<u8>,
    start: usize,
    end: usize,
    at_end: bool,
    consumed: u64,
}

impl<'a, R: Read> Blocks<'a, R> {
    fn new(input: &'a mut R) -> Result<Self, Failure> {
        let mut buffer = vec![0; READ_BYTES];
        let first = read_first_block(input, &mut buffer)?;
        Ok(Blocks {
            input,
            buffer,
            start: first.start,
            end: first.end,
            at_end: first.is_empty(),
            consumed: first.end as u64,
        })
    }

    /// Feeds `records` until it has a record (true) or the input ends (false).
    fn next_record(
        &mut self,
        records: &mut RecordReader,
        slot_of: impl Fn(usize) -> Option<usize> + Copy,
    ) -> Result<bool, Failure> {
        loop {
            let mut rest = &self.buffer[self.start..self.end];
            let step = records.next(&mut rest, self.at_end, slot_of);
            self.start = self.end - rest.len();
            match step {
                Step::Record => return Ok(true),
                Step::End => return Ok(false),
                Step::NeedInput => {
                    let read = read_block(self.input, &mut self.buffer)?;
                    self.start = 0;
                    self.end = read;
                    self.at_end = read == 0;
                    self.consumed += read as u64;
                }
            }
        }
    }
}
