//! The C ABI of chatwoot-identity: `libchatwoot_identity.so` / `.a` and the header
//! `include/chatwoot_identity.h`, generated from these files by cbindgen.
//!
//! The conventions (statuses, `(ptr, len)` inputs, caller buffers, the thread's last error,
//! panic guards) are written at the top of the header, where C programmers read them. Every
//! function here only converts arguments, calls the core crate and reports its errors.

// Items carry the names C sees, so cbindgen needs no renaming table.
#![allow(non_camel_case_types)]

mod code_texts;
mod diagnose;
mod guard;
mod handle;
mod integer;
mod last_error;
mod oneshot;
mod output;
mod page;
mod signer;
mod slices;
mod status;
mod status_table;
mod version;
mod webhook;
mod widget;

pub use diagnose::*;
pub use integer::*;
pub use last_error::*;
pub use oneshot::*;
pub use output::{CHATWOOT_IDENTITY_HASH_BUFFER_LEN, CHATWOOT_IDENTITY_HASH_LEN};
pub use page::*;
pub use signer::*;
pub use status::*;
pub use status_table::chatwoot_identity_status;
pub use version::*;
pub use webhook::*;
pub use widget::*;
