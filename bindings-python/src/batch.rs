//! `Signer.identifier_hashes`: the core's pool hashes round k while this thread, holding the
//! GIL, reads round k+1 out of the Python objects and turns round k-1 into `str` objects; the
//! GIL is free whenever this thread waits for the pool.

use std::ops::Range;

use chatwoot_identity::{BatchError, Parameter, Signer};
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
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
    let items = Items::of(identifiers)?;
    let len = items.len;
    let hashes = ResultList::new(py, len)?;
    let mut filled = 0;
    let hashed = py.detach(|| {
        signer.identifier_hashes_pipelined(
            len,
            |range, round| Python::attach(|py| items.read(py, range, |bytes| round.push(bytes))),
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
            items.check_unchanged(py)?;
            Ok(hashes.into_list(py))
        }
        Err(BatchError::Core(error)) => Err(to_py_err(py, error)),
        Err(BatchError::Host(error)) => Err(error),
    }
}

/// A batch's items, read round by round while this thread holds the GIL, and how many there
/// were when the batch began.
struct Items {
    source: Source,
    len: usize,
}

/// An exact `list` is read in place: copying a million references into a tuple, and dropping
/// them again, took longer than reading the identifiers. Anything else is copied into our own
/// tuple once.
enum Source {
    /// Another thread may change the list while the GIL is released between rounds, so its
    /// length is checked before every round and at the end: a change is an error, never a
    /// skipped or a repeated identifier.
    List(Py<PyList>),
    Tuple(Py<PyTuple>),
}

impl Items {
    /// The items of `identifiers`; a lone `str` or `bytes` is refused: hashing its characters
    /// one by one is never what was meant.
    fn of(identifiers: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = identifiers.py();
        let not_a_batch = || wrong_type(identifiers, &PARAM, "an iterable of identifiers");
        if identifiers.is_instance_of::<PyString>()
            || identifiers.is_instance_of::<PyBytes>()
            || identifiers.is_instance_of::<PyByteArray>()
            || identifiers.is_instance_of::<PyMemoryView>()
        {
            return Err(not_a_batch());
        }
        if let Ok(list) = identifiers.cast_exact::<PyList>() {
            return Ok(Items {
                len: list.len(),
                source: Source::List(list.clone().unbind()),
            });
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
        // `tuple(identifiers)`: a copy made at C speed.
        let tuple: Bound<'_, PyTuple> = PyTuple::type_object(py).call1((source,))?.cast_into()?;
        Ok(Items {
            len: tuple.len(),
            source: Source::Tuple(tuple.unbind()),
        })
    }

    /// Hands the bytes of the identifiers at `positions` to `push`, in order; a bad one raises
    /// naming `identifiers[N]`.
    fn read(
        &self,
        py: Python<'_>,
        positions: Range<usize>,
        mut push: impl FnMut(&[u8]),
    ) -> PyResult<()> {
        let mut push_item = |index: usize, item: Borrowed<'_, '_, PyAny>| -> PyResult<()> {
            push(identifier(item, &Parameter::BatchItem(index))?.as_ref());
            Ok(())
        };
        self.check_unchanged(py)?;
        match &self.source {
            Source::List(list) => {
                let list = list.bind(py);
                for index in positions {
                    // Our own reference: converting an item can run Python code (a
                    // memoryview's `tobytes`), which might drop it from the list.
                    push_item(index, list.get_item(index)?.as_borrowed())?;
                }
            }
            Source::Tuple(tuple) => {
                let tuple = tuple.bind(py);
                for index in positions {
                    push_item(index, tuple.get_borrowed_item(index)?)?;
                }
            }
        }
        Ok(())
    }

    /// `RuntimeError` when the list no longer has the items it had when the batch began (our
    /// own tuple cannot change).
    fn check_unchanged(&self, py: Python<'_>) -> PyResult<()> {
        let Source::List(list) = &self.source else {
            return Ok(());
        };
        let now = list.bind(py).len();
        if now == self.len {
            return Ok(());
        }
        Err(PyRuntimeError::new_err(format!(
            "{PARAM} changed size during the batch (from {} to {now} items); \
             pass a copy if another thread may change it",
            self.len
        )))
    }
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
