//! A request's headers, in any of the shapes Node code holds them, as the (name, value) pairs
//! the core reads. Every pair goes to the core, which matches the names (ignoring case) and
//! refuses a signed header sent twice; nothing here looks at a name.
//!
//! The shapes: Node's `req.headers` or any plain object (a value may be a string, an array of
//! strings, one pair each, or `undefined`, skipped); `req.rawHeaders`, a flat array of names
//! and values; an array of `[name, value]` pairs; and any other iterable of pairs, read with
//! `Array.from` (a Fetch `Headers`, a `Map`).

use std::ops::Range;

use chatwoot_identity::WebhookHeaders;
use napi::sys;

use crate::{errors, js};

pub(crate) const HEADERS: &str = "options.headers";
const HEADERS_TYPES: &str =
    "req.headers, a Headers object, a Map, an array of [name, value] pairs or req.rawHeaders";
const VALUE_TYPES: &str = "a string or an array of strings";

/// Room first offered for one string: header names and values are short.
const FIRST_TRY: usize = 128;

/// The text of every pair, back to back, and where each name and value lies in it.
#[derive(Default)]
struct Pairs {
    text: Vec<u8>,
    ranges: Vec<(Range<usize>, Range<usize>)>,
}

impl Pairs {
    fn headers(&self) -> WebhookHeaders {
        WebhookHeaders::from_pairs(
            self.ranges
                .iter()
                .map(|(name, value)| (&self.text[name.clone()], &self.text[value.clone()])),
        )
    }

    /// Appends the UTF-8 text of a string, or fails naming `param`.
    ///
    /// # Safety
    /// `env` and `value` must come from the current napi call.
    unsafe fn push_text(
        &mut self,
        env: sys::napi_env,
        value: sys::napi_value,
        param: impl FnOnce() -> String,
        expected: &str,
    ) -> napi::Result<Range<usize>> {
        // SAFETY: forwarded from the caller.
        if unsafe { js::type_of(env, value)? } != sys::ValueType::napi_string {
            return Err(errors::wrong_type(env, param(), expected));
        }
        let start = self.text.len();
        self.text.reserve(FIRST_TRY);
        // SAFETY: `value` is a string of this call.
        unsafe { js::append_utf8(env, value, &mut self.text)? };
        Ok(start..self.text.len())
    }

    /// One header: a string value is one pair, an array of strings one pair per element.
    ///
    /// # Safety
    /// As [`push_text`](Self::push_text).
    unsafe fn push_header(
        &mut self,
        env: sys::napi_env,
        name: Range<usize>,
        value: sys::napi_value,
        param: &dyn Fn() -> String,
    ) -> napi::Result<()> {
        // SAFETY: forwarded from the caller.
        if unsafe { js::is_array(env, value)? } {
            // SAFETY: an array of this call.
            for index in 0..unsafe { js::array_length(env, value)? } {
                let element = unsafe { js::element(env, value, index)? };
                let value = unsafe {
                    self.push_text(env, element, || format!("{}[{index}]", param()), "a string")?
                };
                self.ranges.push((name.clone(), value));
            }
            return Ok(());
        }
        // SAFETY: forwarded from the caller.
        let value = unsafe { self.push_text(env, value, param, VALUE_TYPES)? };
        self.ranges.push((name, value));
        Ok(())
    }
}

/// Reads `options.headers` into the core's headers.
///
/// # Safety
/// `env` and `value` must come from the current napi call.
pub(crate) unsafe fn read(
    env: sys::napi_env,
    value: sys::napi_value,
) -> napi::Result<WebhookHeaders> {
    let mut pairs = Pairs::default();
    // SAFETY: forwarded from the caller, as in every call below.
    unsafe {
        if js::type_of(env, value)? != sys::ValueType::napi_object {
            return Err(errors::wrong_type(env, HEADERS, HEADERS_TYPES));
        }
        if js::is_array(env, value)? {
            read_array(env, value, HEADERS, &mut pairs)?;
        } else if let Some(entries) = iterable_entries(env, value)? {
            read_array(env, entries, HEADERS, &mut pairs)?;
        } else {
            read_object(env, value, &mut pairs)?;
        }
    }
    Ok(pairs.headers())
}

