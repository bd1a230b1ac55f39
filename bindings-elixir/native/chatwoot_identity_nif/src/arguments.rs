//! Terms to the bytes the core hashes, with an argument error naming the parameter for
//! anything else. Binaries are borrowed, not copied: a term stays valid for the whole call.

use core::fmt;

use chatwoot_identity::IntegerIdentifier;
use rustler::types::atom;
use rustler::{BigInt, Binary, Term, TermType};

use crate::reply::{Failure, Outcome};
use crate::signer::SignerResource;

/// An identifier as Elixir passed it: a binary (its bytes) or an integer (its decimal text,
/// through the core's `IntegerIdentifier`, as Chatwoot's `to_s` renders it).
pub enum Identifier<'a> {
    Text(&'a [u8]),
    Integer(IntegerIdentifier),
}

impl AsRef<[u8]> for Identifier<'_> {
    fn as_ref(&self) -> &[u8] {
        match self {
            Identifier::Text(bytes) => bytes,
            Identifier::Integer(integer) => integer.as_bytes(),
        }
    }
}

pub use chatwoot_identity::Parameter;

pub const IDENTIFIER: Parameter = Parameter::Named("identifier");

/// A binary or an integer.
pub fn identifier(term: Term<'_>, parameter: Parameter) -> Outcome<Identifier<'_>> {
    if let Ok(binary) = Binary::from_term(term) {
        return Ok(Identifier::Text(binary.as_slice()));
    }
    if term.is_integer() {
        return integer_identifier(term, parameter).map(Identifier::Integer);
    }
    Err(wrong_type(term, parameter, "a binary or an integer"))
}

/// An integer through the core's one rule; beyond 128 bits the core has no integer type, so
/// the caller is told to pass the text.
fn integer_identifier(term: Term<'_>, parameter: Parameter) -> Outcome<IntegerIdentifier> {
    if let Ok(small) = term.decode::<i64>() {
        return Ok(IntegerIdentifier::from(small));
    }
    if let Ok(big) = term.decode::<BigInt>() {
        if let Ok(signed) = i128::try_from(&big) {
            return Ok(IntegerIdentifier::from(signed));
        }
        if let Ok(unsigned) = u128::try_from(&big) {
            return Ok(IntegerIdentifier::from(unsigned));
        }
    }
    Err(Failure::Argument(format!(
        "{parameter} is out of range: integer identifiers from -2**127 to 2**128-1 are \
         supported; pass a larger one as its text (Integer.to_string/1)"
    )))
}

/// The secret: a binary, whose bytes are the HMAC key.
pub fn secret<'a>(term: Term<'a>, parameter: &'static str) -> Outcome<&'a [u8]> {
    binary(term, parameter, "a binary")
}

/// The `identifier_hash` parameter of verify and diagnose: a binary, compared as it is.
pub fn identifier_hash(term: Term<'_>) -> Outcome<&[u8]> {
    binary(term, "identifier_hash", "a binary")
}

/// A binary's bytes, borrowed where they are; `expected` says what else the message asks for.
pub fn binary<'a>(
    term: Term<'a>,
    parameter: impl fmt::Display,
    expected: &str,
) -> Outcome<&'a [u8]> {
    Binary::from_term(term)
        .map(|binary| binary.as_slice())
        .map_err(|_| wrong_type(term, parameter, expected))
}

/// Text: a binary holding UTF-8 (the widget's values travel as JSON strings).
pub fn text<'a>(term: Term<'a>, parameter: &'static str) -> Outcome<&'a str> {
    let bytes = binary(term, parameter, "a binary")?;
    core::str::from_utf8(bytes)
        .map_err(|_| Failure::Argument(format!("{parameter} must be UTF-8 text")))
}

/// `nil` or text.
pub fn optional_text<'a>(term: Term<'a>, parameter: &'static str) -> Outcome<Option<&'a str>> {
    if is_nil(term) {
        return Ok(None);
    }
    if !term.is_binary() {
        return Err(wrong_type(
            term,
            Parameter::Named(parameter),
            "a binary or nil",
        ));
    }
    text(term, parameter).map(Some)
}

/// The `ChatwootIdentity.Signer` resource, borrowed for the call.
pub fn signer<'a>(term: Term<'a>) -> Outcome<&'a SignerResource> {
    term.try_get_resource::<SignerResource>().ok_or_else(|| {
        wrong_type(
            term,
            Parameter::Named("signer"),
            "a ChatwootIdentity.Signer",
        )
    })
}

pub fn is_nil(term: Term<'_>) -> bool {
    atom::nil() == term
}

/// `identifier must be a binary or an integer, got a float`. Only the kind of term is named,
/// never the value: it could be a secret passed in the wrong place.
pub fn wrong_type(term: Term<'_>, parameter: impl fmt::Display, expected: &str) -> Failure {
    Failure::Argument(format!(
        "{parameter} must be {expected}, got {}",
        kind(term)
    ))
}

fn kind(term: Term<'_>) -> String {
    let kind = match term.get_type() {
        TermType::Atom if is_nil(term) => "nil",
        TermType::Atom if term.decode::<bool>().is_ok() => "a boolean",
        TermType::Atom => "an atom",
        TermType::Binary if Binary::from_term(term).is_ok() => "a binary",
        TermType::Binary => "a bitstring",
        TermType::Float => "a float",
        TermType::Fun => "a function",
        TermType::Integer => "an integer",
        TermType::List if term.is_empty_list() => "an empty list",
        TermType::List => "a list (a charlist? use a double-quoted string)",
        TermType::Map => {
            return struct_name(term)
                .map_or_else(|| "a map".into(), |name| format!("a {name} struct"));
        }
        TermType::Pid => "a pid",
        TermType::Port => "a port",
        TermType::Ref => "a reference",
        TermType::Tuple => "a tuple",
        TermType::Unknown => "an unknown term",
    };
    kind.to_owned()
}

/// `ChatwootIdentity.Signer` for a struct: a module name is code, not data, so it can be shown.
pub fn struct_name(map: Term<'_>) -> Option<String> {
    let module = map.map_get(atom::__struct__()).ok()?;
    let name = module.atom_to_string().ok()?;
    Some(name.strip_prefix("Elixir.").unwrap_or(&name).to_owned())
}
