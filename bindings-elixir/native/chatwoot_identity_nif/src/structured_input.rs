//! An Elixir term as a `serde::Deserializer`, so the core reads its own shapes (`WidgetRequest`,
//! `WidgetUser`) from it with `chatwoot_identity::from_host`, which names the path of whatever
//! does not fit (`user.custom_attributes.plan`). No field, key or setting is known here.
//!
//! Plain data only: maps and keyword lists with atom or binary keys (`name:` and `"name" =>`
//! are the same key), lists, UTF-8 binaries, integers, floats, booleans, `nil` and atoms (their
//! names: `:left` is `"left"`). Anything else (a tuple, a pid, a function, a struct such as
//! `DateTime` or `Decimal`) is refused in serde's own words for a value of the wrong type, so
//! the core reports it as one, by path, as it does a number where text belongs.

use core::fmt;

use rustler::types::atom;
use rustler::types::{ListIterator, MapIterator};
use rustler::{BigInt, Binary, Term, TermType};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use serde::forward_to_deserialize_any;

use crate::arguments::struct_name;

/// Deeper than any of the core's shapes (a request's custom attribute is at depth 3); the
/// limit keeps a hostile, deeply nested list from exhausting the scheduler thread's stack.
const MAX_DEPTH: usize = 32;

/// One term, at some depth of the input.
#[derive(Clone, Copy)]
pub struct TermDeserializer<'a> {
    term: Term<'a>,
    depth: usize,
}

impl<'a> TermDeserializer<'a> {
    pub fn new(term: Term<'a>) -> Self {
        TermDeserializer { term, depth: 0 }
    }

    fn nested(&self, term: Term<'a>) -> Self {
        TermDeserializer {
            term,
            depth: self.depth + 1,
        }
    }

    fn too_deep(&self) -> Result<(), InputError> {
        match self.depth >= MAX_DEPTH {
            true => Err(de::Error::custom(format_args!(
                "nested more than {MAX_DEPTH} levels deep"
            ))),
            false => Ok(()),
        }
    }

    fn map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, InputError> {
        self.too_deep()?;
        let entries = MapIterator::new(self.term).expect("the term is a map");
        visitor.visit_map(Entries::new(entries, self))
    }

    /// A keyword list where a map belongs (`user: [identifier: 42, name: "Ada"]`).
    fn keywords<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, InputError> {
        self.too_deep()?;
        let pairs = keyword_pairs(self.term)
            .ok_or_else(|| de::Error::invalid_type(Unexpected::Seq, &visitor))?;
        visitor.visit_map(Entries::new(pairs.into_iter(), self))
    }
}

/// The pairs of a keyword list; `None` for any other list (`list_length` fails for an improper
/// one, which the iterator would end early).
fn keyword_pairs(term: Term<'_>) -> Option<Vec<(Term<'_>, Term<'_>)>> {
    term.list_length().ok()?;
    term.into_list_iterator()
        .ok()?
        .map(|pair| pair.decode::<(Term<'_>, Term<'_>)>().ok())
        .map(|pair| pair.filter(|(key, _)| key.is_atom()))
        .collect()
}

impl<'a> de::Deserializer<'a> for TermDeserializer<'a> {
    type Error = InputError;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, InputError> {
        let term = self.term;
        match term.get_type() {
            TermType::Atom if atom::nil() == term => visitor.visit_unit(),
            TermType::Atom => match term.decode::<bool>() {
                Ok(boolean) => visitor.visit_bool(boolean),
                Err(_) => visitor.visit_string(atom_name(term)),
            },
            TermType::Binary => match text(term) {
                Some(text) => visitor.visit_borrowed_str(text),
                None => Err(wrong_type(term, &visitor)),
            },
            TermType::Integer => integer(term, visitor),
            TermType::Float => visitor.visit_f64(term.decode().expect("the term is a float")),
            TermType::List if term.list_length().is_ok() => {
                self.too_deep()?;
                let elements = term.into_list_iterator().expect("the term is a list");
                visitor.visit_seq(Elements {
                    elements,
                    parent: self,
                })
            }
            TermType::Map if struct_name(term).is_none() => self.map(visitor),
            _ => Err(wrong_type(term, &visitor)),
        }
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, InputError> {
        match atom::nil() == self.term {
            true => visitor.visit_none(),
            false => visitor.visit_some(self),
        }
    }

    /// The core's enums are unit variants named in snake_case; an atom names one as well as a
    /// binary (`position: :left`).
    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, InputError> {
        let term = self.term;
        if term.is_atom() && atom::nil() != term && term.decode::<bool>().is_err() {
            return visitor.visit_enum(atom_name(term).into_deserializer());
        }
        match text(term) {
            Some(text) => visitor.visit_enum(text.into_deserializer()),
            None => self.deserialize_any(visitor),
        }
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, InputError> {
        if self.term.is_list() {
            return self.keywords(visitor);
        }
        self.deserialize_any(visitor)
    }

    /// A struct of the core is read from a map or a keyword list, never from a list by
    /// position (which serde's derive would accept).
    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, InputError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, InputError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, InputError> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        <W: Visitor<'a>>
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct identifier
    }
}

