// A receiver's check in Go: hmac.New(sha256.New, secret), Write(ts), Write("."), Write(body).
// Reads "secret_hex timestamp_hex body_hex" lines on stdin, prints one X-Chatwoot-Signature per line.
package main

import (
	"bufio"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
)

func main() {
	scanner := bufio.NewScanner(os.Stdin)
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	for scanner.Scan() {
		fields := strings.Split(scanner.Text(), " ")
		secret, _ := hex.DecodeString(fields[0])
		ts, _ := hex.DecodeString(fields[1])
		body, _ := hex.DecodeString(fields[2])
		mac := hmac.New(sha256.New, secret)
		mac.Write(ts)
		mac.Write([]byte("."))
		mac.Write(body)
		fmt.Println("sha256=" + hex.EncodeToString(mac.Sum(nil)))
	}
}
