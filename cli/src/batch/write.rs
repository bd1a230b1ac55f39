//! Renders hashed rows as CSV or JSON Lines into a byte buffer.

use crate::cli::Format;

/// The output's columns: `identifier`, `identifier_hash`, then the kept input columns.
pub struct OutputFormat {
    format: Format,
    kept_names: Vec<String>,
    /// `,"name":` for each kept column, rendered once.
    json_keys: Vec<String>,
}

impl OutputFormat {
    pub fn new(format: Format, kept_names: Vec<String>) -> Self {
        let json_keys = kept_names
            .iter()
            .map(|name| format!(",{}:", serde_json::Value::from(name.as_str())))
            .collect();
        OutputFormat {
            format,
            kept_names,
            json_keys,
        }
    }

    /// The CSV header row; JSON Lines has none.
    pub fn header(&self) -> Option<Vec<u8>> {
        match self.format {
            Format::Jsonl => None,
            Format::Csv => {
                let mut writer = self.writer(0);
                let names = self.kept_names.iter().map(String::as_str);
                writer.row("identifier", "identifier_hash", names);
                Some(writer.finish())
            }
        }
    }

    /// A writer for one piece of output, with room for `capacity` bytes.
    pub fn writer(&self, capacity: usize) -> RowWriter<'_> {
        RowWriter {
            out: Vec::with_capacity(capacity),
            format: self.format,
            json_keys: &self.json_keys,
        }
    }
}

/// Appends rendered rows to an in-memory buffer, one per hashed identifier.
pub struct RowWriter<'a> {
    out: Vec<u8>,
    format: Format,
    json_keys: &'a [String],
}

impl RowWriter<'_> {
    /// One row; `kept` are the kept columns' values, in the order of their names.
    #[inline]
    pub fn row<'v>(&mut self, identifier: &str, hash: &str, kept: impl Iterator<Item = &'v str>) {
        let out = &mut self.out;
        match self.format {
            Format::Csv => {
                csv_field(out, identifier);
                out.push(b',');
                csv_field(out, hash);
                for value in kept {
                    out.push(b',');
                    csv_field(out, value);
                }
                out.push(b'\n');
            }
            Format::Jsonl => {
                out.extend_from_slice(b"{\"identifier\":");
                json_string(out, identifier);
                out.extend_from_slice(b",\"identifier_hash\":");
                json_string(out, hash);
                for (key, value) in self.json_keys.iter().zip(kept) {
                    out.extend_from_slice(key.as_bytes());
                    json_string(out, value);
                }
                out.extend_from_slice(b"}\n");
            }
        }
    }

    pub fn finish(self) -> Vec<u8> {
        self.out
    }
}

/// A CSV value as RFC 4180 writes it: in double quotes, with its own quotes doubled, when it
/// holds a comma, a quote or a line break; as it is otherwise.
#[inline]
fn csv_field(out: &mut Vec<u8>, value: &str) {
    let bytes = value.as_bytes();
    let needs_quotes = memchr::memchr3(b',', b'"', b'\n', bytes).is_some()
        || memchr::memchr(b'\r', bytes).is_some();
    if !needs_quotes {
        out.extend_from_slice(bytes);
        return;
    }
    out.push(b'"');
    for (i, part) in bytes.split(|&b| b == b'"').enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\"\"");
        }
        out.extend_from_slice(part);
    }
    out.push(b'"');
}

fn json_string(out: &mut Vec<u8>, text: &str) {
    serde_json::to_writer(out, text).expect("serializing text into memory cannot fail");
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn render(format: Format, kept_names: &[&str], rows: &[(&str, &str, &[&str])]) -> String {
        let output = OutputFormat::new(format, kept_names.iter().map(|n| n.to_string()).collect());
        let mut text = output.header().unwrap_or_default();
        let mut writer = output.writer(0);
        for (identifier, hash, kept) in rows {
            writer.row(identifier, hash, kept.iter().copied());
        }
        text.extend(writer.finish());
        String::from_utf8(text).unwrap()
    }

    #[test]
    fn csv_quotes_identifiers_that_need_it() {
        let text = render(
            Format::Csv,
            &[],
            &[("plain", "h1", &[]), ("a,\"b\"", "h2", &[])],
        );
        assert_eq!(
            text,
            "identifier,identifier_hash\nplain,h1\n\"a,\"\"b\"\"\",h2\n"
        );
    }

    #[test]
    fn kept_columns_follow_the_hash() {
        let text = render(
            Format::Csv,
            &["id", "full name"],
            &[("a", "h", &["7", "Doe, J"])],
        );
        assert_eq!(
            text,
            "identifier,identifier_hash,id,full name\na,h,7,\"Doe, J\"\n"
        );
    }

    #[test]
    fn jsonl_escapes_like_json() {
        let text = render(
            Format::Jsonl,
            &["n\"ote"],
            &[("a\"\u{2028}", "h", &["x\ny"])],
        );
        let value: serde_json::Value = serde_json::from_str(text.trim_end()).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"identifier": "a\"\u{2028}", "identifier_hash": "h", "n\"ote": "x\ny"})
        );
    }

    proptest! {
        /// A CSV reader (the csv crate's) gets back exactly the values written.
        #[test]
        fn csv_output_reads_back_as_written(
            rows in proptest::collection::vec(("\\PC*", "[ -~\r\n]*"), 1..8)
        ) {
            let rows: Vec<(&str, &str, [&str; 1])> =
                rows.iter().map(|(id, kept)| (id.as_str(), "h", [kept.as_str()])).collect();
            let shown: Vec<(&str, &str, &[&str])> =
                rows.iter().map(|(id, hash, kept)| (*id, *hash, &kept[..])).collect();
            let text = render(Format::Csv, &["kept"], &shown);
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let read: Vec<Vec<String>> = reader
                .records()
                .map(|r| r.unwrap().iter().map(str::to_owned).collect())
                .collect();
            let written: Vec<Vec<String>> = rows
                .iter()
                .map(|(id, hash, [kept])| vec![id.to_string(), hash.to_string(), kept.to_string()])
                .collect();
            prop_assert_eq!(read, written);
        }
    }
}
