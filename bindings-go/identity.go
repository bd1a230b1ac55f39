// Package chatwootidentity computes, verifies and explains Chatwoot identity-validation hashes,
// and renders the Chatwoot widget with the user signed in.
//
// With "Enforce User Identity Validation" on, Chatwoot's website widget accepts a user only with
// identifier_hash: the lowercase hex HMAC-SHA256 of the user's identifier, keyed with the
// inbox's HMAC secret. The work is done by the chatwoot-identity Rust core, linked statically
// through its C ABI.
package chatwootidentity

// #include <chatwoot_identity.h>
import "C"

import (
	"runtime"
	"unsafe"
)

// IdentifierHash returns the identifier_hash Chatwoot expects for identifier. When the same
// secret comes twice in a row (a value from configuration), its prepared key is kept and reused;
// a Signer of your own is still a little faster.
//
// Errors: ErrEmptySecret, ErrEmptyIdentifier.
func IdentifierHash(secret, identifier string) (string, error) {
	if signer := signerFor(secret); signer != nil {
		return signer.IdentifierHash(identifier)
	}
	secretPtr, secretLen := cBytes(secret)
	idPtr, idLen := cBytes(identifier)
	buffer := newHashBuffer()
	out, outLen := cOut(buffer)
	runtime.LockOSThread()
	err := check(C.chatwoot_identity_identifier_hash(secretPtr, secretLen, idPtr, idLen, out, outLen))
	runtime.UnlockOSThread()
	if err != nil {
		return "", err
	}
	return hashString(buffer), nil
}

// Verify reports whether Chatwoot would accept identifierHash for identifier: exactly the 64
// lowercase hex characters it computes, compared in constant time. A malformed identifierHash is
// false, not an error.
//
// Errors: ErrEmptySecret, ErrEmptyIdentifier.
func Verify(secret, identifier, identifierHash string) (bool, error) {
	if signer := signerFor(secret); signer != nil {
		return signer.Verify(identifier, identifierHash)
	}
	secretPtr, secretLen := cBytes(secret)
	idPtr, idLen := cBytes(identifier)
	hashPtr, hashLen := cBytes(identifierHash)
	var verified C.bool
	runtime.LockOSThread()
	err := check(C.chatwoot_identity_verify(secretPtr, secretLen, idPtr, idLen, hashPtr, hashLen, &verified))
	runtime.UnlockOSThread()
	return bool(verified), err
}

// Int64Identifier is the identifier text of an integer user id, as Chatwoot hashes it (its
// server hashes identifier.to_s): pass the result to IdentifierHash. Do not format integers
// yourself; this uses the core's one rule.
func Int64Identifier(id int64) string {
	var buffer [C.CHATWOOT_IDENTITY_INTEGER_BUFFER_LEN]byte
	var written C.size_t
	C.chatwoot_identity_integer_identifier_i64(C.int64_t(id), (*C.char)(unsafe.Pointer(&buffer[0])), C.size_t(len(buffer)), &written)
	return string(buffer[:written])
}

// Uint64Identifier is Int64Identifier for unsigned ids.
func Uint64Identifier(id uint64) string {
	var buffer [C.CHATWOOT_IDENTITY_INTEGER_BUFFER_LEN]byte
	var written C.size_t
	C.chatwoot_identity_integer_identifier_u64(C.uint64_t(id), (*C.char)(unsafe.Pointer(&buffer[0])), C.size_t(len(buffer)), &written)
	return string(buffer[:written])
}

// Version is the version of the linked chatwoot-identity library.
func Version() string {
	return C.GoString(C.chatwoot_identity_version())
}
