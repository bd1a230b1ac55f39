// Chatwoot's documented Go snippet: hmac.New(sha256.New, key), Write(identifier), hex of Sum.
// Reads "secret_hex identifier_hex" lines on stdin, prints one identifier_hash per line.
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
		fields := strings.Fields(scanner.Text())
		key, _ := hex.DecodeString(fields[0])
		identifier, _ := hex.DecodeString(fields[1])
		mac := hmac.New(sha256.New, key)
		mac.Write(identifier)
		fmt.Println(hex.EncodeToString(mac.Sum(nil)))
	}
}