/// An array of `[name, value]` pairs, or a flat `[name, value, name, value, ...]` list (what
/// Node's `req.rawHeaders` is), told apart by the first element.
unsafe fn read_array(
    env: sys::napi_env,
    array: sys::napi_value,
    param: &str,
    pairs: &mut Pairs,
) -> napi::Result<()> {
    // SAFETY: forwarded from the caller, as in every call below.
    unsafe {
        let len = js::array_length(env, array)?;
        if len == 0 {
            return Ok(());
        }
        let first = js::element(env, array, 0)?;
        if js::type_of(env, first)? == sys::ValueType::napi_string {
            if len % 2 != 0 {
                return Err(errors::wrong_type(
                    env,
                    param,
                    "a flat list of names and values (req.rawHeaders) of even length",
                ));
            }
            for index in (0..len).step_by(2) {
                let at = |i: u32| move || format!("{param}[{i}]");
                let name = js::element(env, array, index)?;
                let name = pairs.push_text(env, name, at(index), "a string")?;
                let value = js::element(env, array, index + 1)?;
                let value = pairs.push_text(env, value, at(index + 1), "a string")?;
                pairs.ranges.push((name, value));
            }
            return Ok(());
        }
        for index in 0..len {
            let pair = js::element(env, array, index)?;
            let at = || format!("{param}[{index}]");
            if !js::is_array(env, pair)? || js::array_length(env, pair)? != 2 {
                return Err(errors::wrong_type(env, at(), "a [name, value] pair"));
            }
            let name = js::element(env, pair, 0)?;
            let name = pairs.push_text(env, name, || format!("{}[0]", at()), "a string")?;
            let value = js::element(env, pair, 1)?;
            pairs.push_header(env, name, value, &|| format!("{}[1]", at()))?;
        }
    }
    Ok(())
}

/// A plain object's own enumerable string keys and their values, as `req.headers` is.
unsafe fn read_object(
    env: sys::napi_env,
    object: sys::napi_value,
    pairs: &mut Pairs,
) -> napi::Result<()> {
    let mut keys = std::ptr::null_mut();
    // SAFETY: forwarded from the caller, as in every call below.
    unsafe {
        errors::check(sys::napi_get_all_property_names(
            env,
            object,
            sys::KeyCollectionMode::own_only,
            sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
            sys::KeyConversion::numbers_to_strings,
            &mut keys,
        ))?;
        for index in 0..js::array_length(env, keys)? {
            let key = js::element(env, keys, index)?;
            let value = js::get(env, object, key)?;
            if js::type_of(env, value)? == sys::ValueType::napi_undefined {
                continue;
            }
            let name = pairs.push_text(
                env,
                key,
                || HEADERS.to_owned(),
                "an object with string keys",
            )?;
            let shown = String::from_utf8_lossy(&pairs.text[name.clone()]).into_owned();
            pairs.push_header(env, name, value, &|| format!("{HEADERS}[{shown:?}]"))?;
        }
    }
    Ok(())
}

/// `Array.from(value)` when `value` is iterable (a Fetch `Headers`, a `Map`, ...), else `None`.
unsafe fn iterable_entries(
    env: sys::napi_env,
    value: sys::napi_value,
) -> napi::Result<Option<sys::napi_value>> {
    let mut global = std::ptr::null_mut();
    // SAFETY: forwarded from the caller, as in every call below.
    unsafe {
        errors::check(sys::napi_get_global(env, &mut global))?;
        let symbol = js::property(env, global, c"Symbol")?;
        let iterator = js::property(env, symbol, c"iterator")?;
        if js::type_of(env, js::get(env, value, iterator)?)? != sys::ValueType::napi_function {
            return Ok(None);
        }
        let array = js::property(env, global, c"Array")?;
        let from = js::property(env, array, c"from")?;
        js::call(env, array, from, value).map(Some)
    }
}
