// A receiver's check in Go: hmac.New(sha256.New, secret), Write(ts), Write("."), Write(body).
// Reads "secret_hex timestamp_hex body_hex" lines on stdin, prints one X-Chatwoot-Signature per line.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// answer is the X-Chatwoot-Signature for one request's fields (requests.go prints it).
func answer(fields []string) string {
	secret, ts, body := unhex(fields[0]), unhex(fields[1]), unhex(fields[2])
	mac := hmac.New(sha256.New, secret)
	mac.Write(ts)
	mac.Write([]byte("."))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}
