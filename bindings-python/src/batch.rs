//! `Signer.identifier_hashes`: while the core's pool hashes round k+1, this thread, holding the
//! GIL, turns round k into `str` objects; the GIL is free whenever it waits for the pool.

use std::convert::Infallible;
use std::ops::Range;

use chatwoot_identity::{BatchError, Signer};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyList, PyMemoryView, PyString};

use crate::arguments::{ArgBytes, identifier};
use crate::errors::{to_py_err, wrong_type};

const PARAM: &str = "identifiers";

/// Hashes every identifier of `identifiers` (any iterable), in order.
pub(crate) fn identifier_hashes<'py>(
    signer: &Signer,
    identifiers: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let py = identifiers.py();
    // Our own references keep every object alive (and its bytes where they are) while the GIL
    // is released, even if another thread empties the caller's list meanwhile.
    let objects = objects_of(identifiers)?;
    let mut copied = Vec::new();
    let bytes = bytes_of(&objects, &mut copied)?;

    let mut hashes: Vec<Py<PyString>> = Vec::with_capacity(bytes.len());
    let hashed = py.detach(|| {
        signer.identifier_hashes_by_round(&bytes, |round| {
            Python::attach(|py| {
                let strings = round.iter().map(|hash| PyString::new(py, hash.as_str()));
                hashes.extend(strings.map(Bound::unbind));
            });
            Ok::<(), Infallible>(())
        })
    });
    match hashed {
        Ok(()) => PyList::new(py, hashes),
        Err(BatchError::Core(error)) => Err(to_py_err(py, error)),
        Err(BatchError::Host(never)) => match never {},
    }
}

/// The items of the iterable; a lone `str` or `bytes` is refused: hashing its characters one
/// by one is never what was meant.
fn objects_of<'py>(identifiers: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let not_a_batch = || wrong_type(identifiers, &PARAM, "an iterable of identifiers");
    if identifiers.is_instance_of::<PyString>()
        || identifiers.is_instance_of::<PyBytes>()
        || identifiers.is_instance_of::<PyByteArray>()
        || identifiers.is_instance_of::<PyMemoryView>()
    {
        return Err(not_a_batch());
    }
    let items = identifiers.try_iter().map_err(|error| {
        if error.is_instance_of::<PyTypeError>(identifiers.py()) {
            not_a_batch()
        } else {
            error
        }
    })?;
    let mut objects = Vec::with_capacity(identifiers.len().unwrap_or(0));
    for item in items {
        objects.push(item?);
    }
    Ok(objects)
}

/// The bytes of each identifier: borrowed from the immutable `str` and `bytes` objects, or from
/// `copied`, which holds the bytes of mutable objects and the decimal text of integers.
fn bytes_of<'a>(
    objects: &'a [Bound<'_, PyAny>],
    copied: &'a mut Vec<u8>,
) -> PyResult<Vec<&'a [u8]>> {
    let mut bytes: Vec<&[u8]> = Vec::with_capacity(objects.len());
    let mut copied_at: Vec<(usize, Range<usize>)> = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        match identifier(object, &format_args!("{PARAM}[{index}]"))? {
            ArgBytes::Borrowed(borrowed) => bytes.push(borrowed),
            other => {
                let start = copied.len();
                copied.extend_from_slice(other.as_ref());
                copied_at.push((index, start..copied.len()));
                bytes.push(&[]);
            }
        }
    }
    let copied: &'a [u8] = copied;
    for (index, range) in copied_at {
        bytes[index] = &copied[range];
    }
    Ok(bytes)
}
