//! `Signer.identifier_hashes`: the core's pool hashes round k while this thread, holding the
//! GIL, reads round k+1 out of the Python objects and turns round k-1 into `str` objects; the
//! GIL is free whenever this thread waits for the pool.

use chatwoot_identity::{BatchError, Signer};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyList, PyMemoryView, PyString, PyTuple};
use pyo3::{PyTypeInfo, ffi};

use crate::arguments::identifier;
use crate::errors::{to_py_err, wrong_type};

const PARAM: &str = "identifiers";

/// Hashes every identifier of `identifiers` (any iterable), in order.
pub(crate) fn identifier_hashes<'py>(
    signer: &Signer,
    identifiers: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let py = identifiers.py();
    // Our own tuple: the batch cannot change under us while the GIL is released, even if
    // another thread empties the caller's list meanwhile.
    let items = tuple_of(identifiers)?.unbind();
    let len = items.bind(py).len();
    let hashes = ResultList::new(py, len)?;
    let mut filled = 0;
    let hashed = py.detach(|| {
        signer.identifier_hashes_pipelined(
            len,
            |range, round| {
                Python::attach(|py| {
                    let items = items.bind(py);
                    for index in range {
                        let item = items.get_borrowed_item(index)?;
                        round.push(identifier(item, &format_args!("{PARAM}[{index}]"))?.as_ref());
                    }
                    Ok(())
                })
            },
            |round| {
                Python::attach(|py| {
                    for hash in round {
                        hashes.set(filled, PyString::new(py, hash.as_str()));
                        filled += 1;
                    }
                });
                Ok(())
            },
        )
    });
    match hashed {
        Ok(()) => {
            assert_eq!(filled, len, "the core hands over every hash once");
            Ok(hashes.into_list(py))
        }
        Err(BatchError::Core(error)) => Err(to_py_err(py, error)),
        Err(BatchError::Host(error)) => Err(error),
    }
}

/// The items as a tuple (`tuple(identifiers)`, a copy made at C speed); a lone `str` or
/// `bytes` is refused: hashing its characters one by one is never what was meant.
fn tuple_of<'py>(identifiers: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
    let py = identifiers.py();
    let not_a_batch = || wrong_type(identifiers, &PARAM, "an iterable of identifiers");
    if identifiers.is_instance_of::<PyString>()
        || identifiers.is_instance_of::<PyBytes>()
        || identifiers.is_instance_of::<PyByteArray>()
        || identifiers.is_instance_of::<PyMemoryView>()
    {
        return Err(not_a_batch());
    }
    // Asked first, so a TypeError raised while iterating is not mistaken for "not iterable".
    let iterator = identifiers.try_iter().map_err(|error| {
        if error.is_instance_of::<PyTypeError>(py) {
            not_a_batch()
        } else {
            error
        }
    })?;
    let source =
        if identifiers.is_instance_of::<PyList>() || identifiers.is_instance_of::<PyTuple>() {
            identifiers.clone()
        } else {
            iterator.into_any()
        };
    Ok(PyTuple::type_object(py).call1((source,))?.cast_into()?)
}

/// The result list, made at its final length and filled in place: no second list of the
/// strings, no growth. Until it is full it is hidden from the garbage collector, the only other
/// way Python code could reach it and see an empty slot.
struct ResultList(Py<PyList>);

impl ResultList {
    fn new(py: Python<'_>, len: usize) -> PyResult<Self> {
        let len = ffi::Py_ssize_t::try_from(len).expect("a Python sequence's length fits");
        // SAFETY: `PyList_New` returns a new reference (or NULL with an exception set); the
        // list is untracked before any other code runs, and only this value refers to it.
        let list = unsafe {
            let list = Bound::from_owned_ptr_or_err(py, ffi::PyList_New(len))?;
            ffi::PyObject_GC_UnTrack(list.as_ptr().cast());
            list.cast_into_unchecked::<PyList>()
        };
        Ok(ResultList(list.unbind()))
    }

    /// Puts `item` in the empty slot `index`.
    fn set(&self, index: usize, item: Bound<'_, PyString>) {
        let index = ffi::Py_ssize_t::try_from(index).expect("within the list's length");
        // SAFETY: the GIL is held (we have a `Bound`); `index` is below the length the list was
        // made with and each slot is set once, so nothing is leaked; `PyList_SetItem` takes
        // over the reference.
        let status = unsafe { ffi::PyList_SetItem(self.0.as_ptr(), index, item.into_ptr()) };
        debug_assert_eq!(
            status, 0,
            "PyList_SetItem on our own list, within its length"
        );
    }

    /// The full list, known to the garbage collector again.
    fn into_list(self, py: Python<'_>) -> Bound<'_, PyList> {
        // SAFETY: the list was untracked in `new` and every slot is now set.
        unsafe { ffi::PyObject_GC_Track(self.0.as_ptr().cast()) };
        self.0.into_bound(py)
    }
}
