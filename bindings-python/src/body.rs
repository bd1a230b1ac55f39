//! A webhook body: the bytes of any bytes-like object (the buffer protocol) or of a `str`,
//! borrowed from the Python object, never copied (except a non-contiguous `memoryview`, which
//! has no single run of bytes to borrow).
//!
//! Hashing a large body releases the GIL, but only when no Python code can change the bytes
//! meanwhile: `bytes`, `str`, and a `memoryview` of `bytes`. A mutable buffer (`bytearray`,
//! `array`, `mmap`, ...) is hashed in place with the GIL held, so no other thread can write to
//! it mid-hash; holding the buffer export also keeps it from being resized or freed.

use std::os::raw::{c_char, c_int, c_void};

use pyo3::exceptions::{PyBufferError, PyTypeError};
use pyo3::ffi;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyMemoryView, PyString};

use crate::arguments::not_utf8;
use crate::errors::wrong_type;
use crate::utf8::{bytes_bytes, utf8_bytes};

/// From this size on, hashing takes longer than releasing and re-taking the GIL costs.
const DETACH_FROM: usize = 16 * 1024;

const BODY_TYPES: &str = "bytes, bytearray, memoryview (any bytes-like object) or str";

/// CPython's `Py_buffer`. pyo3 leaves it (and the two functions below) out of abi3 builds for
/// 3.10 because they entered the stable ABI only in 3.11, yet every CPython since 3.3 has this
/// layout and exports both functions; 3.11 froze exactly this layout into the stable ABI.
#[repr(C)]
struct RawBuffer {
    buf: *mut c_void,
    obj: *mut ffi::PyObject,
    len: ffi::Py_ssize_t,
    itemsize: ffi::Py_ssize_t,
    readonly: c_int,
    ndim: c_int,
    format: *mut c_char,
    shape: *mut ffi::Py_ssize_t,
    strides: *mut ffi::Py_ssize_t,
    suboffsets: *mut ffi::Py_ssize_t,
    internal: *mut c_void,
}

/// `PyBUF_SIMPLE`: one contiguous run of bytes, read-only access, no format.
const PYBUF_SIMPLE: c_int = 0;

#[allow(clashing_extern_declarations)]
unsafe extern "C" {
    fn PyObject_GetBuffer(obj: *mut ffi::PyObject, view: *mut RawBuffer, flags: c_int) -> c_int;
    fn PyBuffer_Release(view: *mut RawBuffer);
}

/// A held buffer export; released on drop (with the GIL held: a `Body` never leaves it).
struct Export {
    view: Box<RawBuffer>,
}

impl Drop for Export {
    fn drop(&mut self) {
        // SAFETY: `view` was filled by a successful `PyObject_GetBuffer`, is released exactly
        // once, and a `Body` (not `Send`) is only dropped by the thread holding the GIL.
        unsafe { PyBuffer_Release(&mut *self.view) }
    }
}

enum Bytes<'a> {
    Borrowed(&'a [u8]),
    Exported(Export),
    Copied(Vec<u8>),
}

/// The body of one webhook, borrowed for the duration of a call.
pub(crate) struct Body<'a> {
    bytes: Bytes<'a>,
    /// No Python code can change the bytes, so the GIL may be released while hashing them.
    immutable: bool,
}

impl Body<'_> {
    pub(crate) fn as_bytes(&self) -> &[u8] {
        match &self.bytes {
            Bytes::Borrowed(bytes) => bytes,
            Bytes::Copied(bytes) => bytes,
            Bytes::Exported(export) => {
                let view = &*export.view;
                let len = usize::try_from(view.len).unwrap_or(0);
                if len == 0 || view.buf.is_null() {
                    return &[];
                }
                // SAFETY: a PyBUF_SIMPLE export is `len` contiguous bytes at `buf`, valid until
                // the export is released (when `self` is dropped).
                unsafe { std::slice::from_raw_parts(view.buf.cast::<u8>(), len) }
            }
        }
    }

    /// Runs `work` on the body's bytes, without the GIL when the body is large and immutable.
    pub(crate) fn with_bytes<T, F>(&self, py: Python<'_>, work: F) -> T
    where
        F: FnOnce(&[u8]) -> T + Send,
        T: Send,
    {
        let bytes = self.as_bytes();
        if self.immutable && bytes.len() >= DETACH_FROM {
            py.detach(|| work(bytes))
        } else {
            work(bytes)
        }
    }
}

/// Reads the argument `body`.
pub(crate) fn body<'a>(argument: &'a Bound<'_, PyAny>) -> PyResult<Body<'a>> {
    let param = &"body";
    if let Ok(bytes) = argument.cast::<PyBytes>() {
        let bytes = Bytes::Borrowed(bytes_bytes(bytes.as_borrowed()));
        return Ok(Body {
            bytes,
            immutable: true,
        });
    }
    if let Ok(text) = argument.cast::<PyString>() {
        let bytes = utf8_bytes(text.as_borrowed())
            .map_err(|error| not_utf8(argument.py(), error, param))?;
        return Ok(Body {
            bytes: Bytes::Borrowed(bytes),
            immutable: true,
        });
    }
    let py = argument.py();
    // SAFETY: every field is an integer or a raw pointer, for which all zeros (0, null) is valid.
    let mut view = Box::new(unsafe { std::mem::zeroed::<RawBuffer>() });
    // SAFETY: `argument` is a live object and the GIL is held; on success the export is
    // released by `Export::drop`.
    let status = unsafe { PyObject_GetBuffer(argument.as_ptr(), &mut *view, PYBUF_SIMPLE) };
    if status == 0 {
        let readonly = view.readonly != 0;
        let export = Export { view };
        let immutable = readonly && is_view_of_bytes(argument);
        return Ok(Body {
            bytes: Bytes::Exported(export),
            immutable,
        });
    }
    let error = PyErr::fetch(py);
    if error.is_instance_of::<PyBufferError>(py) && argument.is_instance_of::<PyMemoryView>() {
        // A strided view (e.g. `memoryview(b)[::2]`): `tobytes()` gathers it, as `hmac` does.
        let copy = argument.call_method0(intern!(py, "tobytes"))?;
        let copy = copy.cast_into::<PyBytes>()?;
        return Ok(Body {
            bytes: Bytes::Copied(copy.as_bytes().to_vec()),
            immutable: true,
        });
    }
    if error.is_instance_of::<PyTypeError>(py) {
        return Err(wrong_type(argument, param, BODY_TYPES));
    }
    Err(error)
}

/// Whether `argument` is a read-only `memoryview` whose exporter is a `bytes` object, whose
/// bytes therefore never change.
fn is_view_of_bytes(argument: &Bound<'_, PyAny>) -> bool {
    argument.is_instance_of::<PyMemoryView>()
        && argument
            .getattr(intern!(argument.py(), "obj"))
            .is_ok_and(|exporter| exporter.is_exact_instance_of::<PyBytes>())
}
