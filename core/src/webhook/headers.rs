//! The three headers Chatwoot sends, read from any host's header list, and the acceptance rule
//! for the two that are signed.

use core::fmt;

use crate::Error;

/// The header with the signature: `sha256=` and 64 lowercase hex characters.
pub const SIGNATURE_HEADER: &str = "X-Chatwoot-Signature";
/// The header with the Unix time, in seconds, at which Chatwoot signed this send.
pub const TIMESTAMP_HEADER: &str = "X-Chatwoot-Timestamp";
/// The header with the delivery's UUID; Chatwoot's retries of a delivery reuse it. It is not
/// signed.
pub const DELIVERY_HEADER: &str = "X-Chatwoot-Delivery";

/// The signature's prefix: the name of the MAC, as GitHub and Chatwoot write it.
pub(crate) const SIGNATURE_PREFIX: &[u8] = b"sha256=";
/// The longest timestamp accepted, in digits: any such number fits an `i64` with room to
/// subtract, and Unix seconds have 10 digits until the year 2286.
pub const MAX_TIMESTAMP_DIGITS: usize = 18;

/// A header value as received, or what is known about it.
#[derive(Clone, Default, PartialEq, Eq)]
enum Field {
    #[default]
    Absent,
    Present(Vec<u8>),
    /// The header appeared more than once: which one is meant cannot be known.
    Repeated,
}

impl Field {
    fn push(&mut self, value: &[u8]) {
        *self = match self {
            Field::Absent => Field::Present(value.to_vec()),
            _ => Field::Repeated,
        };
    }

    fn from_value(value: &[u8]) -> Self {
        Field::Present(value.to_vec())
    }
}

/// The webhook headers of one request, gathered from a host's header list.
///
/// Every host has its own header type; a binding turns it into (name, value) pairs and hands
/// them to [`WebhookHeaders::from_pairs`], which picks the three Chatwoot headers out by name,
/// ignoring ASCII case (HTTP/2 lowercases names, frameworks capitalise them). The CGI form of
/// the names that WSGI and Rack environments use (`HTTP_X_CHATWOOT_SIGNATURE`) is recognised
/// too. A signed header that appears more than once is refused as malformed: which value is
/// meant cannot be known, and a proxy that merges duplicates would join them with a comma,
/// which is refused as well.
///
/// `Debug` shows which headers are present, never the signature.
///
/// ```
/// use chatwoot_identity::WebhookHeaders;
///
/// let headers = WebhookHeaders::from_pairs([
///     ("content-type", "application/json"),
///     ("x-chatwoot-timestamp", "1700000000"),
///     ("x-chatwoot-signature", "sha256=..."),
///     ("x-chatwoot-delivery", "5b1e1f0a-6a4f-4a8e-9b3c-2f1d0e9c8b7a"),
/// ]);
/// assert_eq!(headers.timestamp(), Some(&b"1700000000"[..]));
/// assert_eq!(headers.delivery_id(), Some("5b1e1f0a-6a4f-4a8e-9b3c-2f1d0e9c8b7a"));
/// ```
#[derive(Clone, Default)]
pub struct WebhookHeaders {
    signature: Field,
    timestamp: Field,
    delivery_id: Option<String>,
}

impl WebhookHeaders {
    /// The two signed header values as received; an empty value counts as absent (many
    /// frameworks answer `""` for a header that is not there).
    pub fn new(signature: impl AsRef<[u8]>, timestamp: impl AsRef<[u8]>) -> Self {
        WebhookHeaders {
            signature: Field::from_value(signature.as_ref()),
            timestamp: Field::from_value(timestamp.as_ref()),
            delivery_id: None,
        }
    }

    /// The same headers with `X-Chatwoot-Delivery`'s value.
    #[must_use]
    pub fn with_delivery_id(mut self, delivery_id: impl AsRef<[u8]>) -> Self {
        self.delivery_id = delivery_value(delivery_id.as_ref());
        self
    }

    /// Picks the Chatwoot headers out of a request's (name, value) pairs, in any order and
    /// with any other headers among them. Names are compared ignoring ASCII case.
    pub fn from_pairs<I, N, V>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (N, V)>,
        N: AsRef<[u8]>,
        V: AsRef<[u8]>,
    {
        let mut headers = WebhookHeaders::default();
        let mut deliveries = 0usize;
        for (name, value) in pairs {
            let (name, value) = (name.as_ref(), value.as_ref());
            if is_named(name, SIGNATURE_HEADER) {
                headers.signature.push(value);
            } else if is_named(name, TIMESTAMP_HEADER) {
                headers.timestamp.push(value);
            } else if is_named(name, DELIVERY_HEADER) {
                deliveries += 1;
                headers.delivery_id = if deliveries == 1 {
                    delivery_value(value)
                } else {
                    None
                };
            }
        }
        headers
    }

