package chatwootidentity

// #include <chatwoot_identity.h>
import "C"

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"unsafe"
)

// WidgetRequest is the widget of one inbox on one page: the typed shape of the core's widget
// request, sent to it as JSON. The core refuses unknown keys, so a misspelt tag fails the tests
// instead of being dropped.
type WidgetRequest struct {
	// BaseURL is the Chatwoot installation, e.g. "https://app.chatwoot.com" (absolute http(s),
	// no credentials, query or fragment).
	BaseURL string `json:"base_url"`
	// WebsiteToken is the inbox's website token (Settings > Inboxes > Configuration).
	WebsiteToken string `json:"website_token"`
	// Settings become window.chatwootSettings; nil leaves the widget's defaults.
	Settings *WidgetSettings `json:"settings,omitempty"`
	// User is the logged-in user, signed with the HMAC secret; nil for an anonymous visitor.
	User *WidgetUser `json:"user,omitempty"`
	// Nonce is the page's Content-Security-Policy nonce; "" for none.
	Nonce string `json:"nonce,omitempty"`
}

// Position is where the launcher sits.
type Position string

// WidgetType is the launcher's look.
type WidgetType string

// DarkMode is the widget's colour scheme.
type DarkMode string

// The values Chatwoot's widget knows.
const (
	PositionLeft             Position   = "left"
	PositionRight            Position   = "right"
	WidgetTypeStandard       WidgetType = "standard"
	WidgetTypeExpandedBubble WidgetType = "expanded_bubble"
	DarkModeLight            DarkMode   = "light"
	DarkModeAuto             DarkMode   = "auto"
)

// WidgetSettings is window.chatwootSettings. Zero values are left out, so the widget's own
// defaults apply; the flags are pointers because false is not always the default
// (ShowUnreadMessagesDialog is on unless set to false).
type WidgetSettings struct {
	Locale                   string     `json:"locale,omitempty"`
	UseBrowserLanguage       *bool      `json:"use_browser_language,omitempty"`
	Position                 Position   `json:"position,omitempty"`
	Type                     WidgetType `json:"type,omitempty"`
	LauncherTitle            string     `json:"launcher_title,omitempty"`
	HideMessageBubble        *bool      `json:"hide_message_bubble,omitempty"`
	ShowUnreadMessagesDialog *bool      `json:"show_unread_messages_dialog,omitempty"`
	ShowPopoutButton         *bool      `json:"show_popout_button,omitempty"`
	DarkMode                 DarkMode   `json:"dark_mode,omitempty"`
	BaseDomain               string     `json:"base_domain,omitempty"`
}

// WidgetUser is the logged-in user as the widget's setUser takes them. Identifier is required,
// and Chatwoot also needs at least one of Name, Email and AvatarURL. For an integer user id use
// Int64Identifier(id).
type WidgetUser struct {
	Identifier  string `json:"identifier"`
	Name        string `json:"name,omitempty"`
	Email       string `json:"email,omitempty"`
	AvatarURL   string `json:"avatar_url,omitempty"`
	PhoneNumber string `json:"phone_number,omitempty"`
	Description string `json:"description,omitempty"`
	CountryCode string `json:"country_code,omitempty"`
	City        string `json:"city,omitempty"`
	CompanyName string `json:"company_name,omitempty"`
	// SocialProfiles by network: "twitter", "linkedin", "facebook", "github", ...
	SocialProfiles map[string]string `json:"social_profiles,omitempty"`
	// CustomAttributes hold strings, booleans and numbers.
	CustomAttributes map[string]any `json:"custom_attributes,omitempty"`
}

// HMACSecret signs a widget user: the inbox's HMAC secret as a Secret, or a prepared *Signer
// (which keeps only the prepared key). A nil HMACSecret is none, fine for an anonymous visitor.
type HMACSecret interface {
	hmacSecret()
}

// Secret is the inbox's HMAC secret as text, where an HMACSecret is asked for:
// WidgetScript(chatwootidentity.Secret(os.Getenv("CHATWOOT_HMAC_SECRET")), request). fmt (any
// verb), log/slog (any handler) and every text or JSON encoder show it as "<redacted>". Go's
// fmt cannot call a method on an unexported struct field, so a Secret kept in one prints as
// its text with %v: keep a *Signer there instead, which holds only the prepared key.
type Secret string

func (Secret) hmacSecret()  {}
func (*Signer) hmacSecret() {}

const redacted = "<redacted>"

