package chatwootidentity

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"testing"
)

func reference(secret, identifier string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(identifier))
	return hex.EncodeToString(mac.Sum(nil))
}

// The one-off calls keep a Signer for a secret that comes twice in a row: repeated and
// alternating secrets of every key length must each still get crypto/hmac's answer.
func TestOneOffCallsWithRepeatedAndAlternatingSecrets(t *testing.T) {
	for _, length := range []int{1, 31, 63, 64, 65, 129, 1000} {
		secret := strings.Repeat("k", length)
		other := secret + "-other"
		for _, identifier := range []string{docID, strings.Repeat("x", 100)} {
			for round := 0; round < 3; round++ { // the first call keeps nothing; later ones use the Signer
				for _, s := range []string{secret, secret, other, secret} {
					want := reference(s, identifier)
					got, err := IdentifierHash(s, identifier)
					if err != nil || got != want {
						t.Fatalf("IdentifierHash(len %d): %q, %v; want %q", len(s), got, err, want)
					}
					if ok, err := Verify(s, identifier, want); !ok || err != nil {
						t.Fatalf("Verify(len %d) of the right hash: %v, %v", len(s), ok, err)
					}
					if ok, err := Verify(s, identifier, strings.ToUpper(want)); ok || err != nil {
						t.Fatalf("Verify(len %d) of uppercase hex: %v, %v", len(s), ok, err)
					}
				}
			}
		}
	}
}

// Repeated calls report exactly what the first one did.
func TestOneOffCallsRepeatedReportTheSameErrors(t *testing.T) {
	for round := 0; round < 3; round++ {
		if _, err := IdentifierHash("", docID); !errors.Is(err, ErrEmptySecret) {
			t.Fatalf("round %d: empty secret gave %v", round, err)
		}
		if _, err := Verify("", docID, docHash); !errors.Is(err, ErrEmptySecret) {
			t.Fatalf("round %d: empty secret gave %v", round, err)
		}
	}
	var first error
	for round := 0; round < 3; round++ {
		_, err := IdentifierHash(docSecret, "")
		if !errors.Is(err, ErrEmptyIdentifier) {
			t.Fatalf("round %d: empty identifier gave %v", round, err)
		}
		if first == nil {
			first = err
		} else if err.Error() != first.Error() {
			t.Fatalf("round %d: %q, first %q", round, err, first)
		}
		if _, err := Verify(docSecret, "", docHash); !errors.Is(err, ErrEmptyIdentifier) {
			t.Fatalf("round %d: empty identifier gave %v", round, err)
		}
	}
}

// Goroutines alternating between secrets race on the kept entry (go test -race) and must
// always get the right hash.
func TestOneOffCallsAreSafeForConcurrentUse(t *testing.T) {
	secrets := []string{docSecret, "another-inbox-secret", docSecret + "!"}
	var wait sync.WaitGroup
	for g := 0; g < 8; g++ {
		wait.Add(1)
		go func(g int) {
			defer wait.Done()
			for i := 0; i < 2000; i++ {
				secret := secrets[(i/(g+1))%len(secrets)]
				if got, err := IdentifierHash(secret, docID); err != nil || got != reference(secret, docID) {
					t.Errorf("goroutine %d: %q, %v", g, got, err)
					return
				}
			}
		}(g)
	}
	wait.Wait()
}
