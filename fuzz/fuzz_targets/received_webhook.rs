//! What the two webhook targets receive: a webhook as it reaches a receiver, and the signature
//! Chatwoot would have sent with it. Each target includes this file as a module, so it is not a
//! fuzz target itself.

use arbitrary::Arbitrary;
use chatwoot_identity_fuzz::{trim_ows, webhook_signature};

/// The receiver's secret, the raw body, and the values of X-Chatwoot-Signature and
/// X-Chatwoot-Timestamp as they arrived.
///
/// A target puts it first in its input: the bytes then read as they did when these fields were
/// the target's own, so the stored corpus keeps its meaning.
#[derive(Arbitrary, Debug)]
pub struct ReceivedWebhook<'a> {
    pub secret: &'a [u8],
    pub body: &'a [u8],
    pub signature: &'a [u8],
    pub timestamp: &'a [u8],
}

impl ReceivedWebhook<'_> {
    /// The X-Chatwoot-Signature Chatwoot sends with `body` at this timestamp, as the core reads
    /// the timestamp: without the spaces and tabs around it.
    pub fn signature_for(&self, body: &[u8]) -> Vec<u8> {
        webhook_signature(self.secret, trim_ows(self.timestamp), body)
    }
}
