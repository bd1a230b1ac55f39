package chatwoottest_test

import (
	"fmt"
	"html"
	"strings"
	"testing"

	chatwootidentity "github.com/chatwoot-identity/chatwoot-identity/bindings-go"
	"github.com/chatwoot-identity/chatwoot-identity/bindings-go/chatwoottest"
)

const (
	secret = "leak-canary-secret-7Hq2Zx9Pw"
	token  = "QrtMG8GydFgEy7bVzsLLmHoq"
)

// recorder is a testing.TB that records what an assertion reports instead of failing.
type recorder struct {
	testing.TB
	helper  bool
	errorfs []string
}

func (r *recorder) Helper() { r.helper = true }

func (r *recorder) Errorf(format string, args ...any) {
	r.errorfs = append(r.errorfs, fmt.Sprintf(format, args...))
}

func record(t *testing.T) *recorder { return &recorder{TB: t} }

func snippet(t *testing.T, user *chatwootidentity.WidgetUser) string {
	t.Helper()
	script, err := chatwootidentity.WidgetScript(chatwootidentity.Secret(secret), chatwootidentity.WidgetRequest{
		BaseURL: "https://chat.example.com", WebsiteToken: token, User: user,
	})
	if err != nil {
		t.Fatal(err)
	}
	return script
}

func ada() *chatwootidentity.WidgetUser {
	return &chatwootidentity.WidgetUser{Identifier: "user-42", Name: "Ada", Email: "ada@example.com",
		CustomAttributes: map[string]any{"plan": "pro"}}
}

func page(snippets ...string) string {
	return "<html><body><h1>Dashboard</h1>" + strings.Join(snippets, "\n") + "</body></html>"
}

func TestTheRightPagePasses(t *testing.T) {
	right := page(snippet(t, ada()))
	r := record(t)
	ok := chatwoottest.AssertIdentifies(r, right, "user-42", secret,
		chatwoottest.WithFields(map[string]any{"email": "ada@example.com"}),
		chatwoottest.WithFields(map[string]any{"custom_attributes": map[string]any{"plan": "pro"}}))
	if !ok || len(r.errorfs) != 0 {
		t.Fatalf("the right page failed: %v", r.errorfs)
	}
	check, err := chatwoottest.CheckPage(right, "user-42", secret)
	if err != nil || !check.Passed || len(check.Problems) != 0 {
		t.Fatalf("CheckPage: %+v, %v", check, err)
	}
	user := check.Widget.User
	if check.Widget.Snippets != 1 || user == nil || user.Identifier != "user-42" || user.Attributes["name"] != "Ada" {
		t.Errorf("the identity read from the page: %+v", check.Widget)
	}
	hash, _ := chatwootidentity.IdentifierHash(secret, "user-42")
	if user.IdentifierHash != hash || check.Widget.WebsiteToken != token || check.Widget.BaseURL != "https://chat.example.com" {
		t.Errorf("the page's hash and inbox: %+v", check.Widget)
	}
}

