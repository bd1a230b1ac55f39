//! The C entry points with arbitrary bytes, lengths, NULL pointers and buffer sizes, called
//! exactly as C would. Within the documented contract (a NULL pointer may come with any length;
//! buffers are as large as their length says) the library must never panic, must return a
//! status it documents, must write nothing on failure, must leave a message as the thread's last
//! error, and must agree with the core on success.
#![no_main]
// The C names are kept as C sees them, as in the library itself.
#![allow(non_camel_case_types, dead_code)]

// The C binding's modules, compiled into this target as they are into the library: linking the
// library itself would bring a second Rust runtime into a Rust binary.
extern crate chatwoot_identity as identity;
#[path = "../../bindings-c/src/code_texts.rs"]
mod code_texts;
#[path = "../../bindings-c/src/diagnose.rs"]
mod diagnose;
#[path = "../../bindings-c/src/guard.rs"]
mod guard;
#[path = "../../bindings-c/src/handle.rs"]
mod handle;
#[path = "../../bindings-c/src/integer.rs"]
mod integer;
#[path = "../../bindings-c/src/last_error.rs"]
mod last_error;
#[path = "../../bindings-c/src/oneshot.rs"]
mod oneshot;
#[path = "../../bindings-c/src/output.rs"]
mod output;
#[path = "../../bindings-c/src/page.rs"]
mod page;
#[path = "../../bindings-c/src/signer.rs"]
mod signer;
#[path = "../../bindings-c/src/slices.rs"]
mod slices;
#[path = "../../bindings-c/src/status.rs"]
mod status;
#[path = "../../bindings-c/src/status_table.rs"]
mod status_table;
#[path = "../../bindings-c/src/version.rs"]
mod version;
#[path = "../../bindings-c/src/webhook.rs"]
mod webhook;
#[path = "../../bindings-c/src/widget.rs"]
mod widget;

use std::ptr;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use status_table::chatwoot_identity_status as Status;

#[derive(Arbitrary, Debug)]
enum Call<'a> {
    Hash {
        secret: Option<&'a [u8]>,
        identifier: Option<&'a [u8]>,
        out_len: u8,
    },
    Verify {
        secret: Option<&'a [u8]>,
        identifier: Option<&'a [u8]>,
        candidate: Option<&'a [u8]>,
    },
    Signer {
        secret: Option<&'a [u8]>,
        identifiers: Vec<&'a [u8]>,
        out_len: u16,
    },
    Diagnose {
        secret: &'a [u8],
        identifier: &'a [u8],
        candidate: Option<&'a [u8]>,
    },
    /// chatwoot_identity_widget_script, with a request document.
    Widget(WidgetCall<'a>),
    /// chatwoot_identity_set_user_payload, with a user document.
    Payload(WidgetCall<'a>),
    Reset {
        nonce: Option<&'a [u8]>,
        out_len: u16,
    },
    Webhook {
        secret: Option<&'a [u8]>,
        body: Option<&'a [u8]>,
        signature: Option<&'a [u8]>,
        timestamp: Option<&'a [u8]>,
        now: u64,
        tolerance: u64,
        check_age: bool,
        /// Send the right signature and this timestamp instead, with `now` this many seconds
        /// later, to reach the success path and the age check.
        signed: Option<(u64, i16)>,
    },
    WebhookHeaders {
        secret: &'a [u8],
        body: &'a [u8],
        headers: Vec<(&'a [u8], &'a [u8])>,
        /// Add the right X-Chatwoot-Signature and X-Chatwoot-Timestamp to the headers, and
        /// take `now` this many seconds after that timestamp.
        signed: Option<(u64, i16)>,
        now: u64,
        identity_hmac_token: Option<&'a [u8]>,
    },
}

/// The arguments of a widget function: the secret of the signer it gets (NULL without one, or
/// when the core refuses the secret), its JSON document, and the size of the out buffer.
#[derive(Arbitrary, Debug)]
struct WidgetCall<'a> {
    secret: Option<&'a [u8]>,
    json: Option<&'a [u8]>,
    out_len: u16,
}

/// What every widget function takes: a signer, a JSON document, and text out as
/// [`sized_text`] gives it.
type WidgetFunction = unsafe extern "C" fn(
    *const signer::chatwoot_identity_signer,
    *const u8,
    usize,
    *mut std::ffi::c_char,
    usize,
    *mut usize,
) -> Status;

