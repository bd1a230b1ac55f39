// Package chatwoottest asserts, in an integrator's own Go tests, which identity a rendered page
// (or a set-user payload) will send to Chatwoot, and that Chatwoot will accept it: the page's
// identifier is the one expected, its identifier_hash verifies with the inbox's HMAC secret, and
// its fields hold what the test expects. A failure reports the library's problems through
// t.Errorf (a rejected hash explained by Diagnose's findings), never the secret.
//
// The checks themselves are chatwootidentity.CheckPageIdentity and friends; this package only
// turns a failed check into a test failure, so the main package never imports testing.
package chatwoottest

import (
	"encoding/json"
	"testing"

	chatwootidentity "github.com/chatwoot-identity/chatwoot-identity/bindings-go"
)

// Option adds an expectation to AssertIdentifies, AssertPayloadIdentifies and CheckPage.
type Option func(*expectation)

type expectation struct {
	fields map[string]any
}

// WithFields expects each of fields (payload keys such as "email", "name" or
// "custom_attributes") to have the value given, as encoding/json encodes it. Given more than
// once, the fields add up.
func WithFields(fields map[string]any) Option {
	return func(e *expectation) {
		if e.fields == nil {
			e.fields = map[string]any{}
		}
		for key, value := range fields {
			e.fields[key] = value
		}
	}
}

func expect(options []Option) expectation {
	var e expectation
	for _, option := range options {
		option(&e)
	}
	return e
}

// CheckPage is AssertIdentifies without the assertion: the library's check of html, for a test
// that inspects the problems (check.Problems[i].Code) or the identity read from the page
// (check.Widget.User).
//
// Errors: chatwootidentity.ErrEmptySecret, chatwootidentity.ErrInvalidWidgetRequest (fields).
func CheckPage(html, identifier, hmacSecret string, options ...Option) (chatwootidentity.PageCheck, error) {
	return chatwootidentity.CheckPageIdentity(html, identifier, hmacSecret, expect(options).fields)
}

// AssertIdentifies reports a test failure unless html (a response body, or any part of the
// page) renders the Chatwoot widget once, for identifier, with an identifier_hash that
// verifies under hmacSecret, and with the fields of WithFields. It returns whether it passed.
func AssertIdentifies(t testing.TB, html, identifier, hmacSecret string, options ...Option) bool {
	t.Helper()
	check, err := CheckPage(html, identifier, hmacSecret, options...)
	return report(t, "AssertIdentifies", check, err)
}

// AssertPayloadIdentifies is AssertIdentifies for a set-user payload (what
// chatwootidentity.SetUserPayload returns) instead of a page.
func AssertPayloadIdentifies(t testing.TB, payload json.RawMessage, identifier, hmacSecret string, options ...Option) bool {
	t.Helper()
	check, err := chatwootidentity.CheckPayloadIdentity(payload, identifier, hmacSecret, expect(options).fields)
	return report(t, "AssertPayloadIdentifies", check, err)
}

// AssertAnonymous reports a test failure unless html identifies nobody: the widget for an
// anonymous visitor, or a chatwootidentity.ResetScript (the page after logout). It returns
// whether it passed.
func AssertAnonymous(t testing.TB, html string) bool {
	t.Helper()
	check, err := chatwootidentity.CheckPageAnonymous(html)
	return report(t, "AssertAnonymous", check, err)
}

func report(t testing.TB, assertion string, check chatwootidentity.PageCheck, err error) bool {
	t.Helper()
	if err != nil {
		// The library's messages never hold the secret.
		t.Errorf("chatwoottest.%s: %v", assertion, err)
		return false
	}
	if !check.Passed {
		t.Errorf("chatwoottest.%s:\n%s", assertion, check.Message())
	}
	return check.Passed
}
