package chatwootidentity

// #include <chatwoot_identity.h>
import "C"

import (
	"runtime"
	"sync/atomic"
	"unsafe"
)

// Signer is an inbox's HMAC secret prepared once for any number of hashes; each hash then costs
// about half as much. It is safe for concurrent use, and it can sign widget users
// (WidgetScript, SetUserPayload). Close it when done to wipe the prepared key at once (a
// finalizer frees it otherwise); Close must not race with calls still in flight.
type Signer struct {
	handle atomic.Pointer[signerHandle]
}

// signerHandle boxes the C pointer (see handle.go).
type signerHandle struct {
	ptr *C.chatwoot_identity_signer
}

// NewSigner prepares secret (the inbox's HMAC secret).
//
// Errors: ErrEmptySecret.
func NewSigner(secret string) (*Signer, error) {
	secretPtr, secretLen := cBytes(secret)
	var handle *C.chatwoot_identity_signer
	runtime.LockOSThread()
	err := check(C.chatwoot_identity_signer_new(secretPtr, secretLen, &handle))
	runtime.UnlockOSThread()
	if err != nil {
		return nil, err
	}
	signer := &Signer{}
	return own(signer, &signer.handle, &signerHandle{ptr: handle}, (*Signer).Close), nil
}

// Close frees the prepared key and wipes it from memory. Later calls return ErrClosed; closing
// twice is harmless.
func (s *Signer) Close() error {
	return release(s, &s.handle, func(h *signerHandle) { C.chatwoot_identity_signer_free(h.ptr) })
}

// IdentifierHash returns the identifier_hash Chatwoot expects for identifier.
//
// Errors: ErrEmptyIdentifier, ErrClosed.
func (s *Signer) IdentifierHash(identifier string) (string, error) {
	handle := s.handle.Load()
	if handle == nil {
		return "", ErrClosed
	}
	idPtr, idLen := cBytes(identifier)
	buffer := newHashBuffer()
	out, outLen := cOut(buffer)
	runtime.LockOSThread()
	err := check(C.chatwoot_identity_signer_identifier_hash(handle.ptr, idPtr, idLen, out, outLen))
	runtime.UnlockOSThread()
	// The finalizer must not free the handle while C still uses it.
	runtime.KeepAlive(s)
	if err != nil {
		return "", err
	}
	return hashString(buffer), nil
}

// Verify reports whether Chatwoot would accept identifierHash for identifier (constant time; a
// malformed identifierHash is false, not an error).
//
// Errors: ErrEmptyIdentifier, ErrClosed.
func (s *Signer) Verify(identifier, identifierHash string) (bool, error) {
	handle := s.handle.Load()
	if handle == nil {
		return false, ErrClosed
	}
	idPtr, idLen := cBytes(identifier)
	hashPtr, hashLen := cBytes(identifierHash)
	var verified C.bool
	runtime.LockOSThread()
	err := check(C.chatwoot_identity_signer_verify(handle.ptr, idPtr, idLen, hashPtr, hashLen, &verified))
	runtime.UnlockOSThread()
	runtime.KeepAlive(s)
	return bool(verified), err
}

// IdentifierHashes hashes many identifiers in one call, in order, using every core for large
// batches. An empty identifier fails the whole batch with an error that errors.Is
// ErrEmptyIdentifier and names its position ("identifiers[2] must not be empty: ...").
//
// Errors: ErrEmptyIdentifier, ErrClosed.
func (s *Signer) IdentifierHashes(identifiers []string) ([]string, error) {
	handle := s.handle.Load()
	if handle == nil {
		return nil, ErrClosed
	}
	if len(identifiers) == 0 {
		return []string{}, nil
	}
	// Packed into one buffer: C may not receive Go memory that holds Go pointers (a slice of
	// strings), and one copy of short identifiers costs less than pinning each.
	total := 0
	for _, id := range identifiers {
		total += len(id)
	}
	data := make([]byte, 0, total)
	lengths := make([]C.size_t, len(identifiers))
	for i, id := range identifiers {
		data = append(data, id...)
		lengths[i] = C.size_t(len(id))
	}
	var dataPtr *C.uint8_t
	if total > 0 {
		dataPtr = (*C.uint8_t)(unsafe.Pointer(&data[0]))
	}
	out := make([]byte, len(identifiers)*C.CHATWOOT_IDENTITY_HASH_LEN)
	runtime.LockOSThread()
	err := check(C.chatwoot_identity_signer_identifier_hashes(handle.ptr, dataPtr, C.size_t(total), &lengths[0],
		C.size_t(len(identifiers)), (*C.char)(unsafe.Pointer(&out[0])), C.size_t(len(out))))
	runtime.UnlockOSThread()
	runtime.KeepAlive(s)
	if err != nil {
		return nil, err
	}
	// Every hash shares the one output buffer, which is never written again.
	hashes := make([]string, len(identifiers))
	for i := range hashes {
		hashes[i] = unsafe.String(&out[i*C.CHATWOOT_IDENTITY_HASH_LEN], C.CHATWOOT_IDENTITY_HASH_LEN)
	}
	return hashes, nil
}
