package chatwootidentity

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
)

func TestSignerIsSafeForConcurrentUse(t *testing.T) {
	signer, err := NewSigner(docSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer signer.Close()
	const goroutines, perGoroutine = 8, 2000
	var wg sync.WaitGroup
	failures := make(chan string, goroutines*perGoroutine)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < perGoroutine; i++ {
				id := fmt.Sprintf("goroutine-%d-user-%d", g, i)
				shared, err1 := signer.IdentifierHash(id)
				alone, err2 := IdentifierHash(docSecret, id)
				ok, err3 := signer.Verify(id, shared)
				if err1 != nil || err2 != nil || err3 != nil || shared != alone || !ok {
					failures <- id
				}
			}
		}(g)
	}
	wg.Wait()
	close(failures)
	for id := range failures {
		t.Errorf("shared signer disagreed for %s", id)
	}
}

func TestIdentifierHashesMatchesSingleHashes(t *testing.T) {
	signer, _ := NewSigner(docSecret)
	defer signer.Close()
	for _, n := range []int{0, 1, 4095, 10000} {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = fmt.Sprintf("user-%d", i)
		}
		hashes, err := signer.IdentifierHashes(ids)
		if err != nil || len(hashes) != n {
			t.Fatalf("n=%d: %d hashes, %v", n, len(hashes), err)
		}
		for i, id := range ids {
			if want, _ := signer.IdentifierHash(id); hashes[i] != want {
				t.Fatalf("n=%d: hash %d differs", n, i)
			}
		}
	}
}

func TestIdentifierHashesNamesTheEmptyIdentifier(t *testing.T) {
	signer, _ := NewSigner(docSecret)
	defer signer.Close()
	_, err := signer.IdentifierHashes([]string{"a", "b", "", "d"})
	if !errors.Is(err, ErrEmptyIdentifier) || !strings.HasPrefix(err.Error(), "identifiers[2] must not be empty: ") {
		t.Errorf("got %v", err)
	}
	many := make([]string, 70000)
	for i := range many {
		many[i] = fmt.Sprint(i)
	}
	many[69999] = ""
	if _, err := signer.IdentifierHashes(many); !strings.HasPrefix(fmt.Sprint(err), "identifiers[69999] ") {
		t.Errorf("a late empty identifier is named by its place in the whole batch: %v", err)
	}
	if _, err := signer.IdentifierHashes([]string{""}); !errors.Is(err, ErrEmptyIdentifier) {
		t.Errorf("all-empty batch: %v", err)
	}
}

func TestClosedSignerReportsErrClosed(t *testing.T) {
	signer, _ := NewSigner(docSecret)
	if err := signer.Close(); err != nil {
		t.Fatal(err)
	}
	if err := signer.Close(); err != nil {
		t.Fatal("a second Close must be harmless")
	}
	if _, err := signer.IdentifierHash(docID); !errors.Is(err, ErrClosed) {
		t.Errorf("IdentifierHash: %v", err)
	}
	if _, err := signer.Verify(docID, docHash); !errors.Is(err, ErrClosed) {
		t.Errorf("Verify: %v", err)
	}
	if _, err := signer.IdentifierHashes([]string{docID}); !errors.Is(err, ErrClosed) {
		t.Errorf("IdentifierHashes: %v", err)
	}
}

func TestUnclosedSignersAreFreedByTheFinalizer(t *testing.T) {
	for i := 0; i < 1000; i++ {
		if _, err := NewSigner(docSecret); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	runtime.GC()
}
