package chatwootidentity

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
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
	raw, err := os.ReadFile(filepath.Join("..", "..", "tests", "vectors", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Vectors []vector `json:"vectors"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Vectors) == 0 {
		t.Fatalf("%s.json has no vectors", name)
	}
	return file.Vectors
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
