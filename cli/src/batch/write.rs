//! Renders hashed rows as CSV or JSON Lines into a byte buffer.

use serde::Serialize;

use crate::cli::Format;

pub const CSV_HEADER: &[u8] = b"identifier,identifier_hash\n";

#[derive(Serialize)]
struct JsonRecord<'a> {
    identifier: &'a str,
    identifier_hash: &'a str,
}

/// Appends rendered rows to an in-memory buffer, one per hashed identifier.
pub enum RowWriter {
    // Boxed: the CSV writer carries a large inline buffer state; one exists per piece.
    Csv(Box<csv::Writer<Vec<u8>>>),
    Jsonl(Vec<u8>),
}

impl RowWriter {
    pub fn new(format: Format, capacity: usize) -> Self {
        match format {
            Format::Csv => RowWriter::Csv(Box::new(
                csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(Vec::with_capacity(capacity)),
            )),
            Format::Jsonl => RowWriter::Jsonl(Vec::with_capacity(capacity)),
        }
    }

    pub fn row(&mut self, identifier: &str, hash: &str) {
        match self {
            RowWriter::Csv(writer) => writer
                .write_record([identifier, hash])
                .expect("writing CSV into memory cannot fail"),
            RowWriter::Jsonl(out) => {
                let record = JsonRecord {
                    identifier,
                    identifier_hash: hash,
                };
                serde_json::to_writer(&mut *out, &record).expect("serializing text cannot fail");
                out.push(b'\n');
            }
        }
    }

    pub fn finish(self) -> Vec<u8> {
        match self {
            RowWriter::Csv(writer) => writer
                .into_inner()
                .map_err(|_| ())
                .expect("flushing into memory cannot fail"),
            RowWriter::Jsonl(out) => out,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_identifiers_that_need_it() {
        let mut writer = RowWriter::new(Format::Csv, 0);
        writer.row("plain", "h1");
        writer.row("a,\"b\"", "h2");
        assert_eq!(writer.finish(), b"plain,h1\n\"a,\"\"b\"\"\",h2\n");
    }

    #[test]
    fn jsonl_escapes_like_json() {
        let mut writer = RowWriter::new(Format::Jsonl, 0);
        writer.row("a\"\u{2028}", "h");
        let line = String::from_utf8(writer.finish()).unwrap();
        let value: serde_json::Value = serde_json::from_str(line.trim_end()).unwrap();
        assert_eq!(value["identifier"], "a\"\u{2028}");
        assert_eq!(value["identifier_hash"], "h");
    }
}
