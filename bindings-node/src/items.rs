//! A batch's identifiers, read out of the JavaScript array. Node-API reads an array one
//! element per call (`napi_get_element` alone costs about a third of reading an identifier),
//! but hands over all of a call's arguments at once. So `index.js`'s `readItems` applies
//! `push` (made once, by `itemPusher`, when `index.js` loads) to the array a chunk at a time,
//! and `push` copies its arguments onto the round being read.

use std::cell::Cell;
use std::ops::Range;
use std::panic::{self, AssertUnwindSafe};
use std::ptr;

use chatwoot_identity::CopiedIdentifiers;
use napi::bindgen_prelude::Unknown;
use napi::{Env, JsError, sys};
use napi_derive::napi;

use crate::argument::{self, Parameter, Scratch};
use crate::{errors, js};

/// `push`, for `index.js` to keep. One per module load: a function made per batch would leave
/// a Node-API reference to finalize each time, and Node finalizes them only between turns of
/// the event loop.
#[napi(js_name = "itemPusher", skip_typescript)]
pub fn item_pusher(env: &Env) -> napi::Result<Unknown<'_>> {
    let mut function = ptr::null_mut();
    // SAFETY: `env` is this call's, and the name 4 bytes of UTF-8.
    unsafe {
        let (env, name) = (env.raw(), c"push".as_ptr());
        let data = ptr::null_mut();
        errors::check(sys::napi_create_function(
            env,
            name,
            4,
            Some(push),
            data,
            &mut function,
        ))?;
        Ok(Unknown::from_raw_unchecked(env, function))
    }
}

/// The array a batch call was given, and `index.js`'s `readItems`
/// (`(identifiers, start, end) => void`), which hands its items to `push`.
pub(crate) struct ItemReader {
    pub(crate) array: sys::napi_value,
    pub(crate) read_items: sys::napi_value,
}

impl ItemReader {
    /// Pushes the identifiers at `positions` of the array onto `round`, in order; a bad item is
    /// thrown as `identifiers[N]`, N its place in the whole array.
    ///
    /// # Safety
    /// `env` and the reader's values must come from the current napi call.
    pub(crate) unsafe fn read(
        &self,
        env: sys::napi_env,
        positions: Range<usize>,
        round: &mut CopiedIdentifiers,
    ) -> napi::Result<()> {
        let end = positions.end;
        let mut reading = Reading {
            round,
            next: positions.start,
            end,
            arguments: Vec::new(),
            scratch: Scratch::new(),
        };
        // Current until `readItems` returns, then the one before again: a batch started by a
        // getter of this array reads its own items, and this one carries on after it. The
        // lifetime is erased for the thread-local only, which is restored before `reading` ends.
        let previous = CURRENT.replace(ptr::from_mut(&mut reading).cast());
        // SAFETY: forwarded from the caller; an array's length is below 2^32, so the positions
        // are exact as doubles.
        let called = unsafe {
            js::in_handle_scope(env, || {
                let start = js::create_number(env, positions.start as f64)?;
                let end = js::create_number(env, end as f64)?;
                js::call(env, self.read_items, &[self.array, start, end]).map(drop)
            })
        };
        CURRENT.set(previous);
        called?;
        match reading.next == end {
            true => Ok(()),
            // Only code run by reading the array (a getter of one of its elements) can shrink it.
            false => Err(napi::Error::from_reason(
                "identifiers changed size during the batch; pass a copy if reading its items \
                 can change it",
            )),
        }
    }
}

/// The round `push` adds to, and where in the whole array its next item is.
struct Reading<'round> {
    round: &'round mut CopiedIdentifiers,
    next: usize,
    end: usize,
    arguments: Vec<sys::napi_value>,
    scratch: Scratch,
}

thread_local! {
    /// The reading under way on this thread (each Node.js thread has its own environment), or
    /// null, when `push` throws: only `readItems` calls it, inside a batch's `read`.
    static CURRENT: Cell<*mut Reading<'static>> = const { Cell::new(ptr::null_mut()) };
}

impl Reading<'_> {
    /// Copies every argument of the current `push` call onto the round.
    ///
    /// # Safety
    /// `env` and `info` must be those of the current `push` call.
    unsafe fn push(
        &mut self,
        env: sys::napi_env,
        info: sys::napi_callback_info,
    ) -> napi::Result<()> {
        let (no_this, no_data) = (ptr::null_mut(), ptr::null_mut());
        let mut count = 0;
        // SAFETY: forwarded from the caller; the first call only counts the arguments, and the
        // second writes at most `count` of them, the room it is given.
        errors::check(unsafe {
            sys::napi_get_cb_info(env, info, &mut count, ptr::null_mut(), no_this, no_data)
        })?;
        if count > self.end - self.next {
            return Err(napi::Error::from_reason(
                "identifiers: more items than the batch has",
            ));
        }
        self.arguments.resize(count, ptr::null_mut());
        let room = self.arguments.as_mut_ptr();
        errors::check(unsafe {
            sys::napi_get_cb_info(env, info, &mut count, room, no_this, no_data)
        })?;
        for &item in &self.arguments {
            let param = Parameter::BatchItem(self.next);
            // SAFETY: `item` is an argument of the current call; its bytes are copied at once.
            let bytes = unsafe { argument::identifier(env, item, param, &mut self.scratch)? };
            self.round.push(bytes.as_ref());
            self.next += 1;
        }
        Ok(())
    }
}

/// `push(...items)`: copies the items onto the current round, or throws. Node calls it
/// directly, not through napi-rs's wrapper, so it keeps a panic from crossing into Node.
unsafe extern "C" fn push(env: sys::napi_env, info: sys::napi_callback_info) -> sys::napi_value {
    let pushed = panic::catch_unwind(AssertUnwindSafe(|| {
        let reading = CURRENT.get();
        if reading.is_null() {
            return Err(napi::Error::from_reason(
                "identifiers: push was called outside a batch",
            ));
        }
        // SAFETY: a non-null pointer is the reading of the `read` under way on this thread,
        // whose own code does not touch it while JavaScript runs `push`.
        unsafe { (*reading).push(env, info) }
    }));
    let error = match pushed {
        Ok(Ok(())) => return ptr::null_mut(),
        Ok(Err(error)) => error,
        Err(_) => napi::Error::from_reason("identifiers: reading the batch failed (a bug)"),
    };
    // SAFETY: `env` is this call's. The throw itself only asserts that Node-API answers.
    let _ = panic::catch_unwind(|| unsafe { JsError::from(error).throw_into(env) });
    ptr::null_mut()
}
