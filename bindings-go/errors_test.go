package chatwootidentity

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

const (
	docSecret = "your-secret-token-for-hmac"
	docID     = "unique-identifier-of-the-user"
	docHash   = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"
	// distinctive enough that finding it in any output can only mean a leak.
	leakySecret = "leak-canary-secret-7Hq2Zx9Pw"
)

func TestBadInputsReturnSentinels(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want error
	}{
		{"IdentifierHash empty secret", second(IdentifierHash("", docID)), ErrEmptySecret},
		{"IdentifierHash empty identifier", second(IdentifierHash(docSecret, "")), ErrEmptyIdentifier},
		{"Verify empty secret", second(Verify("", docID, docHash)), ErrEmptySecret},
		{"Verify empty identifier", second(Verify(docSecret, "", docHash)), ErrEmptyIdentifier},
		{"Diagnose empty secret", second(Diagnose("", docID, docHash)), ErrEmptySecret},
		{"Diagnose empty identifier", second(Diagnose(docSecret, "", docHash)), ErrEmptyIdentifier},
		{"NewSigner empty secret", second(NewSigner("")), ErrEmptySecret},
	}
	for _, c := range cases {
		if !errors.Is(c.err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.err, c.want)
		}
	}
	if errors.Is(ErrEmptySecret, ErrEmptyIdentifier) {
		t.Error("sentinels must be distinct")
	}
	if ErrEmptySecret.Code() != "empty_secret" || ErrEmptyIdentifier.Code() != "empty_identifier" {
		t.Errorf("codes: %s, %s", ErrEmptySecret.Code(), ErrEmptyIdentifier.Code())
	}
	if !strings.Contains(ErrEmptySecret.Error(), "secret") || !strings.Contains(ErrEmptyIdentifier.Error(), "identifier") {
		t.Error("messages must name the parameter")
	}
}

func TestEveryCoreStatusHasItsOwnSentinel(t *testing.T) {
	seen := map[string]bool{}
	for status, err := range sentinels {
		if err.Code() == "internal" || seen[err.Code()] || check(status) != err {
			t.Errorf("status %d: sentinel %v", status, err)
		}
		seen[err.Code()] = true
	}
	statuses := coreStatuses()
	if len(statuses) < 2 {
		t.Fatalf("only %d core statuses", len(statuses))
	}
	for _, status := range statuses {
		if sentinels[status] == nil {
			t.Errorf("status %d has a core code but no sentinel", status)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func TestMalformedHashesAreFalseNotErrors(t *testing.T) {
	for _, candidate := range []string{"", " " + docHash, strings.ToUpper(docHash), docHash[:63], "\x00\xff"} {
		ok, err := Verify(docSecret, docID, candidate)
		if ok || err != nil {
			t.Errorf("Verify(%q) = %v, %v", candidate, ok, err)
		}
	}
}

func TestValuesWithNULBytesAreHashedWhole(t *testing.T) {
	a, _ := IdentifierHash(docSecret, "user\x00a")
	b, _ := IdentifierHash(docSecret, "user\x00b")
	if a == b {
		t.Error("bytes after a NUL were ignored")
	}
}

func TestSecretNeverAppearsInOutput(t *testing.T) {
	signer, err := NewSigner(leakySecret)
	if err != nil {
		t.Fatal(err)
	}
	defer signer.Close()
	outputs := []string{fmt.Sprintf("%v %+v %#v", signer, signer, signer)}
	for _, err := range []error{
		second(signer.IdentifierHash("")),
		second(signer.IdentifierHashes([]string{"a", ""})),
		second(Verify(leakySecret, "", docHash)),
		second(Diagnose(leakySecret, "", docHash)),
	} {
		outputs = append(outputs, fmt.Sprintf("%v %+v %#v", err, err, err))
	}
	diagnosis, err := Diagnose(leakySecret, docID, leakySecret)
	if err != nil {
		t.Fatal(err)
	}
	outputs = append(outputs, fmt.Sprintf("%+v", diagnosis))
	for _, out := range outputs {
		if strings.Contains(out, leakySecret) {
			t.Errorf("the secret leaked: %s", out)
		}
	}
}

func TestIntegerIdentifiersUseTheCoreRule(t *testing.T) {
	if got := Int64Identifier(-9223372036854775808); got != "-9223372036854775808" {
		t.Error(got)
	}
	if got := Uint64Identifier(18446744073709551615); got != "18446744073709551615" {
		t.Error(got)
	}
	numeric, _ := IdentifierHash(docSecret, Int64Identifier(42))
	textual, _ := IdentifierHash(docSecret, "42")
	if numeric != textual {
		t.Error("42 and \"42\" must hash alike")
	}
}

func TestVersionIsTheCrateVersion(t *testing.T) {
	// make exports the workspace's crate version; a plain `go test` checks the shape only.
	if want := os.Getenv("EXPECTED_CRATE_VERSION"); want != "" && Version() != want {
		t.Errorf("Version() = %q, crate %q", Version(), want)
	}
	if strings.Count(Version(), ".") != 2 {
		t.Errorf("Version() = %q", Version())
	}
}
