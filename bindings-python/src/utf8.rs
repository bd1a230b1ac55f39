//! Borrowing the bytes of immutable Python objects (`str`, `bytes`) without copying them.

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

/// The UTF-8 encoding of `text`, borrowed from the buffer CPython caches inside the `str`
/// object (immutable and alive as long as the object). Fails with `UnicodeEncodeError` when
/// the string holds lone surrogates.
pub(crate) fn utf8_bytes<'a>(text: Borrowed<'a, '_, PyString>) -> PyResult<&'a [u8]> {
    let mut size: ffi::Py_ssize_t = 0;
    // SAFETY: `text` is a valid `str` object, alive for `'a`, and the GIL is held. On success
    // the pointer refers to `size` bytes owned by `text`.
    unsafe {
        let data = ffi::PyUnicode_AsUTF8AndSize(text.as_ptr(), &mut size);
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