impl WidgetCall<'_> {
    /// Calls `function` as C would, checked as [`sized_text`] checks.
    fn check(&self, function: WidgetFunction) {
        let signer = self
            .secret
            .and_then(|s| identity::Signer::new(s).ok())
            .map(|inner| signer::chatwoot_identity_signer { inner });
        let s = signer.as_ref().map_or(ptr::null(), ptr::from_ref);
        let (j, jl) = pointer(self.json, 0);
        // SAFETY: `s` is NULL or the live signer above, `(j, jl)` a value C may pass, and
        // sized_text's buffers are as large as their lengths say.
        sized_text(self.out_len, |o, ol, n| unsafe {
            function(s, j, jl, o, ol, n)
        });
    }
}

/// A value C may pass: the bytes, or NULL with a length that may even be non-zero.
fn pointer(value: Option<&[u8]>, null_len: usize) -> (*const u8, usize) {
    match value {
        Some(bytes) => (bytes.as_ptr(), bytes.len()),
        None => (ptr::null(), null_len),
    }
}

const SENTINEL: u8 = 0xA5;

/// Calls `f` with a sentinel-filled buffer of `len` bytes; on failure nothing may be written.
fn with_buffer(
    len: usize,
    f: impl FnOnce(*mut std::ffi::c_char, usize) -> Status,
) -> (Status, Vec<u8>) {
    let mut buffer = vec![SENTINEL; len];
    let status = f(buffer.as_mut_ptr().cast(), len);
    assert_ne!(
        status,
        Status::CHATWOOT_IDENTITY_PANIC,
        "the library panicked"
    );
    if status != Status::CHATWOOT_IDENTITY_OK {
        assert!(
            buffer.iter().all(|&b| b == SENTINEL),
            "{status:?} wrote to the buffer"
        );
    }
    (status, buffer)
}

fn c_text(buffer: &[u8]) -> &[u8] {
    let end = buffer.iter().position(|&b| b == 0).expect("NUL-terminated");
    &buffer[..end]
}

