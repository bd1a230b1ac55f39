package chatwootidentity

// #include <chatwoot_identity.h>
import "C"

import "fmt"

// Error is every error this package returns. Code is the core library's stable snake_case code
// (the same string every chatwoot-identity binding exposes); messages never contain a secret or
// an identifier.
type Error struct {
	code    string
	message string
}

func (e *Error) Error() string { return "chatwootidentity: " + e.message }

// Code is the stable code, e.g. "empty_secret".
func (e *Error) Code() string { return e.code }

// Sentinel errors, for errors.Is.
var (
	// ErrEmptySecret: the inbox's HMAC secret was empty (often a missing environment variable).
	ErrEmptySecret = errorFor(C.CHATWOOT_IDENTITY_EMPTY_SECRET)
	// ErrEmptyIdentifier: an identifier was empty.
	ErrEmptyIdentifier = errorFor(C.CHATWOOT_IDENTITY_EMPTY_IDENTIFIER)
	// The widget errors of WidgetScript, SetUserPayload and ResetScript.
	ErrMissingSecret          = errorFor(C.CHATWOOT_IDENTITY_MISSING_SECRET)
	ErrInvalidBaseURL         = errorFor(C.CHATWOOT_IDENTITY_INVALID_BASE_URL)
	ErrInvalidWebsiteToken    = errorFor(C.CHATWOOT_IDENTITY_INVALID_WEBSITE_TOKEN)
	ErrInvalidNonce           = errorFor(C.CHATWOOT_IDENTITY_INVALID_NONCE)
	ErrIncompleteUser         = errorFor(C.CHATWOOT_IDENTITY_INCOMPLETE_USER)
	ErrInvalidCustomAttribute = errorFor(C.CHATWOOT_IDENTITY_INVALID_CUSTOM_ATTRIBUTE)
	ErrInvalidWidgetSetting   = errorFor(C.CHATWOOT_IDENTITY_INVALID_WIDGET_SETTING)
	ErrInvalidWidgetJSON      = errorFor(C.CHATWOOT_IDENTITY_INVALID_WIDGET_JSON)
	// ErrOutputLength: a batch output buffer was not 64 bytes per identifier.
	ErrOutputLength = errorFor(C.CHATWOOT_IDENTITY_OUTPUT_LENGTH)
	// ErrClosed: the Signer was used after Close.
	ErrClosed = &Error{code: "closed", message: "the Signer was used after Close"}
)

// sentinels maps each core status to its error: the one table keyed on core codes.
var sentinels = map[C.chatwoot_identity_status]*Error{
	C.CHATWOOT_IDENTITY_EMPTY_SECRET:             ErrEmptySecret,
	C.CHATWOOT_IDENTITY_EMPTY_IDENTIFIER:         ErrEmptyIdentifier,
	C.CHATWOOT_IDENTITY_MISSING_SECRET:           ErrMissingSecret,
	C.CHATWOOT_IDENTITY_INVALID_BASE_URL:         ErrInvalidBaseURL,
	C.CHATWOOT_IDENTITY_INVALID_WEBSITE_TOKEN:    ErrInvalidWebsiteToken,
	C.CHATWOOT_IDENTITY_INVALID_NONCE:            ErrInvalidNonce,
	C.CHATWOOT_IDENTITY_INCOMPLETE_USER:          ErrIncompleteUser,
	C.CHATWOOT_IDENTITY_INVALID_CUSTOM_ATTRIBUTE: ErrInvalidCustomAttribute,
	C.CHATWOOT_IDENTITY_INVALID_WIDGET_SETTING:   ErrInvalidWidgetSetting,
	C.CHATWOOT_IDENTITY_INVALID_WIDGET_JSON:      ErrInvalidWidgetJSON,
	C.CHATWOOT_IDENTITY_OUTPUT_LENGTH:            ErrOutputLength,
}

// errorFor builds an error from the library's own code name and message for a status.
func errorFor(status C.chatwoot_identity_status) *Error {
	code := "internal"
	if name := C.chatwoot_identity_status_code(C.uint32_t(status)); name != nil {
		code = C.GoString(name)
	}
	return &Error{code: code, message: C.GoString(C.chatwoot_identity_status_message(C.uint32_t(status)))}
}

// check turns a status into nil, a sentinel, or (for a status this package does not know by
// name, such as a newer core's) an *Error carrying the library's code and message.
func check(status C.chatwoot_identity_status) error {
	if status == C.CHATWOOT_IDENTITY_OK {
		return nil
	}
	if err, ok := sentinels[status]; ok {
		return err
	}
	return errorFor(status)
}

// coreStatuses lists every status the library names with a core code (for the tests).
func coreStatuses() []C.chatwoot_identity_status {
	var statuses []C.chatwoot_identity_status
	for status := C.chatwoot_identity_status(1); status < C.CHATWOOT_IDENTITY_NULL_ARGUMENT; status++ {
		if C.chatwoot_identity_status_code(C.uint32_t(status)) != nil {
			statuses = append(statuses, status)
		}
	}
	return statuses
}

// batchError names the position of the first empty identifier of a batch.
func batchError(index int, err error) error {
	return fmt.Errorf("chatwootidentity: identifiers[%d]: %w", index, err)
}
