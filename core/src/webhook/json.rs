//! The few re-serializations of a JSON body that a receiver (or a test sender) makes by mistake,
//! so `diagnose_webhook` can see whether one of them is what was signed.
//!
//! A small reader of its own rather than `serde_json::Value`: the order of keys must be the
//! document's whatever serde_json's `preserve_order` feature is set to by whoever else is in
//! the build, and numbers must keep their exact text (a re-serializer rarely changes an
//! integer, and Chatwoot's payloads are integers and text). Only `diagnose_webhook` runs this.

/// The nesting a body may have before it is not re-serialized (serde_json's limit).
const MAX_DEPTH: usize = 128;

#[derive(Debug, PartialEq)]
pub(super) enum Json<'a> {
    Null,
    Bool(bool),
    /// The number's text exactly as written.
    Number(&'a [u8]),
    String(String),
    Array(Vec<Json<'a>>),
    /// Keys in document order. A repeated key keeps its first place and its last value, as
    /// JavaScript's `JSON.parse` and Python's `json.loads` do.
    Object(Vec<(String, Json<'a>)>),
}

/// The JSON value of `body`, or `None` when it is not JSON (RFC 8259: UTF-8, no trailing
/// commas, no lone surrogates) or nests deeper than [`MAX_DEPTH`].
pub(super) fn parse(body: &[u8]) -> Option<Json<'_>> {
    let mut reader = Reader { bytes: body, at: 0 };
    let value = reader.value(0)?;
    reader.skip_whitespace();
    (reader.at == body.len()).then_some(value)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, literal: &[u8]) -> Option<()> {
        let rest = self.bytes.get(self.at..)?;
        rest.starts_with(literal).then(|| self.at += literal.len())
    }

    fn value(&mut self, depth: usize) -> Option<Json<'a>> {
        self.skip_whitespace();
        match self.peek()? {
            b'n' => self.eat(b"null").map(|()| Json::Null),
            b't' => self.eat(b"true").map(|()| Json::Bool(true)),
            b'f' => self.eat(b"false").map(|()| Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'[' if depth < MAX_DEPTH => self.array(depth + 1),
            b'{' if depth < MAX_DEPTH => self.object(depth + 1),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn array(&mut self, depth: usize) -> Option<Json<'a>> {
        let mut items = Vec::new();
        self.members(b']', |parser| {
            items.push(parser.value(depth)?);
            Some(())
        })?;
        Some(Json::Array(items))
    }

    fn object(&mut self, depth: usize) -> Option<Json<'a>> {
        let mut entries: Vec<(String, Json<'a>)> = Vec::new();
        self.members(b'}', |parser| {
            parser.skip_whitespace();
            if parser.peek()? != b'"' {
                return None;
            }
            let key = parser.string()?;
            parser.skip_whitespace();
            parser.eat(b":")?;
            let value = parser.value(depth)?;
            match entries.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = value,
                None => entries.push((key, value)),
            }
            Some(())
        })?;
        Some(Json::Object(entries))
    }

    /// The members of an array or an object, from its opening bracket through `close`: none, or
    /// `member` read again after each comma. Arrays and objects share this one grammar.
    fn members(
        &mut self,
        close: u8,
        mut member: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<()> {
        self.at += 1;
        self.skip_whitespace();
        if self.peek() == Some(close) {
            self.at += 1;
            return Some(());
        }
        loop {
            member(self)?;
            self.skip_whitespace();
            match self.peek()? {
                b',' => self.at += 1,
                byte if byte == close => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Option<Json<'a>> {
        let start = self.at;
        let _ = self.eat(b"-");
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        if self.eat(b".").is_some() && self.digits() == 0 {
            return None;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        Some(Json::Number(&self.bytes[start..self.at]))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.at..self.at + 4)?;
        let text = core::str::from_utf8(digits).ok()?;
        if !digits.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        self.at += 4;
        u32::from_str_radix(text, 16).ok()
    }

    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = Vec::new();
        loop {
            let byte = self.peek()?;
            self.at += 1;
            match byte {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let escaped = self.peek()?;
                    self.at += 1;
                    let plain = match escaped {
                        b'"' => b'"',
                        b'\\' => b'\\',
                        b'/' => b'/',
                        b'b' => 0x08,
                        b'f' => 0x0c,
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'u' => {
                            let c = self.unicode_escape()?;
                            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                            continue;
                        }
                        _ => return None,
                    };
                    out.push(plain);
                }
                0x00..=0x1f => return None,
                _ => out.push(byte),
            }
        }
    }

    /// The character of a `\uXXXX` escape (the `\u` read), joining a surrogate pair.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        match first {
            0xd800..=0xdbff => {
                self.eat(b"\\u")?;
                let second = self.hex4()?;
                if !(0xdc00..=0xdfff).contains(&second) {
                    return None;
                }
                char::from_u32(0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00))
            }
            0xdc00..=0xdfff => None,
            _ => char::from_u32(first),
        }
    }
}

