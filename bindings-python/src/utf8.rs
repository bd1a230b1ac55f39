//! Borrowing the bytes of immutable Python objects (`str`, `bytes`) without copying them.

use std::os::raw::c_char;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

// pyo3 hides this function from abi3 builds that target 3.9 because it entered the stable ABI
// only in 3.10; yet every CPython since 3.3 exports it with this signature. The alternative on
// 3.9's limited API, `PyUnicode_AsUTF8String`, allocates a new `bytes` object per call, which
// would cost more than the hash itself.
unsafe extern "C" {
    fn PyUnicode_AsUTF8AndSize(
        unicode: *mut ffi::PyObject,
        size: *mut ffi::Py_ssize_t,
    ) -> *const c_char;
}

/// The UTF-8 encoding of `text`, borrowed from the buffer CPython caches inside the `str`
/// object (immutable and alive as long as the object). Fails with `UnicodeEncodeError` when
/// the string holds lone surrogates.
pub(crate) fn utf8_bytes<'a>(text: Borrowed<'a, '_, PyString>) -> PyResult<&'a [u8]> {
    let mut size: ffi::Py_ssize_t = 0;
    // SAFETY: `text` is a valid `str` object, alive for `'a`, and the GIL is held. On success
    // the pointer refers to `size` bytes owned by `text`.
    unsafe {
        let data = PyUnicode_AsUTF8AndSize(text.as_ptr(), &mut size);
        if data.is_null() {
            return Err(PyErr::fetch(text.py()));
        }
        let len = usize::try_from(size).expect("CPython never reports a negative length");
        Ok(std::slice::from_raw_parts(data.cast::<u8>(), len))
    }
}

/// The contents of a `bytes` object, alive (and immutable) as long as the object.
pub(crate) fn bytes_bytes<'a>(bytes: Borrowed<'a, '_, PyBytes>) -> &'a [u8] {
    // SAFETY: `bytes` is a valid `bytes` object, alive for `'a`, and the GIL is held; its
    // buffer holds `PyBytes_Size` bytes and never changes.
    unsafe {
        let data = ffi::PyBytes_AsString(bytes.as_ptr());
        let len = usize::try_from(ffi::PyBytes_Size(bytes.as_ptr())).unwrap_or(0);
        std::slice::from_raw_parts(data.cast::<u8>(), len)
    }
}
