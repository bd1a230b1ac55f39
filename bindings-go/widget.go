package chatwootidentity

// #include <chatwoot_identity.h>
import "C"

import (
	"encoding/json"
	"fmt"
	"unsafe"
)

// WidgetRequest is the widget of one inbox on one page. The JSON names are the core library's;
// its parser refuses unknown fields, so a misspelt tag fails the tests instead of being dropped.
type WidgetRequest struct {
	// BaseURL is the Chatwoot installation, e.g. "https://app.chatwoot.com" (absolute http(s),
	// no credentials, query or fragment).
	BaseURL string `json:"base_url"`
	// WebsiteToken is the inbox's website token (Settings > Inboxes > Configuration).
	WebsiteToken string `json:"website_token"`
	// Settings become window.chatwootSettings; nil leaves the widget's defaults.
	Settings *WidgetSettings `json:"settings,omitempty"`
	// User is the logged-in user, signed with the secret; nil for an anonymous visitor.
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

// firstBufferSize fits the loader with a user of ordinary size, so one C call usually does.
const firstBufferSize = 4096

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

// WidgetScript returns the <script> element a server-rendered page includes: Chatwoot's loader,
// the settings, and, when request.User is set, window.$chatwoot.setUser with the user's
// identifier_hash. Every value is JSON-encoded and escaped so it cannot end the element; put
// the result in the page as is (html/template: template.HTML(script)). secret is the inbox's
// HMAC secret; "" is fine for an anonymous visitor.
//
// Errors: ErrInvalidBaseURL, ErrInvalidWebsiteToken, ErrInvalidNonce, ErrMissingSecret,
// ErrEmptyIdentifier, ErrIncompleteUser, ErrInvalidWidgetJSON (a value of the wrong type, such
// as an unknown Position or a custom attribute that is not text, boolean or a finite number).
func WidgetScript(secret string, request WidgetRequest) (string, error) {
	document, err := widgetJSON(request)
	if err != nil {
		return "", err
	}
	var secretPtr *C.uint8_t
	var secretLen C.size_t
	if secret != "" {
		secretPtr, secretLen = cBytes(secret)
	}
	docPtr, docLen := cDocument(document)
	return sizedText(func(out *C.char, outLen C.size_t, needed *C.size_t) C.chatwoot_identity_status {
		return C.chatwoot_identity_widget_script(secretPtr, secretLen, docPtr, docLen, out, outLen, needed)
	})
}

// SetUserPayload returns the JSON object a single-page or React Native app passes to the
// widget (window.$chatwoot.setUser(payload.identifier, payload), or the React Native widget's
// user prop): the user's fields with identifier (always a JSON string) and identifier_hash.
// Embed it in a response as is; it is valid JSON.
//
// Errors: ErrEmptySecret, ErrEmptyIdentifier, ErrIncompleteUser, ErrInvalidWidgetJSON.
func SetUserPayload(secret string, user WidgetUser) (json.RawMessage, error) {
	document, err := widgetJSON(user)
	if err != nil {
		return nil, err
	}
	secretPtr, secretLen := cBytes(secret)
	docPtr, docLen := cDocument(document)
	payload, err := sizedText(func(out *C.char, outLen C.size_t, needed *C.size_t) C.chatwoot_identity_status {
		return C.chatwoot_identity_set_user_payload(secretPtr, secretLen, docPtr, docLen, out, outLen, needed)
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

// widgetJSON encodes a request for the core; encoding/json's own failures (a NaN attribute, a
// channel in CustomAttributes) are documents the core could not accept either.
func widgetJSON(value any) ([]byte, error) {
	document, err := json.Marshal(value)
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrInvalidWidgetJSON, err)
	}
	return document, nil
}

// cDocument lends encoded JSON (never empty) to C without copying, as cBytes does for strings.
func cDocument(document []byte) (*C.uint8_t, C.size_t) {
	return (*C.uint8_t)(unsafe.Pointer(&document[0])), C.size_t(len(document))
}

// sizedText runs a C call that writes text of unknown length: first into a buffer big enough
// for nearly every snippet, and only when that is too small again into one of the size C asked
// for.
func sizedText(call func(out *C.char, outLen C.size_t, needed *C.size_t) C.chatwoot_identity_status) (string, error) {
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
