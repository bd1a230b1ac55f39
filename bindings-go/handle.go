package chatwootidentity

import (
	"runtime"
	"sync/atomic"
)

// The C objects a Signer or a WebhookVerifier owns, kept in an atomic.Pointer to a box (H) that
// holds the C pointer: atomic.Pointer cannot hold a pointer to an incomplete C type.

// own stores handle in owner's slot and gives owner the finalizer closer, which frees the C
// object of a value dropped without Close.
func own[T, H any](owner *T, slot *atomic.Pointer[H], handle *H, closer func(*T) error) *T {
	slot.Store(handle)
	runtime.SetFinalizer(owner, closer)
	return owner
}

// release frees the handle in owner's slot with free, at most once whoever calls it (Close, a
// second Close, the finalizer), and drops owner's finalizer.
func release[H any](owner any, slot *atomic.Pointer[H], free func(*H)) error {
	if handle := slot.Swap(nil); handle != nil {
		free(handle)
		runtime.SetFinalizer(owner, nil)
	}
	return nil
}
