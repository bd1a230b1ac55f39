//! An Elixir term described to the core's `HostDeserializer`, so the core reads its own shapes
//! (`WidgetRequest`, `WidgetUser`) from it with `chatwoot_identity::from_host`, which names the path of whatever
//! does not fit (`user.custom_attributes.plan`). No field, key or setting is known here.
//!
//! Plain data only: maps and keyword lists with atom or binary keys (`name:` and `"name" =>`
//! are the same key), lists, UTF-8 binaries, integers, floats, booleans, `nil` and atoms (their
//! names: `:left` is `"left"`). Anything else (a tuple, a pid, a function, a struct such as
//! `DateTime` or `Decimal`) is refused in serde's own words for a value of the wrong type, so
//! the core reports it as one, by path, as it does a number where text belongs.

use std::borrow::Cow;
use std::vec;

use chatwoot_identity::{HostDeserializer, HostError, HostKind, HostValue};
use rustler::types::atom;
use rustler::types::{ListIterator, MapIterator};
use rustler::{BigInt, Binary, Term, TermType};
use serde::de;

use crate::arguments::struct_name;

/// One term of the input.
#[derive(Clone, Copy)]
pub struct TermDeserializer<'a>(Term<'a>);

impl<'a> TermDeserializer<'a> {
    /// The core's deserializer over a whole input.
    pub fn new(term: Term<'a>) -> HostDeserializer<Self> {
        HostDeserializer::new(TermDeserializer(term))
    }
}

type Terms<'a> =
    core::iter::Map<ListIterator<'a>, fn(Term<'a>) -> Result<TermDeserializer<'a>, HostError>>;

/// A map's entries, or a keyword list's pairs.
// One per map being read, on the stack; boxing the iterator would allocate for every map.
#[allow(clippy::large_enum_variant)]
pub enum Entries<'a> {
    Map(MapIterator<'a>),
    Keywords(vec::IntoIter<(Term<'a>, Term<'a>)>),
}

impl<'a> Iterator for Entries<'a> {
    type Item = Result<(TermDeserializer<'a>, TermDeserializer<'a>), HostError>;

    fn next(&mut self) -> Option<Self::Item> {
        let (key, value) = match self {
            Entries::Map(entries) => entries.next(),
            Entries::Keywords(pairs) => pairs.next(),
        }?;
        Some(Ok((TermDeserializer(key), TermDeserializer(value))))
    }
}

impl<'a> HostValue for TermDeserializer<'a> {
    type Error = HostError;
    type Items = Terms<'a>;
    type Entries = Entries<'a>;
    const KEY: &'static str = "an atom or a binary as the key";

    fn kind(&self) -> Result<HostKind<'_, Self>, HostError> {
        let term = self.0;
        Ok(match term.get_type() {
            TermType::Atom if atom::nil() == term => HostKind::Null,
            TermType::Atom => match term.decode::<bool>() {
                Ok(boolean) => HostKind::Bool(boolean),
                Err(_) => HostKind::Text(Cow::Owned(atom_name(term))),
            },
            TermType::Binary => match text(term) {
                Some(text) => HostKind::Text(Cow::Borrowed(text)),
                None if Binary::from_term(term).is_ok() => {
                    HostKind::Unsupported("non-UTF-8 binary".into())
                }
                None => HostKind::Unsupported("bitstring".into()),
            },
            TermType::Integer => integer(term)?,
            TermType::Float => HostKind::Float(term.decode().expect("the term is a float")),
            TermType::List if term.list_length().is_ok() => {
                let elements = term.into_list_iterator().expect("the term is a list");
                HostKind::List(elements.map(element as fn(_) -> _))
            }
            TermType::Map => match struct_name(term) {
                None => HostKind::Map(Entries::Map(MapIterator::new(term).expect("a map"))),
                Some(name) => HostKind::Unsupported(format!("{name} struct").into()),
            },
            // The rest are named by their kind of term only (the core keeps just the first
            // word of serde's "invalid type" message), never by their value.
            TermType::Fun => HostKind::Unsupported("function".into()),
            TermType::List => HostKind::Unsupported("improper list".into()),
            TermType::Pid => HostKind::Unsupported("pid".into()),
            TermType::Port => HostKind::Unsupported("port".into()),
            TermType::Ref => HostKind::Unsupported("reference".into()),
            // Not "tuple": the core reads that word as serde's "tuple variant".
            TermType::Tuple => HostKind::Unsupported("Tuple".into()),
            TermType::Unknown => HostKind::Unsupported("term".into()),
        })
    }

    fn is_null(&self) -> bool {
        atom::nil() == self.0
    }

    /// A keyword list where a map belongs (`user: [identifier: 42, name: "Ada"]`).
    fn kind_as_map(&self) -> Result<HostKind<'_, Self>, HostError> {
        match keyword_pairs(self.0) {
            Some(pairs) => Ok(HostKind::Map(Entries::Keywords(pairs.into_iter()))),
            None => self.kind(),
        }
    }

    /// Every atom names a key by its name, `nil`, `true` and `false` too.
    fn kind_as_key(&self) -> Result<HostKind<'_, Self>, HostError> {
        match self.0.is_atom() {
            true => Ok(HostKind::Text(Cow::Owned(atom_name(self.0)))),
            false => self.kind(),
        }
    }
}

fn element(term: Term<'_>) -> Result<TermDeserializer<'_>, HostError> {
    Ok(TermDeserializer(term))
}

/// The pairs of a keyword list; `None` for any other term or list (`list_length` fails for an
/// improper one, which the iterator would end early).
fn keyword_pairs(term: Term<'_>) -> Option<Vec<(Term<'_>, Term<'_>)>> {
    term.list_length().ok()?;
    term.into_list_iterator()
        .ok()?
        .map(|pair| pair.decode::<(Term<'_>, Term<'_>)>().ok())
        .map(|pair| pair.filter(|(key, _)| key.is_atom()))
        .collect()
}

/// Integers of up to 128 bits; the core reads a wide one for an identifier (as its decimal
/// text) and refuses it elsewhere.
fn integer<'a>(term: Term<'a>) -> Result<HostKind<'a, TermDeserializer<'a>>, HostError> {
    if let Ok(small) = term.decode::<i64>() {
        return Ok(HostKind::Signed(small.into()));
    }
    let big: BigInt = term.decode().expect("the term is an integer");
    if let Ok(signed) = i128::try_from(&big) {
        return Ok(HostKind::Signed(signed));
    }
    if let Ok(unsigned) = u128::try_from(&big) {
        return Ok(HostKind::Unsigned(unsigned));
    }
    Err(de::Error::custom(
        "integer out of range: integers from -2**127 to 2**128-1 are supported; pass a larger \
         identifier as its text (Integer.to_string/1)",
    ))
}

fn text(term: Term<'_>) -> Option<&str> {
    let binary = Binary::from_term(term).ok()?;
    core::str::from_utf8(binary.as_slice()).ok()
}

/// An atom's name; atoms are at most 255 characters, always valid text.
fn atom_name(term: Term<'_>) -> String {
    term.atom_to_string().expect("the term is an atom")
}