    /// The signature header's value as received, if it appeared exactly once.
    pub fn signature(&self) -> Option<&[u8]> {
        match &self.signature {
            Field::Present(value) => Some(value),
            _ => None,
        }
    }

    /// The timestamp header's value as received, if it appeared exactly once.
    pub fn timestamp(&self) -> Option<&[u8]> {
        match &self.timestamp {
            Field::Present(value) => Some(value),
            _ => None,
        }
    }

    /// `X-Chatwoot-Delivery`, trimmed, if it appeared exactly once with a non-empty value.
    /// Not signed: anyone can send any value.
    pub fn delivery_id(&self) -> Option<&str> {
        self.delivery_id.as_deref()
    }

    /// Whether `X-Chatwoot-Signature` appeared more than once.
    pub(crate) fn signature_repeated(&self) -> bool {
        matches!(self.signature, Field::Repeated)
    }

    /// Whether `X-Chatwoot-Timestamp` appeared more than once.
    pub(crate) fn timestamp_repeated(&self) -> bool {
        matches!(self.timestamp, Field::Repeated)
    }

    pub(crate) fn take_delivery_id(&self) -> Option<String> {
        self.delivery_id.clone()
    }

    /// The signature as its 32 raw bytes and the 64 hex characters it was read from, by the
    /// acceptance rule.
    pub(crate) fn parsed_signature(&self) -> Result<ParsedSignature, Error> {
        match &self.signature {
            Field::Absent => Err(Error::MissingSignature),
            Field::Repeated => Err(Error::MalformedSignature {
                reason: "the header appears more than once",
            }),
            Field::Present(value) => parse_signature(value),
        }
    }

    /// The timestamp's value and the exact digits that were signed, by the acceptance rule.
    pub(crate) fn parsed_timestamp(&self) -> Result<(u64, &[u8]), Error> {
        match &self.timestamp {
            Field::Absent => Err(Error::MissingTimestamp),
            Field::Repeated => Err(Error::MalformedTimestamp {
                reason: "the header appears more than once",
            }),
            Field::Present(value) => parse_timestamp(value),
        }
    }
}

impl fmt::Debug for WebhookHeaders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn shown(field: &Field) -> &'static str {
            match field {
                Field::Absent => "absent",
                Field::Present(_) => "<present>",
                Field::Repeated => "repeated",
            }
        }
        f.debug_struct("WebhookHeaders")
            .field("signature", &shown(&self.signature))
            .field("timestamp", &shown(&self.timestamp))
            .field("delivery_id", &self.delivery_id)
            .finish()
    }
}

/// Whether `name` is `header` ignoring ASCII case, or its CGI form (`HTTP_` + upper case with
/// `_` for `-`), which WSGI and Rack environments use.
fn is_named(name: &[u8], header: &str) -> bool {
    let header = header.as_bytes();
    if name.eq_ignore_ascii_case(header) {
        return true;
    }
    let Some(rest) = name.strip_prefix(b"HTTP_") else {
        return false;
    };
    rest.len() == header.len()
        && rest.iter().zip(header).all(|(&got, &want)| {
            let want = if want == b'-' {
                b'_'
            } else {
                want.to_ascii_uppercase()
            };
            got == want
        })
}

fn delivery_value(value: &[u8]) -> Option<String> {
    let value = trim_ows(value);
    (!value.is_empty()).then(|| String::from_utf8_lossy(value).into_owned())
}

/// Removes the optional whitespace HTTP allows around a field value (spaces and tabs, RFC 9110
/// section 5.5). Parsers drop it already; a value pasted by hand or passed on by a proxy may
/// still carry it. A line break is not field whitespace and is kept, so it fails the rule.
pub(crate) fn trim_ows(value: &[u8]) -> &[u8] {
    let is_ows = |b: &u8| *b == b' ' || *b == b'\t';
    let start = value.iter().position(|b| !is_ows(b)).unwrap_or(value.len());
    let end = value
        .iter()
        .rposition(|b| !is_ows(b))
        .map_or(start, |i| i + 1);
    &value[start..end]
}

/// A signature read by the acceptance rule.
pub(crate) struct ParsedSignature {
    pub(crate) digest: [u8; 32],
    pub(crate) hex: [u8; 64],
}

