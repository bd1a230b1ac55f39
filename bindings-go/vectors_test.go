package chatwootidentity

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// value is one vector value; see tests/vectors/README.md.
type value struct {
	UTF8    *string `json:"utf8"`
	Hex     *string `json:"hex"`
	Integer *string `json:"integer"`
}

// text is the value as the Go string this package takes (a Go string holds any bytes).
func (v value) text(t *testing.T) string {
	t.Helper()
	switch {
	case v.UTF8 != nil:
		return *v.UTF8
	case v.Hex != nil:
		raw, err := hex.DecodeString(*v.Hex)
		if err != nil {
			t.Fatal(err)
		}
		return string(raw)
	case v.Integer != nil && strings.HasPrefix(*v.Integer, "-"):
		n, err := strconv.ParseInt(*v.Integer, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		return Int64Identifier(n)
	case v.Integer != nil:
		n, err := strconv.ParseUint(*v.Integer, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		return Uint64Identifier(n)
	}
	t.Fatal("empty vector value")
	return ""
}

type vector struct {
	Description    string   `json:"description"`
	Secret         value    `json:"secret"`
	Identifier     value    `json:"identifier"`
	Candidate      value    `json:"candidate"`
	IdentifierHash string   `json:"identifier_hash"`
	Verified       bool     `json:"verified"`
	Error          string   `json:"error"`
	Findings       []string `json:"findings"`
}

func loadVectors(t *testing.T, name string) []vector {
	t.Helper()
	var file struct {
		Vectors []vector `json:"vectors"`
	}
	loadJSON(t, name, &file)
	if len(file.Vectors) == 0 {
		t.Fatalf("%s.json has no vectors", name)
	}
	return file.Vectors
}

func loadJSON(t *testing.T, name string, into any) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "tests", "vectors", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, into); err != nil {
		t.Fatal(err)
	}
}

func TestHashVectors(t *testing.T) {
	for _, v := range loadVectors(t, "hash") {
		secret, id := v.Secret.text(t), v.Identifier.text(t)
		got, err := IdentifierHash(secret, id)
		if err != nil || got != v.IdentifierHash {
			t.Errorf("%s: IdentifierHash = %q, %v", v.Description, got, err)
		}
		signer, err := NewSigner(secret)
		if err != nil {
			t.Fatalf("%s: %v", v.Description, err)
		}
		if got, err := signer.IdentifierHash(id); err != nil || got != v.IdentifierHash {
			t.Errorf("%s: Signer.IdentifierHash = %q, %v", v.Description, got, err)
		}
		if got, err := signer.IdentifierHashes([]string{id, id}); err != nil || got[0] != v.IdentifierHash || got[1] != v.IdentifierHash {
			t.Errorf("%s: Signer.IdentifierHashes = %q, %v", v.Description, got, err)
		}
		signer.Close()
	}
}

func TestVerifyVectors(t *testing.T) {
	for _, v := range loadVectors(t, "verify") {
		secret, id, candidate := v.Secret.text(t), v.Identifier.text(t), v.Candidate.text(t)
		if got, err := Verify(secret, id, candidate); err != nil || got != v.Verified {
			t.Errorf("%s: Verify = %v, %v", v.Description, got, err)
		}
		signer, err := NewSigner(secret)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := signer.Verify(id, candidate); err != nil || got != v.Verified {
			t.Errorf("%s: Signer.Verify = %v, %v", v.Description, got, err)
		}
		signer.Close()
	}
}

