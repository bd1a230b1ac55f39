//! The thread's last error, as errno and libgit2's `git_error_last` keep theirs: every fallible
//! function sets it when it fails and clears it when it succeeds, so it always describes the
//! calling thread's most recent fallible call. The status says what kind of failure it was; the
//! message says exactly what (`settings.position: unknown variant ...`).

use std::cell::Cell;
use std::ffi::c_char;

use crate::guard::guard;
use crate::output::SizedOut;
use crate::status::{Failure, interface_message};
use crate::status_table::chatwoot_identity_status;
use chatwoot_identity_status as Status;

thread_local! {
    /// The last failure's message, and whether a value of the wrong type caused it.
    static LAST: Cell<Option<(String, bool)>> = const { Cell::new(None) };
}

/// Keeps the message of `result` (none for a success) as the thread's last error; its status.
pub(crate) fn record(result: Result<(), Failure>) -> Status {
    let (status, last) = match result {
        Ok(()) => (Status::CHATWOOT_IDENTITY_OK, None),
        Err(Failure::Core(error)) => {
            let last = (error.to_string(), error.is_wrong_type());
            (error.code().into(), Some(last))
        }
        Err(Failure::Interface(status)) => {
            let message = interface_message(status as u32).to_string_lossy();
            (status, Some((message.into_owned(), false)))
        }
    };
    // While a thread is torn down its slot may be gone; the status still tells.
    let _ = LAST.try_with(|slot| slot.replace(last));
    status
}

/// Runs `read` on the thread's last error without changing it.
fn peek<T>(read: impl FnOnce(Option<&(String, bool)>) -> T) -> T {
    let last = LAST.try_with(Cell::take).ok().flatten();
    let value = read(last.as_ref());
    let _ = LAST.try_with(|slot| slot.set(last));
    value
}

/// Writes the message of the calling thread's most recent fallible call, when it failed, and a
/// NUL to `(out, out_len, needed)` as chatwoot_identity_widget_script writes text: "" (size 1)
/// after a success. The message is the core's own, the same every chatwoot-identity binding
/// shows: it names the argument or the path at fault (`user.custom_attributes.plan: ...`) and
/// never contains a secret or an identifier.
///
/// This function leaves the last error as it is, its own CHATWOOT_IDENTITY_BUFFER_TOO_SMALL
/// included, so a caller can ask for the size first and then for the text.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_last_error_message(
    out: *mut c_char,
    out_len: usize,
    needed: *mut usize,
) -> chatwoot_identity_status {
    guard(|| {
        let written = SizedOut::new(out, out_len, needed).and_then(|out| {
            // SAFETY: forwarded from this function's contract.
            peek(|last| unsafe { out.write(last.map_or("", |(message, _)| message)) })
        });
        written.err().unwrap_or(Status::CHATWOOT_IDENTITY_OK)
    })
}

/// Whether the calling thread's most recent fallible call failed because a structured input
/// held a value of the wrong type (a number where text belongs), for hosts that raise their
/// wrong-type class (a TypeError) then. False after a success.
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_last_error_is_wrong_type() -> bool {
    guard(|| peek(|last| last.is_some_and(|(_, wrong_type)| *wrong_type)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guard::guard_status;

    #[test]
    fn a_panic_becomes_the_panic_status_and_its_message() {
        let status = guard_status(|| panic!("simulated bug"));
        assert_eq!(status, Status::CHATWOOT_IDENTITY_PANIC);
        let mut text = [0u8; 128];
        let null = std::ptr::null_mut();
        let read =
            unsafe { chatwoot_identity_last_error_message(text.as_mut_ptr().cast(), 128, null) };
        assert_eq!(read, Status::CHATWOOT_IDENTITY_OK);
        let text = std::ffi::CStr::from_bytes_until_nul(&text).unwrap();
        assert!(text.to_str().unwrap().contains("panicked"), "{text:?}");
    }
}
