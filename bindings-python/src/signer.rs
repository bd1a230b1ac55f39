//! The `Signer` class: an inbox secret prepared once, shared across threads.

use chatwoot_identity::Signer;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::arguments;
use crate::batch;
use crate::errors::OrRaise;

/// An inbox's HMAC secret, prepared once for any number of hashes.
///
/// Build one per inbox (for example at import time from your settings) and share it: it is
/// immutable and safe to use from many threads. It hashes about twice as fast as the module
/// functions, except ``identifier_hash`` and ``verify`` given the same ``str`` or ``bytes``
/// object twice in a row, which keep its key. ``repr()`` never shows the secret and pickling it raises
/// ``TypeError``.
///
/// Raises ``EmptySecretError`` for an empty secret and ``TypeError`` for a secret that is not
/// ``str``, ``bytes``, ``bytearray`` or ``memoryview``.
#[pyclass(frozen, name = "Signer", module = "chatwoot_identity")]
pub(crate) struct PySigner(pub(crate) Signer);

#[pymethods]
impl PySigner {
    #[new]
    fn new(secret: &Bound<'_, PyAny>) -> PyResult<Self> {
        let bytes = arguments::secret(secret)?;
        Signer::new(bytes).map(PySigner).or_raise(secret.py())
    }

    /// The ``identifier_hash`` Chatwoot expects for ``identifier``: 64 lowercase hex characters.
    ///
    /// ``identifier`` is ``str`` (hashed as UTF-8, exactly as given), ``bytes``-like, or ``int``
    /// (hashed as its decimal text, as Chatwoot's server does).
    fn identifier_hash<'py>(
        &self,
        identifier: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyString>> {
        let py = identifier.py();
        let bytes = arguments::identifier(identifier.as_borrowed(), &"identifier")?;
        // One hash takes less time than releasing and re-taking the GIL, so it runs attached.
        let hash = self.0.identifier_hash(bytes).or_raise(py)?;
        Ok(PyString::new(py, hash.as_str()))
    }

    /// Whether Chatwoot would accept ``identifier_hash`` for ``identifier``.
    ///
    /// Constant-time. Any malformed candidate (uppercase, whitespace, wrong length, ...) is
    /// ``False``, never an error; ``diagnose()`` explains why.
    fn verify(
        &self,
        identifier: &Bound<'_, PyAny>,
        identifier_hash: &Bound<'_, PyAny>,
    ) -> PyResult<bool> {
        let bytes = arguments::identifier(identifier.as_borrowed(), &"identifier")?;
        let candidate = arguments::received(identifier_hash, "identifier_hash")?;
        self.0.verify(bytes, candidate).or_raise(identifier.py())
    }

    /// The ``identifier_hash`` of every identifier of an iterable, as a list in the same order.
    ///
    /// Large batches are hashed on every CPU core while this thread reads the next identifiers
    /// and turns the finished hashes into ``str``; the GIL is released whenever it waits for the
    /// hashing. A ``list`` is read in place: ``RuntimeError`` if another thread changes its
    /// length meanwhile.
    fn identifier_hashes<'py>(
        &self,
        identifiers: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        batch::identifier_hashes(&self.0, identifiers)
    }

    fn __repr__(&self) -> &'static str {
        "<chatwoot_identity.Signer secret=<redacted>>"
    }

    /// Refuses: a pickle would write the HMAC secret into a file or a cache.
    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "cannot pickle a chatwoot_identity.Signer: it would write the inbox's HMAC secret \
             out; pickle where the secret comes from and build a new Signer after loading",
        ))
    }

    /// A ``Signer`` is immutable, so a copy is the same object.
    fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    /// A ``Signer`` is immutable, so a deep copy is the same object.
    fn __deepcopy__<'py>(slf: Bound<'py, Self>, _memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
        slf
    }
}
