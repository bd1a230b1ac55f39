// A receiver's check in Go: hmac.New(sha256.New, secret), Write(ts), Write("."), Write(body).
// Reads "secret_hex timestamp_hex body_hex" lines on stdin, prints one X-Chatwoot-Signature per line.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

func main() {
	eachRequest(func(fields []string) {
		secret, ts, body := unhex(fields[0]), unhex(fields[1]), unhex(fields[2])
		mac := hmac.New(sha256.New, secret)
		mac.Write(ts)
		mac.Write([]byte("."))
		mac.Write(body)
		fmt.Println("sha256=" + hex.EncodeToString(mac.Sum(nil)))
	})
}
