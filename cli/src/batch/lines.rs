//! One identifier per line: cuts the input into rows as it streams, in one pass over each byte,
//! keeping at most `max_bytes` of any line.

use std::io::Read;

use super::chunk::{Chunk, Problem};
use super::input::{READ_BYTES, Sender, read_block, read_first_block};
use crate::cli::LineEnding;
use crate::failure::Failure;

/// Reads `input` to the end and sends its rows in chunks.
pub fn read(
    mut input: impl Read,
    ending: LineEnding,
    max_bytes: usize,
    chunks: &Sender,
) -> Result<(), Failure> {
    let mut buffer = vec![0u8; READ_BYTES];
    let mut splitter = Splitter::new(ending, max_bytes);
    let first = read_first_block(&mut input, &mut buffer)?;
    let mut more = !first.is_empty();
    splitter.feed(&buffer[first]);
    while more {
        if splitter.chunk.is_full() && chunks.send(Ok(splitter.take_chunk())).is_err() {
            return Ok(()); // the consumer stopped (for example, stdout was closed)
        }
        let read = read_block(&mut input, &mut buffer)?;
        more = read > 0;
        splitter.feed(&buffer[..read]);
    }
    let last = splitter.finish();
    if !last.rows.is_empty() {
        let _ = chunks.send(Ok(last));
    }
    Ok(())
}

/// The line-splitting state carried from one block of input to the next.
pub struct Splitter {
    ending: LineEnding,
    max_bytes: usize,
    chunk: Chunk,
    /// The 1-based number of the line being read.
    line: u64,
    /// Where the current line's bytes start in `chunk.data`.
    line_start: usize,
    /// Whether any byte of the current line has been seen (an empty line still is a row).
    in_line: bool,
    /// Whether the last byte seen was a CR whose meaning depends on the next byte.
    after_cr: bool,
    problem: Option<Problem>,
    fed: u64,
}

impl Splitter {
    pub fn new(ending: LineEnding, max_bytes: usize) -> Self {
        Splitter {
            ending,
            max_bytes,
            chunk: Chunk::new(0),
            line: 1,
            line_start: 0,
            in_line: false,
            after_cr: false,
            problem: None,
            fed: 0,
        }
    }

    pub fn feed(&mut self, block: &[u8]) {
        self.fed += block.len() as u64;
        let mut pos = 0;
        if self.after_cr && !block.is_empty() {
            pos = self.resolve_cr(block, 0);
        }
        for at in memchr::memchr2_iter(b'\n', b'\r', block) {
            if at < pos {
                continue; // the LF of a CRLF, already taken with its CR
            }
            self.append(&block[pos..at]);
            pos = at + 1;
            match (self.ending, block[at]) {
                (LineEnding::Lf, b'\n') => self.end_line(),
                (LineEnding::Cr, b'\r') => {
                    self.end_line();
                    self.after_cr = true;
                    pos = self.resolve_cr(block, pos);
                }
                (LineEnding::Lf, _) => {
                    self.in_line = true;
                    self.after_cr = true;
                    pos = self.resolve_cr(block, pos);
                }
                (LineEnding::Cr, _) => self.flag(Problem::LoneLineFeed),
            }
        }
        self.append(&block[pos..]);
    }

    /// Decides what the CR just before `block[pos]` meant, now that the next byte is known (or
    /// leaves it pending at the end of the block); returns where reading goes on.
    fn resolve_cr(&mut self, block: &[u8], pos: usize) -> usize {
        let Some(&next) = block.get(pos) else {
            return pos;
        };
        self.after_cr = false;
        match (self.ending, next) {
            (LineEnding::Lf, b'\n') => {
                self.end_line();
                pos + 1
            }
            (LineEnding::Lf, _) => {
                self.flag(Problem::LoneCarriageReturn);
                pos
            }
            (LineEnding::Cr, b'\n') => pos + 1, // CRLF: the line already ended at the CR
            (LineEnding::Cr, _) => pos,
        }
    }

    fn append(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        self.in_line = true;
        if self.problem.is_some() {
            return;
        }
        if self.chunk.data.len() - self.line_start + bytes.len() > self.max_bytes {
            self.flag(Problem::TooLong {
                limit: self.max_bytes,
            });
        } else {
            self.chunk.data.extend_from_slice(bytes);
        }
    }

    /// Marks the current line bad; its bytes are dropped, and so are any that follow it.
    fn flag(&mut self, problem: Problem) {
        self.in_line = true;
        if self.problem.is_none() {
            self.problem = Some(problem);
            self.chunk.data.truncate(self.line_start);
        }
    }

    fn end_line(&mut self) {
        let end = self.chunk.data.len();
        self.chunk
            .push_row(self.line_start, end, self.line, self.problem.take());
        self.line += 1;
        self.line_start = end;
        self.in_line = false;
    }

