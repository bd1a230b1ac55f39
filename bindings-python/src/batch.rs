//! `Signer.identifier_hashes`: many identifiers, hashed with the GIL released.

use chatwoot_identity::{Error, IdentifierHash, Signer};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyList, PyMemoryView, PyString};

use crate::arguments::{ArgBytes, Param, identifier};
use crate::errors::{to_py_err, wrong_type};

/// Identifiers converted and hashed per round. Working in rounds bounds the temporary memory
/// (object references, borrowed slices, hashes) to one round instead of the whole batch, and a
/// round is still far above the size where the core starts using every core.
const ROUND: usize = 65_536;

const PARAM: &str = "identifiers";

/// Hashes every identifier of `identifiers` (any iterable), in order.
pub(crate) fn identifier_hashes<'py>(
    signer: &Signer,
    identifiers: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let py = identifiers.py();
    // A lone string is iterable too, but hashing its characters one by one is never meant.
    if identifiers.is_instance_of::<PyString>()
        || identifiers.is_instance_of::<PyBytes>()
        || identifiers.is_instance_of::<PyByteArray>()
        || identifiers.is_instance_of::<PyMemoryView>()
    {
        return Err(wrong_type(identifiers, PARAM, "an iterable of identifiers"));
    }
    let mut items = identifiers.try_iter().map_err(|error| {
        if error.is_instance_of::<PyTypeError>(py) {
            wrong_type(identifiers, PARAM, "an iterable of identifiers")
        } else {
            error
        }
    })?;
    let round_capacity = identifiers.len().map_or(ROUND, |len| len.min(ROUND));

    let hashes = PyList::empty(py);
    let mut objects: Vec<Bound<'py, PyAny>> = Vec::with_capacity(round_capacity);
    let mut offset = 0;
    loop {
        objects.clear();
        for item in items.by_ref().take(ROUND) {
            objects.push(item?);
        }
        if objects.is_empty() {
            break;
        }
        let round: Vec<ArgBytes<'_>> = objects
            .iter()
            .enumerate()
            .map(|(index, object)| identifier(object, Param::item(PARAM, offset + index)))
            .collect::<PyResult<_>>()?;
        // The slices borrow from `str`/`bytes` objects kept alive by `objects`; those are
        // immutable, so other Python threads may run meanwhile.
        let round_hashes = py
            .detach(|| hash_round(signer, &round, offset))
            .map_err(|error| to_py_err(py, error))?;
        for hash in &round_hashes {
            hashes.append(PyString::new(py, hash.as_str()))?;
        }
        offset += objects.len();
        if objects.len() < ROUND {
            break;
        }
    }
    Ok(hashes)
}

/// Hashes one round; errors name positions within the whole batch. The core decides whether
/// the round is large enough to spread over its per-process pool.
fn hash_round(
    signer: &Signer,
    round: &[ArgBytes<'_>],
    offset: usize,
) -> Result<Vec<IdentifierHash>, Error> {
    signer
        .identifier_hashes(round)
        .map_err(|error| at_offset(error, offset))
}

/// The core numbers positions within the slice it was given; report them within the batch.
fn at_offset(error: Error, offset: usize) -> Error {
    match error {
        Error::EmptyIdentifierInBatch { index } => Error::EmptyIdentifierInBatch {
            index: offset + index,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_positions_are_shifted_by_the_round_offset() {
        let shifted = at_offset(Error::EmptyIdentifierInBatch { index: 3 }, 65_536);
        assert_eq!(shifted, Error::EmptyIdentifierInBatch { index: 65_539 });
        assert_eq!(at_offset(Error::EmptySecret, 10), Error::EmptySecret);
    }
}
