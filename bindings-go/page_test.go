package chatwootidentity

import (
	"errors"
	"testing"
)

func TestReadPageAndTheChecksAnswer(t *testing.T) {
	script, err := WidgetScript(Secret(leakySecret), WidgetRequest{BaseURL: testBaseURL, WebsiteToken: testToken, User: hostileUser()})
	if err != nil {
		t.Fatal(err)
	}
	reset, _ := ResetScript("")
	widget, err := ReadPage("<body>" + script + reset + "</body>")
	if err != nil || widget.Snippets != 1 || widget.Resets != 1 || widget.User == nil || widget.User.Attributes["name"] != hostileName {
		t.Fatalf("ReadPage: %+v, %v", widget, err)
	}
	check, err := CheckPageIdentity(script, "user-42", leakySecret, map[string]any{"email": "jane@example.com"})
	if err != nil || !check.Passed || check.Message() != "" {
		t.Fatalf("CheckPageIdentity: %+v, %v", check, err)
	}
	check, err = CheckPageAnonymous(script)
	if err != nil || check.Passed || len(check.Problems) != 1 || check.Problems[0].Code != "unexpected_user" {
		t.Fatalf("CheckPageAnonymous: %+v, %v", check, err)
	}
	if _, err := CheckPageIdentity(script, "user-42", "", nil); !errors.Is(err, ErrEmptySecret) {
		t.Errorf("empty secret: %v", err)
	}
	if _, err := CheckPayloadIdentity([]byte(`{}`), "user-42", "", nil); !errors.Is(err, ErrEmptySecret) {
		t.Errorf("payload, empty secret: %v", err)
	}
}

// A page bigger than sizedText's first buffer takes the second call.
func TestALargePageIsRead(t *testing.T) {
	user := hostileUser()
	for len(user.Description) < 3*firstBufferSize {
		user.Description += "a long description "
	}
	script, err := WidgetScript(Secret(leakySecret), WidgetRequest{BaseURL: testBaseURL, WebsiteToken: testToken, User: user})
	if err != nil {
		t.Fatal(err)
	}
	check, err := CheckPageIdentity(script, "user-42", leakySecret, map[string]any{"description": user.Description})
	if err != nil || !check.Passed || check.Widget.User.Attributes["description"] != user.Description {
		t.Fatalf("a large page: %v, %v", check.Problems, err)
	}
}
