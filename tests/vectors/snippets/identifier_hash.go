// Chatwoot's documented Go snippet: hmac.New(sha256.New, key), Write(identifier), hex of Sum.
// Reads "secret_hex identifier_hex" lines on stdin, prints one identifier_hash per line.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// answer is the identifier_hash for one request's fields (requests.go prints it).
func answer(fields []string) string {
	key, identifier := unhex(fields[0]), unhex(fields[1])
	mac := hmac.New(sha256.New, key)
	mac.Write(identifier)
	return hex.EncodeToString(mac.Sum(nil))
}
