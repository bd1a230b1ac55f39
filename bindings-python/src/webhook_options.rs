//! The keyword options of the webhook functions: where the two signed header values come from
//! (`headers`, or `signature` and `timestamp`), and the numbers and flags.

use chatwoot_identity::{DEFAULT_TOLERANCE_SECONDS, SignedHeaders, WebhookVerifier};
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyInt};

use crate::arguments::{self, ArgBytes};
use crate::errors::{OrRaise, wrong_type};
use crate::webhook_headers::webhook_headers;

/// `headers=`, or `signature=` and `timestamp=`; giving both forms is a usage error. An absent
/// value (`None`) is empty, which the core reports as missing.
pub(crate) fn signed_headers<'a>(
    headers: Option<&'a Bound<'_, PyAny>>,
    signature: Option<&'a Bound<'_, PyAny>>,
    timestamp: Option<&'a Bound<'_, PyAny>>,
) -> PyResult<SignedHeaders<ArgBytes<'a>>> {
    if let Some(headers) = headers {
        if signature.is_some() || timestamp.is_some() {
            return Err(PyTypeError::new_err(
                "pass either headers= (the request's headers) or signature= and timestamp= \
                 (the two header values), not both",
            ));
        }
        return Ok(SignedHeaders::Headers(webhook_headers(headers)?));
    }
    let value = |value: Option<&'a Bound<'_, PyAny>>, param| match value {
        Some(value) => arguments::received(value, param),
        None => Ok(ArgBytes::Borrowed(&[])),
    };
    Ok(SignedHeaders::Values {
        signature: value(signature, "signature")?,
        timestamp: value(timestamp, "timestamp")?,
    })
}

/// A number of seconds (`now`, `tolerance`, a timestamp to sign): an `int` from 0 to 2**64 - 1.
pub(crate) fn seconds(value: &Bound<'_, PyAny>, param: &'static str) -> PyResult<u64> {
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(wrong_type(value, &param, "an int (whole seconds)"));
    }
    if let Ok(seconds) = value.extract::<u64>() {
        return Ok(seconds);
    }
    if value.lt(0)? {
        Err(PyValueError::new_err(format!(
            "{param} must be 0 or more seconds, not a negative int"
        )))
    } else {
        Err(PyOverflowError::new_err(format!(
            "{param} is beyond the 64-bit range of seconds this library takes"
        )))
    }
}

/// `now`, or the system clock when it is `None`.
pub(crate) fn now(value: Option<&Bound<'_, PyAny>>) -> PyResult<u64> {
    value.map_or_else(|| Ok(chatwoot_identity::unix_now()), |v| seconds(v, "now"))
}

/// The age-check options as given: the tolerance in seconds and whether to check at all.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct AgeCheck {
    pub(crate) tolerance: u64,
    pub(crate) check_age: bool,
}

impl AgeCheck {
    pub(crate) fn read(
        tolerance: Option<&Bound<'_, PyAny>>,
        check_age: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let tolerance = tolerance
            .map(|value| seconds(value, "tolerance"))
            .transpose()?
            .unwrap_or(DEFAULT_TOLERANCE_SECONDS);
        let check_age = match check_age {
            None => true,
            Some(value) => value
                .cast::<PyBool>()
                .map_err(|_| wrong_type(value, &"check_age", "bool"))?
                .is_true(),
        };
        Ok(AgeCheck {
            tolerance,
            check_age,
        })
    }

    /// The core verifier for `secret` with these options.
    pub(crate) fn verifier(self, secret: &Bound<'_, PyAny>) -> PyResult<WebhookVerifier> {
        let bytes = arguments::secret(secret)?;
        let verifier = WebhookVerifier::new(bytes).or_raise(secret.py())?;
        Ok(if self.check_age {
            verifier.with_tolerance(self.tolerance)
        } else {
            verifier.without_age_check()
        })
    }
}
