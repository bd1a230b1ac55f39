//! CSV records pulled out of a byte stream by csv_core, keeping only the fields asked for and
//! at most `max_value` bytes of each: a huge value is measured as it streams past, never held.

use std::ops::Range;

use csv_core::ReadRecordResult;

/// Bytes csv_core writes out per call: values longer than this arrive over several calls.
const SCRATCH_BYTES: usize = 64 * 1024;
/// Field ends csv_core reports per call; a record with more fields takes several calls.
const ENDS_PER_CALL: usize = 256;

/// What one call to [`RecordReader::next`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    /// The input given is used up: call again with more (or with an empty slice at the end).
    NeedInput,
    /// A record is complete: read it from [`RecordReader::record`].
    Record,
    /// The input has ended and every record was returned.
    End,
}

/// The fields kept from one record.
#[derive(Debug, Default)]
pub struct Record {
    /// The line the record starts on, counted the way an editor shows it.
    pub line: u64,
    /// How many fields the record had, kept or not.
    pub fields: usize,
    /// The first slot whose field was longer than the limit (its bytes were not all kept).
    pub too_long: Option<usize>,
    values: Vec<u8>,
    slots: Vec<Option<Range<usize>>>,
}

impl Record {
    /// The value kept in `slot`, or `None` when the record had no such field.
    pub fn value(&self, slot: usize) -> Option<&[u8]> {
        let range = self.slots.get(slot)?.clone()?;
        Some(&self.values[range])
    }

    fn clear(&mut self) {
        self.fields = 0;
        self.too_long = None;
        self.values.clear();
        self.slots.iter_mut().for_each(|slot| *slot = None);
    }
}

pub struct RecordReader {
    core: csv_core::Reader,
    scratch: Box<[u8]>,
    ends: Box<[usize]>,
    lines: LineCounter,
    max_value: usize,
    record: Record,
    in_record: bool,
    /// Where `scratch[0]` is in the record's output as csv_core counts it (its field ends
    /// count from the start of the record, across calls).
    output_base: usize,
}

impl RecordReader {
    pub fn new(delimiter: u8, max_value: usize) -> Self {
        RecordReader {
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            scratch: vec![0; SCRATCH_BYTES].into_boxed_slice(),
            ends: vec![0; ENDS_PER_CALL].into_boxed_slice(),
            lines: LineCounter::default(),
            max_value,
            record: Record::default(),
            in_record: false,
            output_base: 0,
        }
    }

    /// Values longer than this from now on are flagged rather than kept.
    pub fn set_max_value(&mut self, max_value: usize) {
        self.max_value = max_value;
    }

    pub fn record(&self) -> &Record {
        &self.record
    }

    /// Reads from `input` (advancing it) until a record ends or `input` runs out. `at_end`
    /// says no input follows `input`. `slot_of` says where each field (by position) is kept,
    /// `None` to skip it.
    pub fn next(
        &mut self,
        input: &mut &[u8],
        at_end: bool,
        slot_of: impl Fn(usize) -> Option<usize>,
    ) -> Step {
        if !self.in_record {
            // Blank lines between records are skipped here rather than inside csv_core, so the
            // record's first line is known exactly (csv_core would count them only later).
            let blank = input
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
            self.lines.advance(&input[..blank]);
            *input = &input[blank..];
            if !input.is_empty() {
                self.record.clear();
                self.record.line = self.lines.line;
                self.in_record = true;
            }
        }
        loop {
            // csv_core takes an empty input as the end of the data.
            if input.is_empty() && !at_end {
                return Step::NeedInput;
            }
            let (result, read, written, ended) =
                self.core
                    .read_record(input, &mut self.scratch, &mut self.ends);
            self.lines.advance(&input[..read]);
            *input = &input[read..];
            let mut from = 0;
            for i in 0..ended {
                let to = self.ends[i] - self.output_base;
                self.keep(from, to, &slot_of);
                self.record.fields += 1;
                from = to;
            }
            // The start of a field that goes on in the next call. (Not called when empty: an
            // empty piece would make a field that does not exist look present and empty.)
            if from < written {
                self.keep(from, written, &slot_of);
            }
            self.output_base += written;
            match result {
                ReadRecordResult::Record => {
                    self.in_record = false;
                    self.output_base = 0;
                    return Step::Record;
                }
                ReadRecordResult::End => return Step::End,
                // At the end csv_core answers Record or End; never loop on an empty input.
                ReadRecordResult::InputEmpty if at_end && input.is_empty() && read == 0 => {
                    return Step::End;
                }
                ReadRecordResult::InputEmpty
                | ReadRecordResult::OutputFull
                | ReadRecordResult::OutputEndsFull => {}
            }
        }
    }

