package chatwootidentity

// The static library is linked, so a Go binary carries the hashing code and needs no .so at run
// time; where it comes from is in link_linux_amd64.go and link_pkgconfig.go.

/*

// The library never keeps a pointer past the call and never calls back into Go: telling cgo so
// lets output buffers live on the goroutine stack and makes each call cheaper.
#cgo noescape chatwoot_identity_identifier_hash
#cgo nocallback chatwoot_identity_identifier_hash
#cgo noescape chatwoot_identity_verify
#cgo nocallback chatwoot_identity_verify
#cgo noescape chatwoot_identity_diagnose
#cgo nocallback chatwoot_identity_diagnose
#cgo noescape chatwoot_identity_signer_new
#cgo nocallback chatwoot_identity_signer_new
#cgo noescape chatwoot_identity_signer_identifier_hash
#cgo nocallback chatwoot_identity_signer_identifier_hash
#cgo noescape chatwoot_identity_signer_verify
#cgo nocallback chatwoot_identity_signer_verify
#cgo noescape chatwoot_identity_signer_identifier_hashes
#cgo nocallback chatwoot_identity_signer_identifier_hashes
#cgo noescape chatwoot_identity_integer_identifier_i64
#cgo nocallback chatwoot_identity_integer_identifier_i64
#cgo noescape chatwoot_identity_integer_identifier_u64
#cgo nocallback chatwoot_identity_integer_identifier_u64
#cgo noescape chatwoot_identity_widget_script
#cgo nocallback chatwoot_identity_widget_script
#cgo noescape chatwoot_identity_set_user_payload
#cgo nocallback chatwoot_identity_set_user_payload
#cgo noescape chatwoot_identity_reset_script
#cgo nocallback chatwoot_identity_reset_script
#cgo noescape chatwoot_identity_last_error_message
#cgo nocallback chatwoot_identity_last_error_message
#cgo noescape chatwoot_identity_verify_webhook
#cgo nocallback chatwoot_identity_verify_webhook
#cgo noescape chatwoot_identity_verify_webhook_headers
#cgo nocallback chatwoot_identity_verify_webhook_headers
#cgo noescape chatwoot_identity_webhook_verifier_new
#cgo nocallback chatwoot_identity_webhook_verifier_new
#cgo noescape chatwoot_identity_webhook_verifier_verify
#cgo nocallback chatwoot_identity_webhook_verifier_verify
#cgo noescape chatwoot_identity_webhook_verifier_verify_headers
#cgo nocallback chatwoot_identity_webhook_verifier_verify_headers
#cgo noescape chatwoot_identity_sign_webhook
#cgo nocallback chatwoot_identity_sign_webhook
#cgo noescape chatwoot_identity_diagnose_webhook
#cgo nocallback chatwoot_identity_diagnose_webhook
#cgo noescape chatwoot_identity_diagnose_webhook_headers
#cgo nocallback chatwoot_identity_diagnose_webhook_headers
#include <chatwoot_identity.h>
*/
import "C"

import "unsafe"

// cBytes lends a Go string's bytes to C without copying. cgo allows it: string data holds no Go
// pointers, and the library only reads it during the call, never keeping the pointer.
func cBytes(s string) (*C.uint8_t, C.size_t) {
	return (*C.uint8_t)(unsafe.Pointer(unsafe.StringData(s))), C.size_t(len(s))
}

// newHashBuffer is where C writes 64 hex characters and a NUL.
func newHashBuffer() []byte {
	return make([]byte, C.CHATWOOT_IDENTITY_HASH_BUFFER_LEN)
}

// hashString turns a filled buffer into the hash without a second copy: the buffer is never
// written again, so the string may share it.
func hashString(buffer []byte) string {
	return unsafe.String(&buffer[0], C.CHATWOOT_IDENTITY_HASH_LEN)
}

func cOut(buffer []byte) (*C.char, C.size_t) {
	return (*C.char)(unsafe.Pointer(&buffer[0])), C.size_t(len(buffer))
}
