// The harness the Go snippets share (each is run as `go run <snippet>.go requests.go`): one
// request per line on stdin, its fields separated by single spaces, so an empty field (an
// empty body) is still a field; the snippet's answer to each, one line per request on stdout.
package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
)

// main prints the snippet's answer to the fields of every line on stdin, in order.
func main() {
	scanner := bufio.NewScanner(os.Stdin)
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	for scanner.Scan() {
		fmt.Println(answer(strings.Split(scanner.Text(), " ")))
	}
}

// unhex is a field's bytes; a field that is not hex means the generator and the snippet
// disagree about the format, which must stop the run.
func unhex(field string) []byte {
	data, err := hex.DecodeString(field)
	if err != nil {
		fail(err)
	}
	return data
}

func fail(problem any) {
	fmt.Fprintln(os.Stderr, problem)
	os.Exit(1)
}
