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
	html, err := WidgetScript(nil, WidgetRequest{BaseURL: testBaseURL, WebsiteToken: testToken})
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
	html, err := WidgetScript(Secret(leakySecret), WidgetRequest{
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
	signer, _ := NewSigner(docSecret)
	defer signer.Close()
	html, err := WidgetScript(signer, request)
	if err != nil {
		t.Fatal(err)
	}
	if withSecret, _ := WidgetScript(Secret(docSecret), request); withSecret != html {
		t.Error("a Signer and its secret must sign alike")
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

// What only Go can get wrong: values encoding/json refuses, a closed or nil Signer. Every other
// bad request is a case of the shared widget.json (vectors_test.go).
func TestGoValuesTheCoreCannotTakeAreInvalidRequests(t *testing.T) {
	user := func(value any) WidgetRequest {
		attributes := map[string]any{"x": value}
		return WidgetRequest{BaseURL: testBaseURL, WebsiteToken: testToken,
			User: &WidgetUser{Identifier: "a", Name: "b", CustomAttributes: attributes}}
	}
	cases := []struct {
		name      string
		request   WidgetRequest
		prefix    string
		wrongType bool
	}{
		{"NaN attribute", user(math.NaN()), "request: json: unsupported value: NaN", false},
		{"channel attribute", user(make(chan int)), "request: json: unsupported type", true},
		{"slice attribute", user([]int{1}), "user.custom_attributes.x: invalid type: sequence", true},
		{"unknown position", WidgetRequest{BaseURL: testBaseURL, WebsiteToken: testToken, Settings: &WidgetSettings{Position: "top"}},
			"settings.position: unknown variant, expected `left` or `right`", false},
	}
	for _, c := range cases {
		html, err := WidgetScript(Secret(docSecret), c.request)
		var typed *Error
		if !errors.Is(err, ErrInvalidWidgetRequest) || !errors.As(err, &typed) || typed.WrongType() != c.wrongType ||
			!strings.HasPrefix(err.Error(), c.prefix) || html != "" {
			t.Errorf("%s: got %q, %v", c.name, html, err)
		}
	}
	closed, _ := NewSigner(docSecret)
	closed.Close()
	withUser := user("pro")
	if _, err := WidgetScript(closed, withUser); !errors.Is(err, ErrClosed) {
		t.Errorf("closed signer: %v", err)
	}
	var none *Signer
	if _, err := WidgetScript(none, withUser); !errors.Is(err, ErrMissingSecret) {
		t.Errorf("nil signer: %v", err)
	}
	if _, err := SetUserPayload(none, *withUser.User); !errors.Is(err, ErrMissingSecret) {
		t.Errorf("nil signer payload: %v", err)
	}
	if _, err := WidgetScript(Secret(""), withUser); !errors.Is(err, ErrEmptySecret) {
		t.Errorf("empty secret: %v", err)
	}
}

func TestLargeSnippetsTakeTheSizedPath(t *testing.T) {
	long := strings.Repeat("é<", 3000)
	user := &WidgetUser{Identifier: "user-1", Name: "Jane", Description: long}
	html, err := WidgetScript(Secret(docSecret), WidgetRequest{BaseURL: testBaseURL, WebsiteToken: testToken, User: user})
	if err != nil {
		t.Fatal(err)
	}
	if len(html) <= firstBufferSize || !strings.Contains(html, strings.Repeat(`é\u003c`, 3000)) ||
		!strings.HasSuffix(html, "\n</script>") {
		t.Errorf("a %d-byte snippet was cut or mangled", len(html))
	}
}

func TestSetUserPayload(t *testing.T) {
	payload, err := SetUserPayload(Secret(docSecret), WidgetUser{Identifier: Uint64Identifier(1 << 60), Email: "jane@example.com"})
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
		secret HMACSecret
		user   WidgetUser
		want   error
	}{
		{Secret(""), WidgetUser{Identifier: "a", Name: "b"}, ErrEmptySecret},
		{nil, WidgetUser{Identifier: "a", Name: "b"}, ErrMissingSecret},
		{Secret(docSecret), WidgetUser{Identifier: "a"}, ErrIncompleteUser},
		{Secret(docSecret), WidgetUser{Name: "b"}, ErrEmptyIdentifier},
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
	if script, err := ResetScript(`"><script>`); !errors.Is(err, ErrInvalidNonce) || script != "" ||
		!strings.HasPrefix(err.Error(), "nonce must be a CSP nonce") {
		t.Errorf("%q, %v", script, err)
	}
}

func TestWidgetCallsAreSafeFromManyGoroutines(t *testing.T) {
	signer, _ := NewSigner(docSecret)
	defer signer.Close()
	want, _ := WidgetScript(signer, WidgetRequest{BaseURL: testBaseURL, WebsiteToken: testToken, User: hostileUser()})
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				got, err := WidgetScript(signer, WidgetRequest{BaseURL: testBaseURL, WebsiteToken: testToken, User: hostileUser()})
				if err != nil || got != want {
					t.Errorf("goroutine result differs: %v", err)
					return
				}
				// Failures on many goroutines at once: each gets its own message.
				_, err = WidgetScript(signer, WidgetRequest{BaseURL: testBaseURL, WebsiteToken: testToken, Nonce: "a b"})
				if !strings.HasPrefix(fmt.Sprint(err), "nonce must be a CSP nonce") {
					t.Errorf("another goroutine's message: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestWidgetErrorsNeverHoldTheSecret(t *testing.T) {
	request := WidgetRequest{BaseURL: "ftp://" + leakySecret, WebsiteToken: leakySecret, User: &WidgetUser{Identifier: leakySecret}}
	_, err1 := WidgetScript(Secret(leakySecret), request)
	_, err2 := SetUserPayload(Secret(leakySecret), WidgetUser{Identifier: leakySecret})
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