/// Where keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Order {
    /// As in the document (JavaScript, Ruby, PHP, Python by default).
    Document,
    /// Sorted by code point (Python's `sort_keys`, Go maps, `serde_json::Value` by default).
    Sorted,
}

/// The whitespace between tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Spacing {
    /// None (`to_json`, `JSON.stringify`, `JSON.generate`, `json_encode`).
    Compact,
    /// `", "` and `": "` (Python's `json.dumps` default).
    Spaced,
    /// Two-space indentation (`JSON.stringify(v, null, 2)`, `JSON.pretty_generate`,
    /// `json.dumps(v, indent=2)`).
    Pretty,
}

/// How text is escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Escaping {
    /// Only what JSON requires (`JSON.stringify`, Ruby's `JSON.generate`, serde_json).
    Minimal,
    /// Minimal plus `<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes (ActiveSupport's
    /// `to_json`, which Chatwoot uses, and Go's `json.Marshal`).
    Html,
    /// Everything outside printable ASCII as `\u` escapes (Python's `ensure_ascii` default,
    /// which escapes DEL too).
    Ascii,
    /// ASCII escapes and `/` as `\/` (PHP's `json_encode` default).
    Php,
}

/// Every style the diagnosis tries.
pub(super) fn styles() -> impl Iterator<Item = (Order, Spacing, Escaping)> {
    [Order::Document, Order::Sorted]
        .into_iter()
        .flat_map(|order| {
            [Spacing::Compact, Spacing::Spaced, Spacing::Pretty]
                .into_iter()
                .flat_map(move |spacing| {
                    [
                        Escaping::Html,
                        Escaping::Minimal,
                        Escaping::Ascii,
                        Escaping::Php,
                    ]
                    .into_iter()
                    .map(move |escaping| (order, spacing, escaping))
                })
        })
}

/// `value` serialized in a style.
pub(super) fn render(value: &Json<'_>, style: (Order, Spacing, Escaping)) -> Vec<u8> {
    let mut out = Vec::new();
    Writer {
        style,
        out: &mut out,
    }
    .value(value, 0);
    out
}

struct Writer<'o> {
    style: (Order, Spacing, Escaping),
    out: &'o mut Vec<u8>,
}

impl Writer<'_> {
    fn newline(&mut self, level: usize) {
        self.out.push(b'\n');
        self.out.resize(self.out.len() + 2 * level, b' ');
    }

    fn separator(&mut self, level: usize) {
        self.out.push(b',');
        match self.style.1 {
            Spacing::Compact => {}
            Spacing::Spaced => self.out.push(b' '),
            Spacing::Pretty => self.newline(level),
        }
    }

    fn value(&mut self, value: &Json<'_>, level: usize) {
        match value {
            Json::Null => self.out.extend_from_slice(b"null"),
            Json::Bool(true) => self.out.extend_from_slice(b"true"),
            Json::Bool(false) => self.out.extend_from_slice(b"false"),
            Json::Number(text) => self.out.extend_from_slice(text),
            Json::String(text) => self.string(text),
            Json::Array(items) if items.is_empty() => self.out.extend_from_slice(b"[]"),
            Json::Object(entries) if entries.is_empty() => self.out.extend_from_slice(b"{}"),
            Json::Array(items) => {
                self.out.push(b'[');
                if self.style.1 == Spacing::Pretty {
                    self.newline(level + 1);
                }
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        self.separator(level + 1);
                    }
                    self.value(item, level + 1);
                }
                if self.style.1 == Spacing::Pretty {
                    self.newline(level);
                }
                self.out.push(b']');
            }
            Json::Object(entries) => {
                let mut entries: Vec<&(String, Json<'_>)> = entries.iter().collect();
                if self.style.0 == Order::Sorted {
                    entries.sort_by(|a, b| a.0.cmp(&b.0));
                }
                self.out.push(b'{');
                if self.style.1 == Spacing::Pretty {
                    self.newline(level + 1);
                }
                for (index, (key, item)) in entries.into_iter().enumerate() {
                    if index > 0 {
                        self.separator(level + 1);
                    }
                    self.string(key);
                    self.out.push(b':');
                    if self.style.1 != Spacing::Compact {
                        self.out.push(b' ');
                    }
                    self.value(item, level + 1);
                }
                if self.style.1 == Spacing::Pretty {
                    self.newline(level);
                }
                self.out.push(b'}');
            }
        }
    }

    fn string(&mut self, text: &str) {
        let escaping = self.style.2;
        self.out.push(b'"');
        for c in text.chars() {
            match c {
                '"' => self.out.extend_from_slice(b"\\\""),
                '\\' => self.out.extend_from_slice(b"\\\\"),
                '\u{8}' => self.out.extend_from_slice(b"\\b"),
                '\u{c}' => self.out.extend_from_slice(b"\\f"),
                '\n' => self.out.extend_from_slice(b"\\n"),
                '\r' => self.out.extend_from_slice(b"\\r"),
                '\t' => self.out.extend_from_slice(b"\\t"),
                '\0'..='\u{1f}' => push_u_escape(self.out, c as u16),
                '\u{7f}' if escaping == Escaping::Ascii => push_u_escape(self.out, 0x7f),
                '/' if escaping == Escaping::Php => self.out.extend_from_slice(b"\\/"),
                '<' | '>' | '&' | '\u{2028}' | '\u{2029}' if escaping == Escaping::Html => {
                    push_u_escape(self.out, c as u16);
                }
                c if !c.is_ascii() && matches!(escaping, Escaping::Ascii | Escaping::Php) => {
                    for unit in c.encode_utf16(&mut [0; 2]) {
                        push_u_escape(self.out, *unit);
                    }
                }
                c => self
                    .out
                    .extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            }
        }
        self.out.push(b'"');
    }
}

