//! A request's headers, in whatever container the framework gives them, as the (name, value)
//! pairs the core reads the Chatwoot headers from. Only the container is read here: which
//! names count (any case, the CGI `HTTP_X_CHATWOOT_SIGNATURE` form), repeats and every rule
//! about the values are the core's (`WebhookHeaders::from_pairs`).

use chatwoot_identity::WebhookHeaders;
use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};

use crate::arguments::{self, ArgBytes};
use crate::errors::{type_name, wrong_type};

const HEADER_TYPES: &str = "a mapping (request.headers, request.META, a dict) or an iterable \
                            of (name, value) pairs";

/// Reads the argument `headers`: a `dict`; any object with `items()` (Django's
/// `request.headers`, Starlette's and werkzeug's `Headers`, whose `items()` repeat a name sent
/// twice, `email.message.Message`); or an iterable of pairs (a list, ASGI's `scope["headers"]`).
///
/// Names and values are `str` or `bytes`. A mapping's entries of other types are skipped:
/// `request.META` is the WSGI environment, which also holds `wsgi.input` and the like. In an
/// iterable of pairs every pair must be text.
pub(crate) fn webhook_headers(headers: &Bound<'_, PyAny>) -> PyResult<WebhookHeaders> {
    let pairs = collect(headers)?;
    Ok(WebhookHeaders::from_pairs(
        pairs.iter().map(|(name, value)| (text(name), text(value))),
    ))
}

fn collect<'py>(
    headers: &Bound<'py, PyAny>,
) -> PyResult<Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
    let py = headers.py();
    if headers.is_instance_of::<PyString>()
        || headers.is_instance_of::<PyBytes>()
        || headers.is_instance_of::<PyByteArray>()
    {
        return Err(wrong_type(headers, &"headers", HEADER_TYPES));
    }
    let mut pairs = Vec::new();
    if let Ok(dict) = headers.cast::<PyDict>() {
        for (name, value) in dict.iter() {
            if is_text(&name) && is_text(&value) {
                pairs.push((name, value));
            }
        }
        return Ok(pairs);
    }
    // A list or tuple is pairs; looking up `items` on one would raise (and cost) an error.
    let sequence = headers.is_instance_of::<PyList>() || headers.is_instance_of::<PyTuple>();
    let (items, mapping) = if sequence {
        (headers.clone(), false)
    } else {
        match headers.getattr(intern!(py, "items")) {
            Ok(items) if items.is_callable() => (items.call0()?, true),
            _ => (headers.clone(), false),
        }
    };
    let iterator = items
        .try_iter()
        .map_err(|_| wrong_type(headers, &"headers", HEADER_TYPES))?;
    for (index, item) in iterator.enumerate() {
        let item = item?;
        let Some((name, value)) = pair(&item) else {
            return Err(wrong_type(
                &item,
                &format_args!("headers[{index}]"),
                "a (name, value) pair",
            ));
        };
        if is_text(&name) && is_text(&value) {
            pairs.push((name, value));
        } else if !mapping {
            return Err(PyTypeError::new_err(format!(
                "headers[{index}] must be a pair of str or bytes, not ({}, {})",
                type_name(&name),
                type_name(&value)
            )));
        }
    }
    Ok(pairs)
}

/// The two items of a `tuple` or `list` of length 2.
fn pair<'py>(item: &Bound<'py, PyAny>) -> Option<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    if let Ok(tuple) = item.cast::<PyTuple>() {
        if tuple.len() == 2 {
            return Some((tuple.get_item(0).ok()?, tuple.get_item(1).ok()?));
        }
    } else if let Ok(list) = item.cast::<PyList>() {
        if list.len() == 2 {
            return Some((list.get_item(0).ok()?, list.get_item(1).ok()?));
        }
    }
    None
}

fn is_text(value: &Bound<'_, PyAny>) -> bool {
    value.is_instance_of::<PyString>() || value.is_instance_of::<PyBytes>()
}

/// The bytes of a name or value already checked to be `str` or `bytes`, read as any received
/// value is: only compared and parsed, so a `str` with lone surrogates is read lossily (and
/// fails the rule).
fn text<'a>(value: &'a Bound<'_, PyAny>) -> ArgBytes<'a> {
    arguments::received(value, "headers").unwrap_or(ArgBytes::Borrowed(&[]))
}