/// The acceptance rule for `X-Chatwoot-Signature`: after removing spaces and tabs around it,
/// exactly `sha256=` and 64 lowercase hex characters. The candidate is public, so reading it
/// need not be constant-time; only the comparison with the expected digest is.
pub(crate) fn parse_signature(value: &[u8]) -> Result<ParsedSignature, Error> {
    let value = trim_ows(value);
    if value.is_empty() {
        return Err(Error::MissingSignature);
    }
    let malformed = |reason| Err(Error::MalformedSignature { reason });
    let Some(hex) = value.strip_prefix(SIGNATURE_PREFIX) else {
        return malformed("it does not start with sha256=");
    };
    let Ok(hex) = <&[u8; 64]>::try_from(hex) else {
        return malformed("64 hex characters must follow sha256=");
    };
    // One pass over all 64 characters that the compiler can vectorise, then decoding eight
    // characters at a time: this runs on every request, beside one hash of the whole body.
    let mut not_lower_hex = 0u8;
    for &b in hex {
        not_lower_hex |= u8::from(!(b.wrapping_sub(b'0') < 10 || b.wrapping_sub(b'a') < 6));
    }
    if not_lower_hex != 0 {
        return if hex.iter().all(u8::is_ascii_hexdigit) {
            malformed("the hex is uppercase; Chatwoot sends lowercase")
        } else {
            malformed("characters other than 0-9 and a-f follow sha256=")
        };
    }
    let mut digest = [0u8; 32];
    for (bytes, digits) in digest.chunks_exact_mut(4).zip(hex.chunks_exact(8)) {
        bytes.copy_from_slice(&decode_eight(digits.try_into().expect("chunks of 8")));
    }
    Ok(ParsedSignature { digest, hex: *hex })
}

/// Four bytes from eight lowercase hex digits already checked to be ones, in a 64-bit word:
/// a digit's value is its low four bits, plus 9 for a letter (`'a'..='f'` are 0x61-0x66, the
/// only digits with bit 6 set); then each pair of values becomes one byte.
#[inline]
fn decode_eight(digits: [u8; 8]) -> [u8; 4] {
    const LOW_NIBBLES: u64 = 0x0f0f_0f0f_0f0f_0f0f;
    const ONES: u64 = 0x0101_0101_0101_0101;
    const EVEN_BYTES: u64 = 0x00ff_00ff_00ff_00ff;
    let word = u64::from_le_bytes(digits);
    let values = (word & LOW_NIBBLES) + ((word >> 6) & ONES) * 9;
    // Little-endian: the first digit of each pair (the high nibble) is the lower byte.
    let pairs = ((values & EVEN_BYTES) << 4) | ((values >> 8) & EVEN_BYTES);
    let packed = (pairs | (pairs >> 8)) & 0x0000_ffff_0000_ffff;
    let packed = (packed | (packed >> 16)) & 0x0000_0000_ffff_ffff;
    (packed as u32).to_le_bytes()
}