    /// The rows so far; a line in progress moves to the new chunk.
    pub fn take_chunk(&mut self) -> Chunk {
        let mut next = Chunk::new(0);
        next.data
            .extend_from_slice(&self.chunk.data[self.line_start..]);
        self.chunk.data.truncate(self.line_start);
        self.line_start = 0;
        let mut full = std::mem::replace(&mut self.chunk, next);
        full.input_offset = self.fed;
        full
    }

    /// The last rows, at the end of the input: a last line without its line end still counts.
    pub fn finish(mut self) -> Chunk {
        if self.after_cr && self.ending == LineEnding::Lf {
            self.flag(Problem::LoneCarriageReturn);
        }
        if self.in_line {
            self.end_line();
        }
        let mut last = self.chunk;
        last.input_offset = self.fed;
        last
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    type Rows = Vec<(Vec<u8>, u64, Option<Problem>)>;

    fn split_in(blocks: &[&[u8]], ending: LineEnding, max_bytes: usize) -> Rows {
        let mut splitter = Splitter::new(ending, max_bytes);
        let mut rows = Vec::new();
        let mut collect = |chunk: Chunk| {
            for row in &chunk.rows {
                rows.push((chunk.identifier(row).to_vec(), row.line, row.problem));
            }
        };
        for block in blocks {
            splitter.feed(block);
            collect(splitter.take_chunk());
        }
        collect(splitter.finish());
        rows
    }

    fn split(text: &[u8]) -> Rows {
        split_in(&[text], LineEnding::Lf, 1 << 16)
    }

    fn good(rows: &[(&str, u64)]) -> Rows {
        rows.iter()
            .map(|(text, line)| (text.as_bytes().to_vec(), *line, None))
            .collect()
    }

    #[test]
    fn splits_lf_and_crlf_with_or_without_a_final_newline() {
        let expected = good(&[("a", 1), ("b", 2)]);
        assert_eq!(split(b"a\nb\n"), expected);
        assert_eq!(split(b"a\r\nb\r\n"), expected);
        assert_eq!(split(b"a\nb"), expected);
        assert_eq!(split(b"a\r\nb"), expected);
    }

    #[test]
    fn empty_input_has_no_rows_and_blank_lines_are_rows() {
        assert!(split(b"").is_empty());
        assert_eq!(split(b"a\n\nb\n")[1], (Vec::new(), 2, None));
        assert_eq!(split(b"\r\n"), good(&[("", 1)]));
    }

    #[test]
    fn a_lone_cr_makes_its_line_bad_wherever_it_is() {
        let lone = Some(Problem::LoneCarriageReturn);
        assert_eq!(split(b"a\rb\nc\n")[0], (Vec::new(), 1, lone));
        assert_eq!(split(b"a\rb\nc\n")[1], (b"c".to_vec(), 2, None));
        assert_eq!(split(b"a\r"), vec![(Vec::new(), 1, lone)]);
        assert_eq!(split(b"\r\r\n"), vec![(Vec::new(), 1, lone)]);
    }

    #[test]
    fn cr_line_endings() {
        let rows = split_in(&[b"a\rb\r\nc\rd"], LineEnding::Cr, 16);
        assert_eq!(rows, good(&[("a", 1), ("b", 2), ("c", 3), ("d", 4)]));
        let rows = split_in(&[b"a\nb\rc"], LineEnding::Cr, 16);
        assert_eq!(rows[0], (Vec::new(), 1, Some(Problem::LoneLineFeed)));
        assert_eq!(rows[1], (b"c".to_vec(), 2, None));
    }

    #[test]
    fn a_line_past_the_limit_is_dropped_not_kept() {
        let rows = split_in(&[b"abcd", b"efgh\nok\n"], LineEnding::Lf, 5);
        let too_long = Some(Problem::TooLong { limit: 5 });
        assert_eq!(rows[0], (Vec::new(), 1, too_long));
        assert_eq!(rows[1], (b"ok".to_vec(), 2, None));
        assert_eq!(
            split_in(&[b"abcde\n"], LineEnding::Lf, 5),
            good(&[("abcde", 1)])
        );
    }

    fn any_ending() -> impl Strategy<Value = LineEnding> {
        prop_oneof![Just(LineEnding::Lf), Just(LineEnding::Cr)]
    }

    proptest! {
        /// However the input is cut into reads, the rows are the same as from one read.
        #[test]
        fn rows_do_not_depend_on_how_the_input_is_read(
            text in proptest::collection::vec(
                prop_oneof![Just(b'\n'), Just(b'\r'), Just(b'a'), Just(b' '), any::<u8>()],
                0..200,
            ),
            cuts in proptest::collection::vec(0usize..200, 0..12),
            ending in any_ending(),
            max_bytes in 1usize..20,
        ) {
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(text.len())).collect();
            cuts.sort_unstable();
            let mut blocks = Vec::new();
            let mut from = 0;
            for cut in cuts.into_iter().chain([text.len()]) {
                blocks.push(&text[from..cut]);
                from = cut;
            }
            prop_assert_eq!(
                split_in(&blocks, ending, max_bytes),
                split_in(&[&text], ending, max_bytes)
            );
        }
    }
}
