package chatwootidentity

// #include <chatwoot_identity.h>
import "C"

import (
	"encoding/json"
	"strings"
)

// The test kit's reading of a rendered page: which identity will it send to Chatwoot, and will
// Chatwoot accept it? The library reads the page and checks it; this file only decodes its
// answer. Assertions for a test suite are in the chatwoottest sub-package, so this package never
// imports testing.

// PageCheck is the answer of CheckPageIdentity, CheckPageAnonymous and CheckPayloadIdentity:
// Passed exactly when Problems is empty.
type PageCheck struct {
	// Passed reports whether the page identifies the user as expected.
	Passed bool `json:"passed"`
	// Problems says what is wrong, in the order found.
	Problems []PageProblem `json:"problems"`
	// Widget is what the page holds, for a test's own further checks.
	Widget PageWidget `json:"widget"`
}

// PageProblem is one reason a check failed.
type PageProblem struct {
	// Code is stable and shared by every binding's test kit: "no_widget", "escaped_widget",
	// "several_widgets", "anonymous", "unexpected_user", "wrong_identifier", "hash_mismatch",
	// "field_mismatch", "malformed_payload".
	Code string `json:"code"`
	// Message is the core's sentence with the particulars (a rejected hash is explained with
	// Diagnose's findings). It may quote identifiers and fields from the page, never the secret.
	Message string `json:"message"`
}

// PageWidget is what the widget snippets on a page will do, as ReadPage reads them.
type PageWidget struct {
	// Snippets counts the widget snippets on the page (1 is right).
	Snippets int `json:"snippets"`
	// Resets counts the ResetScript elements.
	Resets int `json:"resets"`
	// EscapedSnippets counts snippets there only in HTML-escaped form (they never run).
	EscapedSnippets int `json:"escaped_snippets"`
	// BaseURL is the Chatwoot installation of the last snippet ("" without one).
	BaseURL string `json:"base_url"`
	// WebsiteToken is the inbox's website token of the last snippet.
	WebsiteToken string `json:"website_token"`
	// User is the user the last snippet identifies; nil for an anonymous visitor.
	User *PageUser `json:"user"`
}

// PageUser is the user a page identifies.
type PageUser struct {
	// Identifier is what the page passes to window.$chatwoot.setUser.
	Identifier string `json:"identifier"`
	// IdentifierHash is the identifier_hash sent with it.
	IdentifierHash string `json:"identifier_hash"`
	// Attributes are every attribute sent to setUser (name, email, ..., identifier_hash), as
	// encoding/json decodes them.
	Attributes map[string]any `json:"attributes"`
}

// Message is the problems' messages, one per line: what an assertion reports.
func (c PageCheck) Message() string {
	lines := make([]string, len(c.Problems))
	for i, problem := range c.Problems {
		lines[i] = problem.Message
	}
	return strings.Join(lines, "\n")
}

// CheckPageIdentity checks that html (a rendered page, or any part of it) identifies identifier
// to Chatwoot with an identifier_hash that verifies under hmacSecret (the inbox's HMAC secret),
// and that each key of fields (payload keys such as "email" or "custom_attributes"; nil for
// none) has the value given. A page that does not pass is no error: see PageCheck.Problems.
//
// Errors: ErrEmptySecret, ErrInvalidWidgetRequest (fields that JSON cannot hold).
func CheckPageIdentity(html, identifier, hmacSecret string, fields map[string]any) (PageCheck, error) {
	return checkIdentity(html, identifier, hmacSecret, fields, false)
}

// CheckPayloadIdentity checks a set-user payload (what SetUserPayload returns, which a
// single-page or React Native app hands to setUser) as CheckPageIdentity checks a page; the
// check's Widget holds only the user read from the payload.
//
// Errors: ErrEmptySecret, ErrInvalidWidgetRequest (fields).
func CheckPayloadIdentity(payload json.RawMessage, identifier, hmacSecret string, fields map[string]any) (PageCheck, error) {
	return checkIdentity(string(payload), identifier, hmacSecret, fields, true)
}

// CheckPageAnonymous checks that html identifies nobody: a widget for an anonymous visitor, or
// a ResetScript (the page after logout).
func CheckPageAnonymous(html string) (PageCheck, error) {
	htmlPtr, htmlLen := cBytes(html)
	var passed C.bool
	answer, err := sizedText(func(out *C.char, outLen C.size_t, needed *C.size_t) C.chatwoot_identity_status {
		return C.chatwoot_identity_check_page_anonymous(htmlPtr, htmlLen, &passed, out, outLen, needed)
	})
	return decodeCheck(answer, err)
}

// ReadPage reads every widget and reset snippet that WidgetScript and ResetScript wrote into
// html.
func ReadPage(html string) (PageWidget, error) {
	htmlPtr, htmlLen := cBytes(html)
	answer, err := sizedText(func(out *C.char, outLen C.size_t, needed *C.size_t) C.chatwoot_identity_status {
		return C.chatwoot_identity_read_page(htmlPtr, htmlLen, out, outLen, needed)
	})
	var widget PageWidget
	if err == nil {
		err = json.Unmarshal([]byte(answer), &widget)
	}
	return widget, err
}

func checkIdentity(text, identifier, hmacSecret string, fields map[string]any, payload bool) (PageCheck, error) {
	var fieldsPtr *C.uint8_t
	var fieldsLen C.size_t
	var document []byte
	if len(fields) > 0 {
		var err error
		if document, err = widgetJSON("fields", fields); err != nil {
			return PageCheck{}, err
		}
		fieldsPtr, fieldsLen = cDocument(document)
	}
	textPtr, textLen := cBytes(text)
	secretPtr, secretLen := cBytes(hmacSecret)
	idPtr, idLen := cBytes(identifier)
	var passed C.bool
	answer, err := sizedText(func(out *C.char, outLen C.size_t, needed *C.size_t) C.chatwoot_identity_status {
		if payload {
			return C.chatwoot_identity_check_payload_identity(textPtr, textLen, secretPtr, secretLen, idPtr, idLen,
				fieldsPtr, fieldsLen, &passed, out, outLen, needed)
		}
		return C.chatwoot_identity_check_page_identity(textPtr, textLen, secretPtr, secretLen, idPtr, idLen,
			fieldsPtr, fieldsLen, &passed, out, outLen, needed)
	})
	return decodeCheck(answer, err)
}

func decodeCheck(answer string, err error) (PageCheck, error) {
	var check PageCheck
	if err == nil {
		err = json.Unmarshal([]byte(answer), &check)
	}
	return check, err
}