/// The acceptance rule for `X-Chatwoot-Timestamp`: after removing spaces and tabs around it,
/// 1 to [`MAX_TIMESTAMP_DIGITS`] ASCII digits. Returns the value and the digits, which are what
/// was signed (exactly as received).
pub(crate) fn parse_timestamp(value: &[u8]) -> Result<(u64, &[u8]), Error> {
    let digits = trim_ows(value);
    if digits.is_empty() {
        return Err(Error::MissingTimestamp);
    }
    if !digits.iter().all(u8::is_ascii_digit) {
        return Err(Error::MalformedTimestamp {
            reason: "it has characters other than the digits 0-9",
        });
    }
    if digits.len() > MAX_TIMESTAMP_DIGITS {
        return Err(Error::MalformedTimestamp {
            reason: "it has more than 18 digits",
        });
    }
    let seconds = digits
        .iter()
        .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
    Ok((seconds, digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn reason(result: Result<ParsedSignature, Error>) -> &'static str {
        match result {
            Err(Error::MalformedSignature { reason }) => reason,
            Err(other) => panic!("{other:?}"),
            Ok(_) => panic!("accepted"),
        }
    }

    #[test]
    fn the_signature_rule() {
        let good = format!("sha256={HEX}");
        let parsed = parse_signature(good.as_bytes()).unwrap();
        assert_eq!(hex::encode(parsed.digest), HEX);
        assert_eq!(&parsed.hex, HEX.as_bytes());
        assert!(parse_signature(format!(" \t{good} ").as_bytes()).is_ok());
        assert!(matches!(parse_signature(b""), Err(Error::MissingSignature)));
        assert!(matches!(
            parse_signature(b"  "),
            Err(Error::MissingSignature)
        ));
        assert!(reason(parse_signature(HEX.as_bytes())).contains("start with sha256="));
        assert!(reason(parse_signature(format!("SHA256={HEX}").as_bytes())).contains("start"));
        assert!(reason(parse_signature(format!("{good}\n").as_bytes())).contains("64 hex"));
        assert!(reason(parse_signature(format!("sha256=sha256={HEX}").as_bytes())).contains("64"));
        assert!(
            reason(parse_signature(
                format!("sha256={}", HEX.to_uppercase()).as_bytes()
            ))
            .contains("uppercase")
        );
        assert!(
            reason(parse_signature(format!("sha256= {}", &HEX[1..]).as_bytes()))
                .contains("other than")
        );
        assert!(reason(parse_signature(format!("{good}, {good}").as_bytes())).contains("64 hex"));
    }

    #[test]
    fn every_pair_of_hex_digits_decodes() {
        let digits = b"0123456789abcdef";
        for high in 0..16u8 {
            for low in 0..16u8 {
                let (h, l) = (digits[usize::from(high)], digits[usize::from(low)]);
                let eight = [h, l, l, h, b'0', b'f', b'f', b'0'];
                assert_eq!(
                    decode_eight(eight),
                    [high << 4 | low, low << 4 | high, 0x0f, 0xf0]
                );
            }
        }
    }

    #[test]
    fn the_timestamp_rule() {
        assert_eq!(
            parse_timestamp(b"1700000000").unwrap(),
            (1_700_000_000, &b"1700000000"[..])
        );
        assert_eq!(parse_timestamp(b"\t0 ").unwrap(), (0, &b"0"[..]));
        let max = "9".repeat(MAX_TIMESTAMP_DIGITS);
        assert_eq!(
            parse_timestamp(max.as_bytes()).unwrap().0,
            999_999_999_999_999_999
        );
        assert!(matches!(parse_timestamp(b""), Err(Error::MissingTimestamp)));
        for bad in [
            &b"-1"[..],
            b"+1",
            b"1.5",
            b"1e9",
            b"17000 00000",
            b"0x10",
            "١٢".as_bytes(),
            b"1\n",
        ] {
            assert!(
                matches!(parse_timestamp(bad), Err(Error::MalformedTimestamp { .. })),
                "{bad:?}"
            );
        }
        assert!(matches!(
            parse_timestamp(format!("{max}0").as_bytes()),
            Err(Error::MalformedTimestamp { reason }) if reason.contains("18")
        ));
    }

    #[test]
    fn header_names_ignore_case_and_accept_the_cgi_form() {
        for name in [
            "X-Chatwoot-Signature",
            "x-chatwoot-signature",
            "X-CHATWOOT-SIGNATURE",
            "HTTP_X_CHATWOOT_SIGNATURE",
        ] {
            assert!(is_named(name.as_bytes(), SIGNATURE_HEADER), "{name}");
        }
        for name in [
            "X-Chatwoot-Signature-256",
            "X_Chatwoot_Signature",
            "http_x_chatwoot_signature",
            "HTTP_X-CHATWOOT-SIGNATURE",
            "Signature",
        ] {
            assert!(!is_named(name.as_bytes(), SIGNATURE_HEADER), "{name}");
        }
    }

    #[test]
    fn repeated_headers_are_refused_and_others_ignored() {
        let headers = WebhookHeaders::from_pairs([
            ("X-Chatwoot-Signature", "a"),
            ("Accept", "application/json"),
            ("x-chatwoot-signature", "b"),
            ("X-Chatwoot-Timestamp", "1"),
            ("X-Chatwoot-Delivery", "one"),
            ("X-Chatwoot-Delivery", "two"),
        ]);
        assert!(headers.signature().is_none());
        assert!(matches!(
            headers.parsed_signature(),
            Err(Error::MalformedSignature { reason }) if reason.contains("more than once")
        ));
        assert_eq!(headers.timestamp(), Some(&b"1"[..]));
        assert_eq!(
            headers.delivery_id(),
            None,
            "two delivery ids: neither is trusted"
        );
        let none = WebhookHeaders::from_pairs(Vec::<(String, String)>::new());
        assert!(matches!(
            none.parsed_signature(),
            Err(Error::MissingSignature)
        ));
        assert!(matches!(
            none.parsed_timestamp(),
            Err(Error::MissingTimestamp)
        ));
    }

    #[test]
    fn debug_never_shows_the_signature() {
        let headers = WebhookHeaders::new(format!("sha256={HEX}"), "1").with_delivery_id(" d ");
        let shown = format!("{headers:?}");
        assert!(!shown.contains(HEX), "{shown}");
        assert!(shown.contains("\"d\""), "{shown}");
    }
}
