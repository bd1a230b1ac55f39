// What a Go sender or receiver writes after parsing into a map: json.Marshal sorts the keys
// and writes <, >, & as \u003c, \u003e, \u0026 (numbers go through float64).
// Reads "mode json_hex" lines on stdin, prints the hex of each result.
package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

func main() {
	scanner := bufio.NewScanner(os.Stdin)
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	for scanner.Scan() {
		fields := strings.Split(scanner.Text(), " ")
		if fields[0] != "marshal" {
			fmt.Fprintln(os.Stderr, "unknown mode", fields[0])
			os.Exit(1)
		}
		data, _ := hex.DecodeString(fields[1])
		var value any
		if err := json.Unmarshal(data, &value); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		out, _ := json.Marshal(value)
		fmt.Println(hex.EncodeToString(out))
	}
}
