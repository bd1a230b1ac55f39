package chatwootidentity

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"strconv"
	"strings"
	"testing"
	"time"
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

// Webhooks: a prepared WebhookVerifier against what an integrator writes with the standard
// library (crypto/hmac over timestamp "." body, hex, hmac.Equal, the age check), per request.
func webhookBenchInput(size int) ([]byte, SignedWebhook) {
	body := bytes.Repeat([]byte(`{"event":"message_created","content":"hello"},`), size/46+1)[:size]
	sent, _ := SignWebhook(webhookSecret, body, time.Now())
	return body, sent
}

var webhookSink VerifiedWebhook

func benchmarkWebhookVerifier(b *testing.B, size int) {
	body, sent := webhookBenchInput(size)
	verifier, _ := NewWebhookVerifier(webhookSecret)
	defer verifier.Close()
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var err error
		if webhookSink, err = verifier.Verify(body, sent.Signature, sent.Timestamp); err != nil {
			b.Fatal(err)
		}
	}
}

func benchmarkWebhookStdlib(b *testing.B, size int) {
	body, sent := webhookBenchInput(size)
	secret := []byte(webhookSecret)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if !stdlibVerify(secret, body, sent.Signature, sent.Timestamp, time.Now().Unix()) {
			b.Fatal("stdlib verification failed")
		}
	}
}

func stdlibVerify(secret, body []byte, signature, timestamp string, now int64) bool {
	seconds, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil || !strings.HasPrefix(signature, "sha256=") {
		return false
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(timestamp))
	mac.Write([]byte("."))
	mac.Write(body)
	expected := hex.EncodeToString(mac.Sum(nil))
	if !hmac.Equal([]byte(expected), []byte(signature[len("sha256="):])) {
		return false
	}
	age := now - seconds
	return age <= 300 && age >= -300
}

func BenchmarkWebhookVerifier1KB(b *testing.B)  { benchmarkWebhookVerifier(b, 1<<10) }
func BenchmarkWebhookStdlib1KB(b *testing.B)    { benchmarkWebhookStdlib(b, 1<<10) }
func BenchmarkWebhookVerifier64KB(b *testing.B) { benchmarkWebhookVerifier(b, 64<<10) }
func BenchmarkWebhookStdlib64KB(b *testing.B)   { benchmarkWebhookStdlib(b, 64<<10) }

func BenchmarkVerifyWebhook1KB(b *testing.B) {
	body, sent := webhookBenchInput(1 << 10)
	b.SetBytes(1 << 10)
	for i := 0; i < b.N; i++ {
		webhookSink, _ = VerifyWebhook(webhookSecret, body, sent.Signature, sent.Timestamp)
	}
}