fn push_u_escape(out: &mut Vec<u8>, unit: u16) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.extend_from_slice(b"\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[usize::from(unit >> shift & 0xf)]);
    }
}

/// The body with ActiveSupport's HTML escapes added to (`add`) or removed from (`!add`) every
/// string, and every other byte as it was: what a receiver's re-serialization does to a body
/// that is otherwise already in its style. `None` when nothing changes. `body` must be JSON
/// (checked by [`parse`]), so the scan only has to tell strings from the rest.
pub(super) fn with_html_escapes(body: &[u8], add: bool) -> Option<Vec<u8>> {
    const ESCAPED: [(&[u8], &[u8]); 5] = [
        (b"<", b"\\u003c"),
        (b">", b"\\u003e"),
        (b"&", b"\\u0026"),
        ("\u{2028}".as_bytes(), b"\\u2028"),
        ("\u{2029}".as_bytes(), b"\\u2029"),
    ];
    let mut out = Vec::with_capacity(body.len() + body.len() / 8);
    let mut in_string = false;
    let mut at = 0;
    let mut changed = false;
    'scan: while at < body.len() {
        let rest = &body[at..];
        if !in_string {
            in_string = rest[0] == b'"';
            out.push(rest[0]);
            at += 1;
            continue;
        }
        for (plain, escape) in ESCAPED {
            let (from, to) = if add {
                (plain, escape)
            } else {
                (escape, plain)
            };
            let matches = if add {
                rest.starts_with(from)
            } else {
                rest.len() >= from.len() && rest[..from.len()].eq_ignore_ascii_case(from)
            };
            if matches {
                out.extend_from_slice(to);
                at += from.len();
                changed = true;
                continue 'scan;
            }
        }
        match rest[0] {
            b'\\' => {
                out.extend_from_slice(&rest[..2]);
                at += 2;
            }
            b'"' => {
                in_string = false;
                out.push(b'"');
                at += 1;
            }
            byte => {
                out.push(byte);
                at += 1;
            }
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compact(text: &str, escaping: Escaping) -> String {
        let value = parse(text.as_bytes()).unwrap_or_else(|| panic!("{text} parses"));
        String::from_utf8(render(
            &value,
            (Order::Document, Spacing::Compact, escaping),
        ))
        .unwrap()
    }

    #[test]
    fn reads_what_json_allows_and_nothing_else() {
        for good in [
            "null",
            " true ",
            "0",
            "-0",
            "1.5e+3",
            "-12E-1",
            "\"\"",
            "[]",
            "{}",
            "[1,[2,{}]]",
            r#"{"a":{"b":[null,false]}}"#,
            "\"\\ud83d\\ude00\"",
            "\"\\/\\b\"",
        ] {
            assert!(parse(good.as_bytes()).is_some(), "{good}");
        }
        for bad in [
            "",
            "nul",
            "01",
            "1.",
            ".5",
            "+1",
            "1e",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "'a'",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\x\"",
            "\"\u{1}\"",
            "[1] 2",
            "\"abc",
            "{\"a\" 1}",
        ] {
            assert!(parse(bad.as_bytes()).is_none(), "{bad}");
        }
        assert!(parse(b"\"\xff\"").is_none(), "not UTF-8");
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(
            parse(deep.as_bytes()).is_none(),
            "deeper than serde_json allows"
        );
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(ok.as_bytes()).is_some());
    }

    #[test]
    fn repeated_keys_keep_the_first_place_and_the_last_value() {
        assert_eq!(
            compact(r#"{"a":1,"b":2,"a":3}"#, Escaping::Minimal),
            r#"{"a":3,"b":2}"#
        );
    }

    #[test]
    fn each_escaping_writes_what_its_library_writes() {
        let text = r#"{"t":"<a href=\"x\">&</a> é 😀 /\u0001\n\u2028\u007f"}"#;
        let expected = [
            (
                Escaping::Minimal,
                "{\"t\":\"<a href=\\\"x\\\">&</a> é 😀 /\\u0001\\n\u{2028}\u{7f}\"}",
            ),
            (
                Escaping::Html,
                "{\"t\":\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e é 😀 /\\u0001\\n\\u2028\u{7f}\"}",
            ),
            (
                Escaping::Ascii,
                "{\"t\":\"<a href=\\\"x\\\">&</a> \\u00e9 \\ud83d\\ude00 /\\u0001\\n\\u2028\\u007f\"}",
            ),
            (
                Escaping::Php,
                "{\"t\":\"<a href=\\\"x\\\">&<\\/a> \\u00e9 \\ud83d\\ude00 \\/\\u0001\\n\\u2028\u{7f}\"}",
            ),
        ];
        for (escaping, written) in expected {
            assert_eq!(compact(text, escaping), written, "{escaping:?}");
        }
    }

    #[test]
    fn spacing_and_order() {
        let value = parse(br#"{"b":[1,{"d":null}],"a":{},"c":[]}"#).unwrap();
        let styled = |order, spacing| {
            String::from_utf8(render(&value, (order, spacing, Escaping::Minimal))).unwrap()
        };
        assert_eq!(
            styled(Order::Document, Spacing::Spaced),
            r#"{"b": [1, {"d": null}], "a": {}, "c": []}"#
        );
        assert_eq!(
            styled(Order::Sorted, Spacing::Compact),
            r#"{"a":{},"b":[1,{"d":null}],"c":[]}"#
        );
        assert_eq!(
            styled(Order::Document, Spacing::Pretty),
            "{\n  \"b\": [\n    1,\n    {\n      \"d\": null\n    }\n  ],\n  \"a\": {},\n  \"c\": []\n}"
        );
        assert_eq!(styles().count(), 24);
    }

    fn arbitrary_json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            "\\PC{0,8}|[\u{0}-\u{1f}\u{7f}<>&/\\\\\"\u{2028}]{0,4}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec(("\\PC{0,5}", inner), 0..6)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        /// serde_json writes what `Minimal` does (keys in its map's order, which is sorted
        /// unless some crate in the build turns on `preserve_order`), compact and pretty.
        #[test]
        fn minimal_renders_equal_serde_json(value in arbitrary_json()) {
            let mut probe = serde_json::Map::new();
            probe.insert("b".into(), serde_json::Value::Null);
            probe.insert("a".into(), serde_json::Value::Null);
            let sorted = serde_json::to_string(&probe).unwrap() == r#"{"a":null,"b":null}"#;
            let order = if sorted { Order::Sorted } else { Order::Document };
            let text = serde_json::to_string(&value).unwrap();
            let parsed = parse(text.as_bytes()).expect("serde_json's output parses");
            let compact = render(&parsed, (Order::Document, Spacing::Compact, Escaping::Minimal));
            proptest::prop_assert_eq!(String::from_utf8(compact).unwrap(), text.clone());
            let pretty = serde_json::to_string_pretty(&value).unwrap();
            let ours = render(&parsed, (order, Spacing::Pretty, Escaping::Minimal));
            proptest::prop_assert_eq!(String::from_utf8(ours).unwrap(), pretty);
        }

        /// The reader accepts what serde_json accepts, on arbitrary bytes near JSON.
        #[test]
        fn the_reader_agrees_with_serde_json(text in "[\\[\\]{}\",:0-9.eE+\\-a-z\\\\ \\n\u{e9}\u{1}]{0,24}") {
            let ours = parse(text.as_bytes()).is_some();
            let theirs = serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok();
            proptest::prop_assert_eq!(ours, theirs, "{:?}", text);
        }
    }

    #[test]
    fn html_escapes_change_strings_only() {
        let raw = br#"{"a<":"x<y>&z\"<","n":1}"#;
        let added = with_html_escapes(raw, true).unwrap();
        assert_eq!(
            added,
            br#"{"a\u003c":"x\u003cy\u003e\u0026z\"\u003c","n":1}"#.to_vec()
        );
        assert_eq!(with_html_escapes(&added, false).unwrap(), raw.to_vec());
        assert_eq!(
            with_html_escapes(br#"{"a":"\u003C"}"#, false).unwrap(),
            br#"{"a":"<"}"#.to_vec()
        );
        assert_eq!(
            with_html_escapes(br#"{"a":"\\u003c"}"#, false),
            None,
            "an escaped backslash"
        );
        assert_eq!(with_html_escapes(br#"{"a":1}"#, true), None);
    }
}
