// What a Go sender or receiver writes after parsing into a map: json.Marshal sorts the keys
// and writes <, >, & as \u003c, \u003e, \u0026 (numbers go through float64).
// Reads "mode json_hex" lines on stdin, prints the hex of each result.
package main

import (
	"encoding/hex"
	"encoding/json"
)

// answer is the hex of one request's JSON as json.Marshal writes it (requests.go prints it).
func answer(fields []string) string {
	if fields[0] != "marshal" {
		fail("unknown mode " + fields[0])
	}
	var value any
	if err := json.Unmarshal(unhex(fields[1]), &value); err != nil {
		fail(err)
	}
	out, _ := json.Marshal(value)
	return hex.EncodeToString(out)
}