/// A map key: an atom's name or a UTF-8 binary.
struct Key<'a>(Term<'a>);

impl<'a> de::Deserializer<'a> for Key<'a> {
    type Error = InputError;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, InputError> {
        if self.0.is_atom() {
            return visitor.visit_string(atom_name(self.0));
        }
        match text(self.0) {
            Some(text) => visitor.visit_borrowed_str(text),
            None => Err(wrong_type(self.0, &"an atom or a binary as the key")),
        }
    }

    forward_to_deserialize_any! {
        <W: Visitor<'a>>
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

struct Entries<'a, I> {
    entries: I,
    value: Option<Term<'a>>,
    parent: TermDeserializer<'a>,
}

impl<'a, I> Entries<'a, I> {
    fn new(entries: I, parent: TermDeserializer<'a>) -> Self {
        Entries {
            entries,
            value: None,
            parent,
        }
    }
}

impl<'a, I: Iterator<Item = (Term<'a>, Term<'a>)>> de::MapAccess<'a> for Entries<'a, I> {
    type Error = InputError;

    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, InputError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(Key(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, InputError> {
        let value = self
            .value
            .take()
            .expect("serde asks for a value after its key");
        seed.deserialize(self.parent.nested(value))
    }
}

struct Elements<'a> {
    elements: ListIterator<'a>,
    parent: TermDeserializer<'a>,
}

impl<'a> de::SeqAccess<'a> for Elements<'a> {
    type Error = InputError;

    fn next_element_seed<T: DeserializeSeed<'a>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, InputError> {
        self.elements
            .next()
            .map(|element| seed.deserialize(self.parent.nested(element)))
            .transpose()
    }
}

/// What serde's messages say went wrong; the core reads and classifies it.
#[derive(Debug)]
pub struct InputError(String);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

impl de::Error for InputError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        InputError(message.to_string())
    }
}

/// Integers of up to 64 bits as serde's; up to 128 bits as i128/u128, which the core reads
/// for an identifier (as its decimal text) and refuses elsewhere.
fn integer<'a, V: Visitor<'a>>(term: Term<'a>, visitor: V) -> Result<V::Value, InputError> {
    if let Ok(small) = term.decode::<i64>() {
        return visitor.visit_i64(small);
    }
    if let Ok(unsigned) = term.decode::<u64>() {
        return visitor.visit_u64(unsigned);
    }
    let big: BigInt = term.decode().expect("the term is an integer");
    if let Ok(signed) = i128::try_from(&big) {
        return visitor.visit_i128(signed);
    }
    if let Ok(unsigned) = u128::try_from(&big) {
        return visitor.visit_u128(unsigned);
    }
    Err(de::Error::custom(
        "integer out of range: integers from -2**127 to 2**128-1 are supported; pass a larger \
         identifier as its text (Integer.to_string/1)",
    ))
}

/// serde's "invalid type" message, naming only the kind of term (the core keeps just its first
/// word), never the value.
fn wrong_type(term: Term<'_>, expected: &dyn de::Expected) -> InputError {
    let kind = match term.get_type() {
        TermType::Binary if Binary::from_term(term).is_ok() => "non-UTF-8 binary",
        TermType::Binary => "bitstring",
        TermType::Float => "floating point",
        TermType::Fun => "function",
        TermType::Integer => "integer",
        TermType::List if term.list_length().is_ok() => "sequence",
        TermType::List => "improper list",
        TermType::Map => match struct_name(term) {
            Some(name) => {
                let name = format!("{name} struct");
                return de::Error::invalid_type(Unexpected::Other(&name), expected);
            }
            None => "map",
        },
        TermType::Pid => "pid",
        TermType::Port => "port",
        TermType::Ref => "reference",
        // Not "tuple": the core reads that word as serde's "tuple variant".
        TermType::Tuple => "Tuple",
        TermType::Atom | TermType::Unknown => "term",
    };
    de::Error::invalid_type(Unexpected::Other(kind), expected)
}

fn text(term: Term<'_>) -> Option<&str> {
    let binary = Binary::from_term(term).ok()?;
    core::str::from_utf8(binary.as_slice()).ok()
}

/// An atom's name; atoms are at most 255 characters, always valid text.
fn atom_name(term: Term<'_>) -> String {
    term.atom_to_string().expect("the term is an atom")
}