// Each wrong page fails AssertIdentifies through t.Errorf (after t.Helper) with the core's
// problem, and CheckPage names its code.
func TestWrongPagesFail(t *testing.T) {
	right := snippet(t, ada())
	anonymous := snippet(t, nil)
	cases := []struct {
		name, html, identifier, secret, code, says string
		fields                                     map[string]any
	}{
		{"wrong identifier", page(right), "user-43", secret, "wrong_identifier", `Expected "user-43", the page identifies "user-42".`, nil},
		{"wrong secret", page(right), "user-42", "another-secret", "hash_mismatch", "diagnose: ", nil},
		{"wrong field", page(right), "user-42", secret, "field_mismatch", `email: expected "bob@example.com", the page has "ada@example.com".`,
			map[string]any{"email": "bob@example.com"}},
		{"escaped snippet", page(html.EscapeString(right)), "user-42", secret, "escaped_widget", "HTML-escaped", nil},
		{"no widget", page(), "user-42", secret, "no_widget", "no Chatwoot widget snippet", nil},
		{"two widgets", page(right, right), "user-42", secret, "several_widgets", "It renders 2.", nil},
		{"anonymous", page(anonymous), "user-42", secret, "anonymous", "anonymous visitor", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := record(t)
			if chatwoottest.AssertIdentifies(r, c.html, c.identifier, c.secret, chatwoottest.WithFields(c.fields)) {
				t.Error("AssertIdentifies passed")
			}
			if !r.helper || len(r.errorfs) != 1 {
				t.Fatalf("want t.Helper and one Errorf, got helper=%v %q", r.helper, r.errorfs)
			}
			message := r.errorfs[0]
			if !strings.HasPrefix(message, "chatwoottest.AssertIdentifies:\n") || !strings.Contains(message, c.says) {
				t.Errorf("message %q does not say %q", message, c.says)
			}
			if strings.Contains(message, secret) || strings.Contains(message, "another-secret") {
				t.Errorf("the secret leaked: %q", message)
			}
			check, err := chatwoottest.CheckPage(c.html, c.identifier, c.secret, chatwoottest.WithFields(c.fields))
			if err != nil || check.Passed || len(check.Problems) != 1 || check.Problems[0].Code != c.code {
				t.Errorf("CheckPage: %+v, %v", check.Problems, err)
			}
		})
	}
}

func TestAnonymousPages(t *testing.T) {
	reset, err := chatwootidentity.ResetScript("")
	if err != nil {
		t.Fatal(err)
	}
	for name, html := range map[string]string{"anonymous widget": page(snippet(t, nil)), "after logout": page(reset)} {
		r := record(t)
		if !chatwoottest.AssertAnonymous(r, html) || len(r.errorfs) != 0 {
			t.Errorf("%s: %v", name, r.errorfs)
		}
	}
	r := record(t)
	if chatwoottest.AssertAnonymous(r, page(snippet(t, ada()))) || len(r.errorfs) != 1 ||
		!strings.Contains(r.errorfs[0], `It identifies "user-42".`) {
		t.Errorf("a signed-in page passed as anonymous: %q", r.errorfs)
	}
}

func TestPayloads(t *testing.T) {
	payload, err := chatwootidentity.SetUserPayload(chatwootidentity.Secret(secret), *ada())
	if err != nil {
		t.Fatal(err)
	}
	r := record(t)
	if !chatwoottest.AssertPayloadIdentifies(r, payload, "user-42", secret, chatwoottest.WithFields(map[string]any{"name": "Ada"})) {
		t.Errorf("the right payload failed: %v", r.errorfs)
	}
	if chatwoottest.AssertPayloadIdentifies(r, payload, "user-42", "another-secret") ||
		!strings.Contains(strings.Join(r.errorfs, ""), "identifier_hash on the page does not verify") {
		t.Errorf("a payload signed with another secret passed: %v", r.errorfs)
	}
	if chatwoottest.AssertPayloadIdentifies(r, []byte(`{"name": "Ada"}`), "user-42", secret) ||
		!strings.Contains(r.errorfs[len(r.errorfs)-1], "not a JSON object with identifier") {
		t.Errorf("a malformed payload passed: %v", r.errorfs)
	}
}

// Bad arguments fail the assertion with the library's typed error, never with the secret.
func TestBadArgumentsFailWithTheTypedError(t *testing.T) {
	right := page(snippet(t, ada()))
	r := record(t)
	if chatwoottest.AssertIdentifies(r, right, "user-42", "") || len(r.errorfs) != 1 ||
		!strings.Contains(r.errorfs[0], "secret must not be empty") {
		t.Errorf("empty secret: %q", r.errorfs)
	}
	_, err := chatwoottest.CheckPage(right, "user-42", secret, chatwoottest.WithFields(map[string]any{"bad": make(chan int)}))
	if code := errorCode(err); code != "invalid_widget_request" || !strings.HasPrefix(err.Error(), "fields: ") {
		t.Errorf("fields JSON cannot hold: %v (%s)", err, code)
	}
}

func errorCode(err error) string {
	if e, ok := err.(*chatwootidentity.Error); ok {
		return e.Code()
	}
	return ""
}
