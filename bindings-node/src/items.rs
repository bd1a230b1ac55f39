//! A batch's identifiers, read out of the JavaScript array. Node-API reads an array one
//! element per call (`napi_get_element` alone costs about a third of reading an identifier),
//! but hands over all of a call's arguments at once. So `index.js`'s `readItems` spreads the
//! array, a chunk at a time, into calls of `push` (made once, by `itemPusher`, when `index.js`
//! loads), and `push` copies its arguments into the round being read.

use std::cell::Cell;
use std::marker::PhantomData;
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
    let mut push = ptr::null_mut();
    // SAFETY: `env` is this call's; the name is 4 bytes of UTF-8, and `push_arguments` reads
    // only what `read` makes current.
    unsafe {
        errors::check(sys::napi_create_function(
            env.raw(),
            c"push".as_ptr(),
            4,
            Some(push_arguments),
            ptr::null_mut(),
            &mut push,
        ))?;
        Ok(Unknown::from_raw_unchecked(env.raw(), push))
    }
}

/// The array a batch call was given, and `index.js`'s `readItems`, which reads it through
/// `push` (`(identifiers, start, end) => void`).
pub(crate) struct ItemReader {
    array: sys::napi_value,
    read_items: sys::napi_value,
}

impl ItemReader {
    /// A reader of `array` through `read_items`; it must not outlive the current napi call.
    pub(crate) fn new(array: sys::napi_value, read_items: sys::napi_value) -> Self {
        ItemReader { array, read_items }
    }

    /// Pushes the identifiers at `positions` of the array onto `round`, in order; a bad item is
    /// thrown as `identifiers[N]`, N its place in the whole array.
    ///
    /// # Safety
    /// `env` must be the environment the reader was made in, during the same call.
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
        {
            let _current = Current::set(&mut reading);
            // SAFETY: forwarded from the caller; an array's length is below 2^32, so the
            // positions fit a double exactly.
            unsafe {
                js::in_handle_scope(env, || {
                    let start = js::create_number(env, positions.start as f64)?;
                    let end = js::create_number(env, end as f64)?;
                    let arguments = [self.array, start, end];
                    js::call(env, self.read_items, &arguments).map(drop)
                })?;
            }
        }
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

/// The round a `push` call adds to, and where in the whole array its next item is.
struct Reading<'round> {
    round: &'round mut CopiedIdentifiers,
    next: usize,
    end: usize,
    arguments: Vec<sys::napi_value>,
    scratch: Scratch,
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
        let mut count = 0;
        // SAFETY: forwarded from the caller; this only counts the arguments.
        errors::check(unsafe {
            sys::napi_get_cb_info(
                env,
                info,
                &mut count,
                ptr::null_mut(),
                ptr::null_mut(),
                ptr::null_mut(),
            )
        })?;
        if count > self.end - self.next {
            return Err(napi::Error::from_reason(
                "identifiers: more items were pushed than the batch has",
            ));
        }
        self.arguments.resize(count, ptr::null_mut());
        // SAFETY: forwarded from the caller; Node writes at most `count` arguments, the room.
        errors::check(unsafe {
            sys::napi_get_cb_info(
                env,
                info,
                &mut count,
                self.arguments.as_mut_ptr(),
                ptr::null_mut(),
                ptr::null_mut(),
            )
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

thread_local! {
    /// The reading under way on this thread (each Node.js thread has its own environment), or
    /// null, when `push` throws: it is called only from inside a batch's `read`.
    static CURRENT: Cell<*mut Reading<'static>> = const { Cell::new(ptr::null_mut()) };
}

/// Makes a reading the current one for as long as it lives (and borrows the reading for that
/// long), then restores the one before: a batch started by a getter of another batch's array
/// reads its own items, and the outer one carries on after it.
struct Current<'reading> {
    previous: *mut Reading<'static>,
    _reading: PhantomData<&'reading mut ()>,
}

impl<'reading> Current<'reading> {
    fn set(reading: &'reading mut Reading<'_>) -> Self {
        // The lifetime is erased only for the thread-local, which this guard clears before
        // the borrow ends.
        let reading = ptr::from_mut(reading).cast::<Reading<'static>>();
        Current {
            previous: CURRENT.replace(reading),
            _reading: PhantomData,
        }
    }
}

impl Drop for Current<'_> {
    fn drop(&mut self) {
        CURRENT.set(self.previous);
    }
}

/// `push(...items)`, called by `readItems`: copies the items onto the current round, or throws.
/// Node calls it directly, not through napi-rs's wrapper, so it keeps a panic from crossing
/// into Node itself.
unsafe extern "C" fn push_arguments(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    let pushed = panic::catch_unwind(AssertUnwindSafe(|| {
        let reading = CURRENT.get();
        if reading.is_null() {
            return Err(napi::Error::from_reason(
                "identifiers: push was called outside its batch",
            ));
        }
        // SAFETY: a non-null pointer is the reading of the `read` call under way on this
        // thread, whose own code is not using it while JavaScript runs `push`.
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