fuzz_target!(|call: Call| unsafe {
    match call {
        Call::Hash {
            secret,
            identifier,
            out_len,
        } => {
            let ((s, sl), (i, il)) = (pointer(secret, 3), pointer(identifier, 0));
            let (status, out) = with_buffer(out_len.into(), |o, ol| {
                oneshot::chatwoot_identity_identifier_hash(s, sl, i, il, o, ol)
            });
            if status == Status::CHATWOOT_IDENTITY_OK {
                let expected =
                    identity::identifier_hash(secret.unwrap(), identifier.unwrap_or_default())
                        .unwrap();
                assert_eq!(c_text(&out), expected.as_bytes());
            }
        }
        Call::Verify {
            secret,
            identifier,
            candidate,
        } => {
            let ((s, sl), (i, il), (c, cl)) = (
                pointer(secret, 0),
                pointer(identifier, 5),
                pointer(candidate, 0),
            );
            let mut verified = true;
            let status = oneshot::chatwoot_identity_verify(s, sl, i, il, c, cl, &mut verified);
            assert_ne!(status, Status::CHATWOOT_IDENTITY_PANIC);
            if status == Status::CHATWOOT_IDENTITY_OK {
                let expected = identity::verify(
                    secret.unwrap_or_default(),
                    identifier.unwrap(),
                    candidate.unwrap_or_default(),
                );
                assert_eq!(Ok(verified), expected);
            }
        }
        Call::Signer {
            secret,
            identifiers,
            out_len,
        } => {
            let (s, sl) = pointer(secret, 0);
            let mut handle = ptr::null_mut();
            let status = signer::chatwoot_identity_signer_new(s, sl, &mut handle);
            assert_ne!(status, Status::CHATWOOT_IDENTITY_PANIC);
            if status != Status::CHATWOOT_IDENTITY_OK {
                assert!(handle.is_null(), "a failed signer_new wrote its output");
                return;
            }
            let data: Vec<u8> = identifiers.concat();
            let lengths: Vec<usize> = identifiers.iter().map(|i| i.len()).collect();
            let (status, out) = with_buffer(out_len.into(), |o, ol| {
                signer::chatwoot_identity_signer_identifier_hashes(
                    handle,
                    data.as_ptr(),
                    data.len(),
                    lengths.as_ptr(),
                    lengths.len(),
                    o,
                    ol,
                )
            });
            if status == Status::CHATWOOT_IDENTITY_EMPTY_IDENTIFIER {
                let first = identifiers.iter().position(|i| i.is_empty()).unwrap();
                assert!(last_message().starts_with(&format!("identifiers[{first}] ")));
            }
            if status == Status::CHATWOOT_IDENTITY_OK {
                let prepared = identity::Signer::new(secret.unwrap()).unwrap();
                for (index, identifier) in identifiers.iter().enumerate() {
                    let expected = prepared.identifier_hash(identifier).unwrap();
                    assert_eq!(&out[index * 64..index * 64 + 64], expected.as_bytes());
                }
            }
            signer::chatwoot_identity_signer_free(handle);
        }
        Call::Diagnose {
            secret,
            identifier,
            candidate,
        } => {
            let (c, cl) = pointer(candidate, 2);
            let (mut verified, mut findings) = (false, 0u32);
            let status = diagnose::chatwoot_identity_diagnose(
                secret.as_ptr(),
                secret.len(),
                identifier.as_ptr(),
                identifier.len(),
                c,
                cl,
                &mut verified,
                &mut findings,
            );
            assert_ne!(status, Status::CHATWOOT_IDENTITY_PANIC);
            if status == Status::CHATWOOT_IDENTITY_OK {
                let expected =
                    identity::diagnose(secret, identifier, candidate.unwrap_or_default()).unwrap();
                assert_eq!((verified, findings), (expected.verified, expected.mask()));
            }
        }
        Call::Widget(call) => call.check(widget::chatwoot_identity_widget_script),
        Call::Payload(call) => call.check(widget::chatwoot_identity_set_user_payload),
        Call::Webhook {
            secret,
            body,
            signature,
            timestamp,
            now,
            tolerance,
            check_age,
            signed,
        } => {
            let (right, digits);
            let (mut signature, mut timestamp, mut now) = (signature, timestamp, now);
            if let Some((at, skew)) = signed {
                digits = at.to_string();
                right = chatwoot_identity_fuzz::webhook_signature(
                    secret.unwrap_or_default(),
                    digits.as_bytes(),
                    body.unwrap_or_default(),
                );
                (signature, timestamp) = (Some(right.as_slice()), Some(digits.as_bytes()));
                now = at.saturating_add_signed(skew.into());
            }
            let ((k, kl), (b, bl)) = (pointer(secret, 0), pointer(body, 0));
            let ((s, sl), (t, tl)) = (pointer(signature, 0), pointer(timestamp, 0));
            let (status, out) = verified_into(|out| {
                webhook::chatwoot_identity_verify_webhook(
                    k, kl, b, bl, s, sl, t, tl, now, tolerance, check_age, out,
                )
            });
            let expected =
                identity::WebhookVerifier::new(secret.unwrap_or_default()).and_then(|verifier| {
                    let verifier = match check_age {
                        true => verifier.with_tolerance(tolerance),
                        false => verifier.without_age_check(),
                    };
                    verifier.verify(
                        body.unwrap_or_default(),
                        signature.unwrap_or_default(),
                        timestamp.unwrap_or_default(),
                        now,
                    )
                });
            agrees(status, out, expected);
        }
        Call::WebhookHeaders {
            secret,
            body,
            headers,
            signed,
            mut now,
            identity_hmac_token,
        } => {
            let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = headers
                .iter()
                .map(|(n, v)| (n.to_vec(), v.to_vec()))
                .collect();
            if let Some((at, skew)) = signed {
                let digits = at.to_string();
                now = at.saturating_add_signed(skew.into());
                let signature =
                    chatwoot_identity_fuzz::webhook_signature(secret, digits.as_bytes(), body);
                pairs.push((b"X-Chatwoot-Signature".to_vec(), signature));
                pairs.push((b"x-chatwoot-timestamp".to_vec(), digits.into_bytes()));
            }
            let names: Vec<*const u8> = pairs.iter().map(|(n, _)| n.as_ptr()).collect();
            let name_lens: Vec<usize> = pairs.iter().map(|(n, _)| n.len()).collect();
            let values: Vec<*const u8> = pairs.iter().map(|(_, v)| v.as_ptr()).collect();
            let value_lens: Vec<usize> = pairs.iter().map(|(_, v)| v.len()).collect();
            // The request as both header functions take it: the secret, the body, the list.
            let (k, kl, b, bl) = (secret.as_ptr(), secret.len(), body.as_ptr(), body.len());
            let (n, nl, v, vl) = (
                names.as_ptr(),
                name_lens.as_ptr(),
                values.as_ptr(),
                value_lens.as_ptr(),
            );
            let (count, tolerance) = (pairs.len(), identity::DEFAULT_TOLERANCE_SECONDS);
            let (status, out) = verified_into(|out| {
                webhook::chatwoot_identity_verify_webhook_headers(
                    k, kl, b, bl, n, nl, v, vl, count, now, tolerance, true, out,
                )
            });
            let received = identity::WebhookHeaders::from_pairs(pairs.iter().cloned());
            let expected = identity::WebhookVerifier::new(secret)
                .and_then(|verifier| verifier.verify_headers(body, &received, now));
            agrees(status, out, expected);

            let (t, tl) = pointer(identity_hmac_token, 0);
            let (mut verified, mut findings) = (false, u32::MAX);
            let status = webhook::chatwoot_identity_diagnose_webhook_headers(
                k,
                kl,
                b,
                bl,
                n,
                nl,
                v,
                vl,
                count,
                t,
                tl,
                &mut verified,
                &mut findings,
            );
            assert_ne!(status, Status::CHATWOOT_IDENTITY_PANIC);
            match identity::diagnose_webhook_headers(secret, body, &received, identity_hmac_token) {
                Ok(expected) => {
                    assert_eq!(status, Status::CHATWOOT_IDENTITY_OK);
                    assert_eq!((verified, findings), (expected.verified, expected.mask()));
                }
                Err(error) => {
                    assert_eq!(status as u32, error.code().number());
                    assert_eq!(findings, u32::MAX, "a failed diagnosis wrote its findings");
                }
            }
        }
        Call::Reset { nonce, out_len } => {
            let (n, nl) = pointer(nonce, 0);
            sized_text(out_len, |o, ol, needed| {
                widget::chatwoot_identity_reset_script(n, nl, o, ol, needed)
            });
        }
    }
});

