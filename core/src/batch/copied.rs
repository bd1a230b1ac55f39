//! Identifiers copied out of a host's objects, back to back in one buffer.

/// Identifiers copied out of a host's objects back to back in one buffer (not one allocation
/// per identifier): what a binding hands the core when the hashing runs where the host's own
/// objects cannot be touched (another thread, or without the GIL or the GVL).
///
/// [`Signer::identifier_hashes_pipelined`](crate::Signer::identifier_hashes_pipelined) fills
/// one per round; a host that hashes a whole batch off its thread fills one with everything.
///
/// ```
/// use chatwoot_identity::{CopiedIdentifiers, Signer};
///
/// let mut copied = CopiedIdentifiers::with_capacity(2, 16);
/// copied.push(b"user-1");
/// copied.push(b"user-2");
/// let hashes = Signer::new("secret")?.identifier_hashes(&copied.slices())?;
/// assert_eq!(hashes.len(), 2);
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct CopiedIdentifiers {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl CopiedIdentifiers {
    /// Room for `len` identifiers of about `typical_len` bytes each.
    #[must_use]
    pub fn with_capacity(len: usize, typical_len: usize) -> Self {
        CopiedIdentifiers {
            bytes: Vec::with_capacity(len.saturating_mul(typical_len)),
            ends: Vec::with_capacity(len),
        }
    }

    /// Adds the next identifier.
    pub fn push(&mut self, identifier: &[u8]) {
        self.bytes.extend_from_slice(identifier);
        self.ends.push(self.bytes.len());
    }

    /// How many identifiers it holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether it holds no identifier yet.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Every identifier, in order, for the batch functions that take a slice.
    #[must_use]
    pub fn slices(&self) -> Vec<&[u8]> {
        (0..self.len()).map(|index| self.get(index)).collect()
    }

    pub(crate) fn get(&self, index: usize) -> &[u8] {
        let start = index.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.bytes[start..self.ends[index]]
    }

    pub(crate) fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
    }

    /// The first identifier that is empty, by its place.
    pub(crate) fn first_empty(&self) -> Option<usize> {
        let mut start = 0;
        self.ends.iter().position(|&end| {
            let empty = end == start;
            start = end;
            empty
        })
    }
}

#[cfg(test)]
mod tests {
    use super::CopiedIdentifiers;

    #[test]
    fn keeps_each_identifier_whole_and_in_order() {
        let mut copied = CopiedIdentifiers::default();
        assert!(copied.is_empty());
        for identifier in [&b"a"[..], b"", b"bcd", b""] {
            copied.push(identifier);
        }
        assert_eq!(copied.len(), 4);
        assert_eq!(copied.slices(), [&b"a"[..], b"", b"bcd", b""]);
        assert_eq!(copied.first_empty(), Some(1));
        copied.clear();
        assert!(copied.is_empty());
        assert_eq!(copied.first_empty(), None);
    }
}