    /// Keeps `scratch[from..to]`, a piece of the field being read, if that field is wanted.
    fn keep(&mut self, from: usize, to: usize, slot_of: &impl Fn(usize) -> Option<usize>) {
        let Some(slot) = slot_of(self.record.fields) else {
            return;
        };
        let record = &mut self.record;
        if record.slots.len() <= slot {
            record.slots.resize(slot + 1, None);
        }
        let start = record.values.len();
        let range = record.slots[slot].get_or_insert(start..start);
        let piece = &self.scratch[from..to];
        if range.len() + piece.len() > self.max_value {
            record.too_long.get_or_insert(slot);
            return;
        }
        record.values.extend_from_slice(piece);
        range.end = record.values.len();
    }
}

/// Counts lines as editors do: LF, CRLF and a lone CR each end one.
#[derive(Debug)]
struct LineCounter {
    /// The line the next byte is on.
    line: u64,
    after_cr: bool,
}

impl Default for LineCounter {
    fn default() -> Self {
        LineCounter {
            line: 1,
            after_cr: false,
        }
    }
}

impl LineCounter {
    fn advance(&mut self, bytes: &[u8]) {
        let Some(&last) = bytes.last() else {
            return;
        };
        // Where a LF would be the second half of a CRLF.
        let mut lf_after_cr = if self.after_cr { Some(0) } else { None };
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[at] == b'\r' {
                self.line += 1;
                lf_after_cr = Some(at + 1);
            } else if lf_after_cr != Some(at) {
                self.line += 1;
            }
        }
        self.after_cr = last == b'\r';
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record of `blocks` (the input cut into reads), with all its fields.
    type Found = Vec<(u64, Vec<Option<String>>, Option<usize>)>;

    fn records(blocks: &[&[u8]], max_value: usize) -> Found {
        let mut reader = RecordReader::new(b',', max_value);
        let mut found = Vec::new();
        let mut blocks = blocks.iter().copied();
        let mut input = blocks.next().unwrap_or_default();
        let mut at_end = blocks.len() == 0;
        loop {
            match reader.next(&mut input, at_end, Some) {
                Step::NeedInput => {
                    input = blocks.next().unwrap();
                    at_end = blocks.len() == 0;
                }
                Step::Record => {
                    let record = reader.record();
                    let values = (0..record.fields)
                        .map(|slot| {
                            record
                                .value(slot)
                                .map(|v| String::from_utf8(v.to_vec()).unwrap())
                        })
                        .collect();
                    found.push((record.line, values, record.too_long));
                }
                Step::End => return found,
            }
        }
    }

    fn text(values: &[&str]) -> Vec<Option<String>> {
        values.iter().map(|v| Some(v.to_string())).collect()
    }

    #[test]
    fn counts_lines_in_lf_crlf_and_cr_files() {
        for file in [
            &b"a,b\n1,2\n\n3,\n"[..],
            b"a,b\r\n1,2\r\n\r\n3,\r\n",
            b"a,b\r1,2\r\r3,\r",
        ] {
            let found = records(&[file], 100);
            let lines: Vec<u64> = found.iter().map(|r| r.0).collect();
            assert_eq!(lines, [1, 2, 4], "{file:?}");
            assert_eq!(found[2].1, text(&["3", ""]));
        }
    }

    #[test]
    fn quoted_values_keep_their_line_breaks_and_count_them() {
        let found = records(&[b"a\r\n\"x\r\ny\",\"q\"\"\"\r\nz\r\n"], 100);
        assert_eq!(found[1], (2, text(&["x\r\ny", "q\""]), None));
        assert_eq!(found[2].0, 4);
    }

    #[test]
    fn the_same_records_however_the_input_is_cut() {
        let file = b"id,email\r\n1,\"a,\r\nb\"\r\n22,bb\n333,\rlast";
        let whole = records(&[file], 100);
        for cut in 0..file.len() {
            for second in cut..file.len() {
                let blocks = [&file[..cut], &file[cut..second], &file[second..]];
                assert_eq!(records(&blocks, 100), whole, "cut at {cut} and {second}");
            }
        }
    }

    #[test]
    fn a_value_past_the_limit_is_flagged_not_kept() {
        let long = "x".repeat(SCRATCH_BYTES * 3);
        let file = format!("a,{long},b\nc,d\n");
        let found = records(&[file.as_bytes()], 10);
        assert_eq!(found[0].2, Some(1));
        assert_eq!(found[0].1[2].as_deref(), Some("b"));
        assert_eq!(found[1], (2, text(&["c", "d"]), None));
    }
}
