// The harness the Go snippets share (each is run as `go run <snippet>.go requests.go`): one
// request per line on stdin, its fields separated by single spaces, so an empty field (an
// empty body) is still a field.
package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
)

// eachRequest calls handle with the fields of every line on stdin, in order.
func eachRequest(handle func(fields []string)) {
	scanner := bufio.NewScanner(os.Stdin)
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	for scanner.Scan() {
		handle(strings.Split(scanner.Text(), " "))
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
