//! Whitespace at either end of a value: Chatwoot never trims, and people rarely mean it.

/// The whitespace characters at the start and at the end of a value, if any.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Edges {
    pub leading: Option<char>,
    pub trailing: Option<char>,
}

/// Looks at the first and last character only, so it costs the same for any length. Bytes that
/// are not UTF-8 at an end count as no whitespace there.
pub fn edges(bytes: &[u8]) -> Edges {
    Edges {
        leading: first_char(bytes).filter(|c| c.is_whitespace()),
        trailing: last_char(bytes).filter(|c| c.is_whitespace()),
    }
}

/// How a message names a whitespace character.
pub fn name(c: char) -> &'static str {
    match c {
        '\n' => "a newline",
        '\r' => "a carriage return",
        ' ' => "a space",
        '\t' => "a tab",
        _ => "whitespace",
    }
}

fn first_char(bytes: &[u8]) -> Option<char> {
    match bytes.first()? {
        byte if byte.is_ascii() => Some(char::from(*byte)),
        _ => bytes.utf8_chunks().next()?.valid().chars().next(),
    }
}

fn last_char(bytes: &[u8]) -> Option<char> {
    match bytes.last()? {
        byte if byte.is_ascii() => Some(char::from(*byte)),
        // A UTF-8 character is at most four bytes: the shortest valid tail is the last one.
        _ => (2..=bytes.len().min(4)).find_map(|len| {
            let tail = std::str::from_utf8(&bytes[bytes.len() - len..]).ok()?;
            let mut chars = tail.chars();
            let last = chars.next()?;
            chars.next().is_none().then_some(last)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ascii_and_unicode_whitespace_at_either_end() {
        assert_eq!(edges(b"abc"), Edges::default());
        assert_eq!(edges(b""), Edges::default());
        assert_eq!(
            edges(b" a\n"),
            Edges {
                leading: Some(' '),
                trailing: Some('\n')
            }
        );
        assert_eq!(edges("\u{a0}x".as_bytes()).leading, Some('\u{a0}'));
        assert_eq!(edges("x\u{3000}".as_bytes()).trailing, Some('\u{3000}'));
        assert_eq!(edges("é".as_bytes()), Edges::default());
        assert_eq!(edges(b"\xff\xfe"), Edges::default());
    }
}
