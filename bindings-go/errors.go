package chatwootidentity

// #include <chatwoot_identity.h>
import "C"

import "unsafe"

// Error is every error this package returns. Error() is the core library's own message, word
// for word what every chatwoot-identity binding shows ("settings.position: unknown variant
// `top`, expected `left` or `right`"); Code() is its stable snake_case code. Messages never
// contain a secret or an identifier.
type Error struct {
	code      string
	message   string
	wrongType bool
}

func (e *Error) Error() string { return e.message }

// Code is the stable code, e.g. "empty_secret" (the ErrXxx sentinels list them).
func (e *Error) Code() string { return e.code }

// WrongType reports whether a value of the wrong type in a structured input (a widget request
// read from JSON) caused the error: Go's type system rules most of these out, and the rest
// (a custom attribute holding a slice) are reported by path.
func (e *Error) WrongType() bool { return e.wrongType }

// Is makes errors.Is(err, ErrEmptySecret) true for every error with that code, whatever its
// message.
func (e *Error) Is(target error) bool {
	other, ok := target.(*Error)
	return ok && other.code == e.code
}

// ErrClosed: a Signer or a WebhookVerifier was used after Close. errors.Is matches it by its
// code, whichever object the message names.
var ErrClosed = &Error{code: "closed", message: "the Signer was used after Close"}

// errVerifierClosed is ErrClosed as a WebhookVerifier reports it.
var errVerifierClosed = &Error{code: ErrClosed.code, message: "the WebhookVerifier was used after Close, or not made by NewWebhookVerifier"}

// coreCode is one row of the core's code table, as the library lists it.
type coreCode struct {
	status        C.chatwoot_identity_status
	code, summary string
}

// coreCodes lists every core code: each status from 1 to 99 that the library names (numbers of
// removed codes are never reused, so there may be gaps).
func coreCodes() []coreCode {
	var table []coreCode
	for status := C.uint32_t(1); status < 100; status++ {
		if code := C.chatwoot_identity_status_code(status); code != nil {
			summary := C.GoString(C.chatwoot_identity_status_message(status))
			table = append(table, coreCode{C.chatwoot_identity_status(status), C.GoString(code), summary})
		}
	}
	return table
}

// codes names each core status; sentinels are made from it (errors_gen.go lists them).
var codes = func() map[C.chatwoot_identity_status]coreCode {
	byStatus := map[C.chatwoot_identity_status]coreCode{}
	for _, row := range coreCodes() {
		byStatus[row.status] = row
	}
	return byStatus
}()

// sentinel is the errors.Is target of a core code; its text is the code's summary.
func sentinel(code string) *Error {
	for _, row := range codes {
		if row.code == code {
			return &Error{code: code, message: row.summary}
		}
	}
	return &Error{code: code, message: code}
}

// check turns a status into nil or the failure the library just reported. The caller has
// locked its goroutine to its thread since the call: the library keeps the message as the
// thread's last error, and a goroutine may change threads between two cgo calls.
func check(status C.chatwoot_identity_status) error {
	if status == C.CHATWOOT_IDENTITY_OK {
		return nil
	}
	code := "internal"
	if row, ok := codes[status]; ok {
		code = row.code
	}
	return &Error{code: code, message: lastErrorMessage(), wrongType: bool(C.chatwoot_identity_last_error_is_wrong_type())}
}

// lastErrorMessage is the thread's last error: into a stack buffer when it fits, else into one
// of the size the library asked for.
func lastErrorMessage() string {
	var small [256]byte
	var needed C.size_t
	status := C.chatwoot_identity_last_error_message((*C.char)(unsafe.Pointer(&small[0])), C.size_t(len(small)), &needed)
	if status == C.CHATWOOT_IDENTITY_OK {
		return string(small[:needed-1])
	}
	large := make([]byte, needed)
	C.chatwoot_identity_last_error_message((*C.char)(unsafe.Pointer(&large[0])), needed, nil)
	return string(large[:needed-1])
}
