package chatwootidentity

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
)

const (
	testBaseURL = "https://chat.example.com/"
	testToken   = "QrtMG8GydFgEy7bVzsLLmHoq"
	hostileName = "</script><script>alert(1)</script>"
)

func hostileUser() *WidgetUser {
	return &WidgetUser{Identifier: "user-42", Name: hostileName, Email: "jane@example.com"}
}

func TestAnonymousVisitorGetsTheLoaderOnly(t *testing.T) {
	html, err := WidgetScript("", WidgetRequest{BaseURL: testBaseURL, WebsiteToken: testToken})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(html, "<script>\n") || !strings.HasSuffix(html, "</script>") {
		t.Errorf("not one script element: %q", html)
	}
	if !strings.Contains(html, `"baseUrl":"https://chat.example.com"`) || strings.Contains(html, `"user"`) {
		t.Errorf("unexpected document: %s", html)
	}
}

func TestHostileUserIsSignedAndEscaped(t *testing.T) {
	html, err := WidgetScript(leakySecret, WidgetRequest{
		BaseURL: testBaseURL, WebsiteToken: testToken, User: hostileUser(), Nonce: "r4nd0m+/==",
	})
	if err != nil {
		t.Fatal(err)
	}
	hash, _ := IdentifierHash(leakySecret, "user-42")
	switch {
	case !strings.HasPrefix(html, `<script nonce="r4nd0m+/==">`):
		t.Errorf("nonce missing: %.40s", html)
	case strings.Count(html, "</script>") != 1:
		t.Errorf("the name closed the element: %s", html)
	case !strings.Contains(html, `\u003c/script\u003e\u003cscript\u003e`):
		t.Errorf("the name is not escaped: %s", html)
	case !strings.Contains(html, hash):
		t.Error("no identifier_hash")
	case strings.Contains(html, leakySecret):
		t.Error("the secret reached the page")
	}
}

// The core refuses unknown fields, so a fully populated request fails on any misspelt tag.
func TestEveryFieldReachesTheCoreUnderItsName(t *testing.T) {
	yes, no := true, false
	request := WidgetRequest{
		BaseURL: testBaseURL, WebsiteToken: testToken, Nonce: "abc",
		Settings: &WidgetSettings{
			Locale: "pt_BR", UseBrowserLanguage: &yes, Position: PositionLeft, Type: WidgetTypeExpandedBubble,
			LauncherTitle: "Chat", HideMessageBubble: &no, ShowUnreadMessagesDialog: &no, ShowPopoutButton: &yes,
			DarkMode: DarkModeAuto, BaseDomain: "example.com",
		},
		User: &WidgetUser{
			Identifier: Int64Identifier(42), Name: "Jane", Email: "jane@example.com", AvatarURL: "https://example.com/a.png",
			PhoneNumber: "+15551234567", Description: "VIP", CountryCode: "BR", City: "Recife", CompanyName: "Acme",
			SocialProfiles:   map[string]string{"github": "jane"},
			CustomAttributes: map[string]any{"plan": "pro", "seats": 5, "ratio": 0.5, "trial": false},
		},
	}
	html, err := WidgetScript(docSecret, request)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"locale":"pt_BR"`, `"useBrowserLanguage":true`, `"position":"left"`, `"type":"expanded_bubble"`,
		`"launcherTitle":"Chat"`, `"hideMessageBubble":false`, `"showUnreadMessagesDialog":false`,
		`"showPopoutButton":true`, `"darkMode":"auto"`, `"baseDomain":"example.com"`,
		`"identifier":"42"`, `"avatar_url":"https://example.com/a.png"`, `"phone_number":"+15551234567"`,
		`"description":"VIP"`, `"country_code":"BR"`, `"city":"Recife"`, `"company_name":"Acme"`,
		`"social_profiles":{"github":"jane"}`, `"seats":5`, `"ratio":0.5`, `"trial":false`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in %s", want, html)
		}
	}
}

func TestWidgetErrorsAreSentinels(t *testing.T) {
	base := func() WidgetRequest { return WidgetRequest{BaseURL: testBaseURL, WebsiteToken: testToken} }
	with := func(change func(*WidgetRequest)) WidgetRequest { r := base(); change(&r); return r }
	cases := []struct {
		name    string
		secret  string
		request WidgetRequest
		want    error
	}{
		{"base URL", "", with(func(r *WidgetRequest) { r.BaseURL = "javascript:alert(1)" }), ErrInvalidBaseURL},
		{"token", "", with(func(r *WidgetRequest) { r.WebsiteToken = `x"><script>` }), ErrInvalidWebsiteToken},
		{"nonce", "", with(func(r *WidgetRequest) { r.Nonce = `a" onload="x` }), ErrInvalidNonce},
		{"no secret", "", with(func(r *WidgetRequest) { r.User = hostileUser() }), ErrMissingSecret},
		{"incomplete", docSecret, with(func(r *WidgetRequest) { r.User = &WidgetUser{Identifier: "a"} }), ErrIncompleteUser},
		{"empty id", docSecret, with(func(r *WidgetRequest) { r.User = &WidgetUser{Name: "Jane"} }), ErrEmptyIdentifier},
		{"position", "", with(func(r *WidgetRequest) { r.Settings = &WidgetSettings{Position: "middle"} }), ErrInvalidWidgetJSON},
		{"nested attribute", docSecret, with(func(r *WidgetRequest) {
			r.User = &WidgetUser{Identifier: "a", Name: "b", CustomAttributes: map[string]any{"x": []int{1}}}
		}), ErrInvalidWidgetJSON},
		{"NaN attribute", docSecret, with(func(r *WidgetRequest) {
			r.User = &WidgetUser{Identifier: "a", Name: "b", CustomAttributes: map[string]any{"x": math.NaN()}}
		}), ErrInvalidWidgetJSON},
	}
	for _, c := range cases {
		html, err := WidgetScript(c.secret, c.request)
		if !errors.Is(err, c.want) || html != "" {
			t.Errorf("%s: got %q, %v; want %v", c.name, html, err, c.want)
		}
	}
}