// Format keeps the secret out of fmt's output.
func (Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// LogValue keeps the secret out of log/slog's output, JSON handlers included.
func (Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalText keeps the secret out of encoding/json, encoding/xml and every other encoder
// that asks for text.
func (Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// firstBufferSize fits the loader with a user of ordinary size, so one C call usually does.
const firstBufferSize = 4096

// WidgetScript returns the <script> element a server-rendered page includes: Chatwoot's loader,
// the settings, and, when request.User is set, window.$chatwoot.setUser with the user's
// identifier_hash. Every value is JSON-encoded and escaped so it cannot end the element; put
// the result in the page as is (html/template: template.HTML(script)). hmacSecret may be nil
// for an anonymous visitor.
//
// Errors: ErrInvalidWidgetRequest (the message names the path, e.g. "settings.position: unknown
// variant `top`, expected `left` or `right`"), ErrInvalidBaseURL, ErrInvalidWebsiteToken,
// ErrInvalidNonce, ErrMissingSecret, ErrEmptySecret, ErrEmptyIdentifier, ErrIncompleteUser.
func WidgetScript(hmacSecret HMACSecret, request WidgetRequest) (string, error) {
	document, err := widgetJSON("request", request)
	if err != nil {
		return "", err
	}
	return widgetScriptJSON(hmacSecret, document)
}

// widgetScriptJSON is WidgetScript for a request already in JSON (the shared vectors' form).
func widgetScriptJSON(hmacSecret HMACSecret, document []byte) (string, error) {
	docPtr, docLen := cDocument(document)
	return withSigner(hmacSecret, func(signer *C.chatwoot_identity_signer) (string, error) {
		return sizedText(func(out *C.char, outLen C.size_t, needed *C.size_t) C.chatwoot_identity_status {
			return C.chatwoot_identity_widget_script(signer, docPtr, docLen, out, outLen, needed)
		})
	})
}

// SetUserPayload returns the JSON object a single-page or React Native app passes to the
// widget (window.$chatwoot.setUser(payload.identifier, payload), or the React Native widget's
// user prop): the user's fields with identifier (always a JSON string) and identifier_hash.
// Embed it in a response as is; it is valid JSON.
//
// Errors: ErrMissingSecret (a nil hmacSecret), ErrEmptySecret, ErrEmptyIdentifier,
// ErrIncompleteUser, ErrInvalidWidgetRequest.
func SetUserPayload(hmacSecret HMACSecret, user WidgetUser) (json.RawMessage, error) {
	document, err := widgetJSON("user", user)
	if err != nil {
		return nil, err
	}
	if signer, isSigner := hmacSecret.(*Signer); hmacSecret == nil || (isSigner && signer == nil) {
		return nil, sentinel("missing_secret")
	}
	docPtr, docLen := cDocument(document)
	payload, err := withSigner(hmacSecret, func(signer *C.chatwoot_identity_signer) (string, error) {
		return sizedText(func(out *C.char, outLen C.size_t, needed *C.size_t) C.chatwoot_identity_status {
			return C.chatwoot_identity_set_user_payload(signer, docPtr, docLen, out, outLen, needed)
		})
	})
	if err != nil {
		return nil, err
	}
	return json.RawMessage(payload), nil
}

// ResetScript returns the <script> element that logs the visitor out of the widget
// (window.$chatwoot.reset()); render it on the page after logout. nonce is the page's CSP
// nonce, "" for none.
//
// Errors: ErrInvalidNonce.
func ResetScript(nonce string) (string, error) {
	var noncePtr *C.uint8_t
	var nonceLen C.size_t
	if nonce != "" {
		noncePtr, nonceLen = cBytes(nonce)
	}
	return sizedText(func(out *C.char, outLen C.size_t, needed *C.size_t) C.chatwoot_identity_status {
		return C.chatwoot_identity_reset_script(noncePtr, nonceLen, out, outLen, needed)
	})
}

// withSigner runs use with the C signer of hmacSecret (nil for none); a Secret is prepared for
// this call only.
func withSigner(hmacSecret HMACSecret, use func(*C.chatwoot_identity_signer) (string, error)) (string, error) {
	switch secret := hmacSecret.(type) {
	case Secret:
		signer, err := NewSigner(string(secret))
		if err != nil {
			return "", err
		}
		defer signer.Close()
		return withSigner(signer, use)
	case *Signer:
		if secret == nil {
			return use(nil)
		}
		handle := secret.handle.Load()
		if handle == nil {
			return "", ErrClosed
		}
		defer runtime.KeepAlive(secret)
		return use(handle.ptr)
	default:
		return use(nil)
	}
}

// widgetJSON encodes a request for the core. What encoding/json itself cannot encode (a NaN
// attribute, a channel in CustomAttributes) is an invalid request too, named by its root.
func widgetJSON(root string, value any) ([]byte, error) {
	document, err := json.Marshal(value)
	if err != nil {
		var unsupported *json.UnsupportedTypeError
		return nil, &Error{code: "invalid_widget_request", message: root + ": " + err.Error(), wrongType: errors.As(err, &unsupported)}
	}
	return document, nil
}

// cDocument lends encoded JSON (never empty) to C without copying, as cBytes does for strings.
func cDocument(document []byte) (*C.uint8_t, C.size_t) {
	return (*C.uint8_t)(unsafe.Pointer(&document[0])), C.size_t(len(document))
}

// sizedText runs a C call that writes text of unknown length: first into a buffer big enough
// for nearly every snippet, and only when that is too small again into one of the size C asked
// for. The goroutine stays on its thread until the failure, if any, is read.
func sizedText(call func(out *C.char, outLen C.size_t, needed *C.size_t) C.chatwoot_identity_status) (string, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var first [firstBufferSize]byte
	var needed C.size_t
	status := call((*C.char)(unsafe.Pointer(&first[0])), C.size_t(len(first)), &needed)
	if status == C.CHATWOOT_IDENTITY_OK {
		return string(first[:needed-1]), nil
	}
	if status != C.CHATWOOT_IDENTITY_BUFFER_TOO_SMALL {
		return "", check(status)
	}
	buffer := make([]byte, needed)
	if err := check(call((*C.char)(unsafe.Pointer(&buffer[0])), C.size_t(len(buffer)), &needed)); err != nil {
		return "", err
	}
	// The buffer is never written again, so the string may share it.
	return unsafe.String(&buffer[0], int(needed)-1), nil
}