func TestErrorVectors(t *testing.T) {
	for _, v := range loadVectors(t, "error") {
		secret, id := v.Secret.text(t), v.Identifier.text(t)
		expectCode := func(call string, err error) {
			t.Helper()
			var typed *Error
			if !errors.As(err, &typed) || typed.Code() != v.Error {
				t.Errorf("%s: %s error = %v, want code %s", v.Description, call, err, v.Error)
			}
		}
		_, err := IdentifierHash(secret, id)
		expectCode("IdentifierHash", err)
		_, err = Verify(secret, id, "0000")
		expectCode("Verify", err)
		_, err = Diagnose(secret, id, "0000")
		expectCode("Diagnose", err)
		signer, err := NewSigner(secret)
		if v.Error == "empty_secret" {
			expectCode("NewSigner", err)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		_, err = signer.IdentifierHash(id)
		expectCode("Signer.IdentifierHash", err)
		_, err = signer.Verify(id, "0000")
		expectCode("Signer.Verify", err)
		_, err = signer.IdentifierHashes([]string{"ok", id})
		expectCode("Signer.IdentifierHashes", err)
		signer.Close()
	}
}

func TestDiagnoseVectors(t *testing.T) {
	for _, v := range loadVectors(t, "diagnose") {
		got, err := Diagnose(v.Secret.text(t), v.Identifier.text(t), v.Candidate.text(t))
		if err != nil {
			t.Fatalf("%s: %v", v.Description, err)
		}
		codes := []string{}
		for _, f := range got.Findings {
			codes = append(codes, f.Code)
			if f.Message == "" {
				t.Errorf("%s: finding %s has no message", v.Description, f.Code)
			}
		}
		if got.Verified != v.Verified || strings.Join(codes, ",") != strings.Join(v.Findings, ",") {
			t.Errorf("%s: Diagnose = %v %v, want %v %v", v.Description, got.Verified, codes, v.Verified, v.Findings)
		}
	}
}

// widgetVector is one case of widget.json (see tests/vectors/README.md).
type widgetVector struct {
	Description    string          `json:"description"`
	Secret         *string         `json:"secret"`
	Request        json.RawMessage `json:"request"`
	SetUserPayload map[string]any  `json:"set_user_payload"`
	Error          *struct {
		Code      string  `json:"code"`
		Path      *string `json:"path"`
		WrongType bool    `json:"wrong_type"`
	} `json:"error"`
}

// typedRequest reads a vector's request into this package's types, as a Go program would have
// built it (an integer identifier through Int64Identifier); false when Go's types cannot hold
// it at all (a number as a name, an unknown key).
func typedRequest(t *testing.T, raw json.RawMessage) (WidgetRequest, bool) {
	var loose map[string]any
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.UseNumber()
	if err := decoder.Decode(&loose); err != nil {
		t.Fatal(err)
	}
	if user, ok := loose["user"].(map[string]any); ok {
		if n, ok := user["identifier"].(json.Number); ok {
			id, err := n.Int64()
			if err != nil {
				return WidgetRequest{}, false
			}
			user["identifier"] = Int64Identifier(id)
		}
	}
	again, _ := json.Marshal(loose)
	var request WidgetRequest
	strict := json.NewDecoder(bytes.NewReader(again))
	strict.DisallowUnknownFields()
	return request, strict.Decode(&request) == nil
}

// Every request of widget.json through the JSON path the package uses, and through the typed
// structs whenever Go's types can hold it: a good one's snippet carries the hash and its payload
// equals the vector's; a bad one fails with its code, its path and its kind.
func TestWidgetVectors(t *testing.T) {
	var file struct {
		Vectors []widgetVector `json:"vectors"`
	}
	loadJSON(t, "widget", &file)
	typedGood, typedBad := 0, 0
	for _, v := range file.Vectors {
		var secret HMACSecret
		if v.Secret != nil {
			secret = Secret(*v.Secret)
		}
		typed, fits := typedRequest(t, v.Request)
		results := map[string]func() (string, error){"json": func() (string, error) { return widgetScriptJSON(secret, v.Request) }}
		if fits {
			results["typed"] = func() (string, error) { return WidgetScript(secret, typed) }
		}
		for path, render := range results {
			html, err := render()
			if v.Error == nil {
				hash, _ := v.SetUserPayload["identifier_hash"].(string)
				if err != nil || !strings.Contains(html, hash) {
					t.Errorf("%s (%s): %v", v.Description, path, err)
				}
				continue
			}
			var typedErr *Error
			wantPrefix := ""
			if v.Error.Path != nil {
				wantPrefix = *v.Error.Path + ": "
			}
			if !errors.As(err, &typedErr) || typedErr.Code() != v.Error.Code || typedErr.WrongType() != v.Error.WrongType ||
				!strings.HasPrefix(err.Error(), wantPrefix) || !errors.Is(err, sentinel(v.Error.Code)) || html != "" {
				t.Errorf("%s (%s): got %q %v, want %s at %q (wrong type %v)", v.Description, path, html, err, v.Error.Code,
					wantPrefix, v.Error.WrongType)
			}
		}
		if !fits {
			continue
		}
		if v.Error != nil {
			typedBad++
			continue
		}
		typedGood++
		if typed.User == nil {
			continue
		}
		payload, err := SetUserPayload(secret, *typed.User)
		var decoded map[string]any
		if err != nil || json.Unmarshal(payload, &decoded) != nil || !reflect.DeepEqual(decoded, v.SetUserPayload) {
			t.Errorf("%s: payload %s, %v; want %v", v.Description, payload, err, v.SetUserPayload)
		}
	}
	// Every good request fits the typed shape: a field missing from the Go structs fails here.
	good := 0
	for _, v := range file.Vectors {
		if v.Error == nil {
			good++
		}
	}
	if typedGood != good || typedBad == 0 {
		t.Errorf("%d of %d good requests fit the Go types, %d bad ones", typedGood, good, typedBad)
	}
}