/// Calls `f` with a sentinel-filled verified webhook; on failure nothing may be written.
fn verified_into(
    f: impl FnOnce(*mut webhook::chatwoot_identity_verified_webhook) -> Status,
) -> (Status, Option<webhook::chatwoot_identity_verified_webhook>) {
    let mut out = std::mem::MaybeUninit::<webhook::chatwoot_identity_verified_webhook>::uninit();
    let size = std::mem::size_of_val(&out);
    unsafe { out.as_mut_ptr().cast::<u8>().write_bytes(SENTINEL, size) };
    let status = f(out.as_mut_ptr());
    assert_ne!(
        status,
        Status::CHATWOOT_IDENTITY_PANIC,
        "the library panicked"
    );
    if status != Status::CHATWOOT_IDENTITY_OK {
        let bytes = unsafe { std::slice::from_raw_parts(out.as_ptr().cast::<u8>(), size) };
        assert!(
            bytes.iter().all(|&b| b == SENTINEL),
            "{status:?} wrote to *out"
        );
        assert!(!last_message().is_empty());
        return (status, None);
    }
    (status, Some(unsafe { out.assume_init() }))
}

/// The C result says what the core says: the same error code, or the same webhook.
fn agrees(
    status: Status,
    out: Option<webhook::chatwoot_identity_verified_webhook>,
    expected: Result<identity::VerifiedWebhook, identity::Error>,
) {
    match (expected, out) {
        (Ok(webhook), Some(out)) => {
            assert_eq!((out.timestamp, out.age), (webhook.timestamp, webhook.age));
            let key: Vec<u8> = out.replay_key[..64].iter().map(|&c| c as u8).collect();
            assert_eq!(key, webhook.replay_key().as_bytes());
            assert_eq!(out.replay_key[64], 0);
        }
        (Err(error), None) => assert_eq!(status as u32, error.code().number()),
        (expected, _) => panic!("C said {status:?}, the core {expected:?}"),
    }
}

/// The thread's last error, as C reads it.
fn last_message() -> String {
    let mut needed = 0;
    unsafe { last_error::chatwoot_identity_last_error_message(ptr::null_mut(), 0, &mut needed) };
    let mut text = vec![0u8; needed];
    let status = unsafe {
        last_error::chatwoot_identity_last_error_message(
            text.as_mut_ptr().cast(),
            needed,
            ptr::null_mut(),
        )
    };
    assert_eq!(status, Status::CHATWOOT_IDENTITY_OK);
    String::from_utf8(c_text(&text).to_vec()).unwrap()
}

/// The widget calls: a too-small buffer reports the size it needs, and that size then works.
fn sized_text(out_len: u16, call: impl Fn(*mut std::ffi::c_char, usize, *mut usize) -> Status) {
    let mut needed = usize::MAX;
    let (status, out) = with_buffer(out_len.into(), |o, ol| call(o, ol, &mut needed));
    match status {
        Status::CHATWOOT_IDENTITY_OK => assert_eq!(c_text(&out).len() + 1, needed),
        Status::CHATWOOT_IDENTITY_BUFFER_TOO_SMALL => {
            assert!(needed > usize::from(out_len));
            let (retry, text) = with_buffer(needed, |o, ol| call(o, ol, ptr::null_mut()));
            assert_eq!(retry, Status::CHATWOOT_IDENTITY_OK);
            assert_eq!(c_text(&text).len() + 1, needed);
        }
        Status::CHATWOOT_IDENTITY_PANIC => panic!("the library panicked"),
        // Every failure leaves a message; a core error's never holds a NUL or is empty.
        _ => assert!(!last_message().is_empty()),
    }
}
