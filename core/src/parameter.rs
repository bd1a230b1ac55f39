//! How every host's messages name the argument at fault.

use core::fmt;

/// The argument an error is about, as every binding's messages name it: a parameter by its
/// name, or one identifier of a batch by its zero-based place in the whole batch
/// (`identifiers[3]`, the same in every host and in the core's own
/// [`Error::EmptyIdentifierInBatch`](crate::Error::EmptyIdentifierInBatch)).
///
/// `Copy` and formatted only when a message is written, so a batch names no element until one
/// is wrong.
///
/// ```
/// use chatwoot_identity::Parameter;
///
/// assert_eq!(Parameter::Named("secret").to_string(), "secret");
/// assert_eq!(Parameter::BatchItem(3).to_string(), "identifiers[3]");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parameter {
    /// A parameter, in the host's own spelling (`identifier_hash`, `identifierHash`).
    Named(&'static str),
    /// An element of a batch's `identifiers`.
    BatchItem(usize),
}

impl fmt::Display for Parameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Parameter::Named(name) => f.write_str(name),
            Parameter::BatchItem(index) => write!(f, "identifiers[{index}]"),
        }
    }
}
