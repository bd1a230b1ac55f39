package chatwootidentity

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"testing"
)

// The competitor is what Chatwoot's Go documentation does: crypto/hmac, hex-encoded.
var benchSecret, benchID = []byte(docSecret), []byte(docID)

var sink string

func BenchmarkIdentifierHash(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink, _ = IdentifierHash(docSecret, docID)
	}
}

func BenchmarkHMACNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		mac := hmac.New(sha256.New, benchSecret)
		mac.Write(benchID)
		sink = hex.EncodeToString(mac.Sum(nil))
	}
}

func BenchmarkSignerIdentifierHash(b *testing.B) {
	signer, _ := NewSigner(docSecret)
	defer signer.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sink, _ = signer.IdentifierHash(docID)
	}
}

func BenchmarkHMACReset(b *testing.B) {
	mac := hmac.New(sha256.New, benchSecret)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sink = preparedHex(mac)
	}
}

func preparedHex(mac hash.Hash) string {
	mac.Reset()
	mac.Write(benchID)
	return hex.EncodeToString(mac.Sum(nil))
}

const batchSize = 10000

func batchIDs() []string {
	ids := make([]string, batchSize)
	for i := range ids {
		ids[i] = fmt.Sprintf("user-%08d@example.com", i)
	}
	return ids
}

func BenchmarkSignerIdentifierHashes(b *testing.B) {
	signer, _ := NewSigner(docSecret)
	defer signer.Close()
	ids := batchIDs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		hashes, _ := signer.IdentifierHashes(ids)
		sink = hashes[0]
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*batchSize), "ns/id")
}

func BenchmarkHMACResetLoop(b *testing.B) {
	mac := hmac.New(sha256.New, benchSecret)
	ids := batchIDs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		hashes := make([]string, len(ids))
		for j, id := range ids {
			mac.Reset()
			mac.Write([]byte(id))
			hashes[j] = hex.EncodeToString(mac.Sum(nil))
		}
		sink = hashes[0]
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*batchSize), "ns/id")
}
