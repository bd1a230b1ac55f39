package chatwootidentity

import (
	"crypto/subtle"
	"sync/atomic"
	"unsafe"
)

// The one-off IdentifierHash and Verify are usually called with the same secret on every request
// (a value from the app's configuration), and preparing its key is half of a one-off call. So
// the secret of the last one-off call is kept, and when the same secret comes a second time in
// a row a Signer is prepared for it and used from then on. Code that passes a new secret on
// each call (one per inbox) pays only the one-off hash and an allocation. A replaced Signer is
// freed by its finalizer once no call uses it any more.
type keptSigner struct {
	secret string
	signer *Signer // nil until the secret comes a second time
}

var lastSecret atomic.Pointer[keptSigner]

// signerFor is the kept Signer for secret, or nil: the caller then makes the one-off call,
// which reports whatever is wrong with the arguments exactly as before.
func signerFor(secret string) *Signer {
	kept := lastSecret.Load()
	if kept == nil || !sameSecret(kept.secret, secret) {
		lastSecret.Store(&keptSigner{secret: secret})
		return nil
	}
	if kept.signer != nil {
		return kept.signer
	}
	signer, err := NewSigner(secret)
	if err != nil {
		return nil
	}
	// Another goroutine may have kept one meanwhile; this call still uses its own.
	lastSecret.CompareAndSwap(kept, &keptSigner{secret: kept.secret, signer: signer})
	return signer
}

// sameSecret compares in constant time: which secret was used last is nobody's business.
func sameSecret(a, b string) bool {
	return subtle.ConstantTimeCompare(stringBytes(a), stringBytes(b)) == 1
}

// stringBytes views a string's bytes without copying; the slice is only read.
func stringBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