func TestLargeSnippetsTakeTheSizedPath(t *testing.T) {
	long := strings.Repeat("é<", 3000)
	user := &WidgetUser{Identifier: "user-1", Name: "Jane", Description: long}
	html, err := WidgetScript(docSecret, WidgetRequest{BaseURL: testBaseURL, WebsiteToken: testToken, User: user})
	if err != nil {
		t.Fatal(err)
	}
	if len(html) <= firstBufferSize || !strings.Contains(html, strings.Repeat(`é\u003c`, 3000)) ||
		!strings.HasSuffix(html, "\n</script>") {
		t.Errorf("a %d-byte snippet was cut or mangled", len(html))
	}
}

func TestSetUserPayload(t *testing.T) {
	payload, err := SetUserPayload(docSecret, WidgetUser{Identifier: Uint64Identifier(1 << 60), Email: "jane@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	var decoded map[string]any
	if err := json.Unmarshal(payload, &decoded); err != nil {
		t.Fatal(err)
	}
	hash, _ := IdentifierHash(docSecret, "1152921504606846976")
	if decoded["identifier"] != "1152921504606846976" || decoded["identifier_hash"] != hash ||
		decoded["email"] != "jane@example.com" {
		t.Errorf("payload %s", payload)
	}
	for _, c := range []struct {
		secret string
		user   WidgetUser
		want   error
	}{
		{"", WidgetUser{Identifier: "a", Name: "b"}, ErrEmptySecret},
		{docSecret, WidgetUser{Identifier: "a"}, ErrIncompleteUser},
		{docSecret, WidgetUser{Name: "b"}, ErrEmptyIdentifier},
	} {
		if payload, err := SetUserPayload(c.secret, c.user); !errors.Is(err, c.want) || payload != nil {
			t.Errorf("%+v: %s, %v; want %v", c.user, payload, err, c.want)
		}
	}
}

func TestResetScript(t *testing.T) {
	plain, err := ResetScript("")
	if err != nil || !strings.HasPrefix(plain, "<script>\n") || !strings.Contains(plain, "$chatwoot.reset()") {
		t.Errorf("%q, %v", plain, err)
	}
	withNonce, err := ResetScript("abc123")
	if err != nil || !strings.HasPrefix(withNonce, `<script nonce="abc123">`) {
		t.Errorf("%q, %v", withNonce, err)
	}
	if script, err := ResetScript(`"><script>`); !errors.Is(err, ErrInvalidNonce) || script != "" {
		t.Errorf("%q, %v", script, err)
	}
}

func TestWidgetCallsAreSafeFromManyGoroutines(t *testing.T) {
	want, _ := WidgetScript(docSecret, WidgetRequest{BaseURL: testBaseURL, WebsiteToken: testToken, User: hostileUser()})
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				got, err := WidgetScript(docSecret, WidgetRequest{BaseURL: testBaseURL, WebsiteToken: testToken, User: hostileUser()})
				if err != nil || got != want {
					t.Errorf("goroutine result differs: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestWidgetErrorsNeverHoldTheSecret(t *testing.T) {
	request := WidgetRequest{BaseURL: "ftp://" + leakySecret, WebsiteToken: leakySecret, User: &WidgetUser{Identifier: leakySecret}}
	_, err1 := WidgetScript(leakySecret, request)
	_, err2 := SetUserPayload(leakySecret, WidgetUser{Identifier: leakySecret})
	_, err3 := ResetScript(leakySecret + `"`)
	for _, err := range []error{err1, err2, err3} {
		if err == nil {
			t.Fatal("expected an error")
		}
		if out := fmt.Sprintf("%v %+v %#v", err, err, err); strings.Contains(out, leakySecret) {
			t.Errorf("the secret leaked: %s", out)
		}
	}
}
