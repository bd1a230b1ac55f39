package chatwootidentity

// #include <chatwoot_identity.h>
import "C"

import "runtime"

// Finding is one known mistake that explains a rejected hash.
type Finding struct {
	// Code is stable and shared by every binding, e.g. "uppercase_hex".
	Code string
	// Message is one sentence a support engineer can paste; it never contains the secret.
	Message string
}

// Diagnosis is what Diagnose found out about a hash.
type Diagnosis struct {
	// Verified reports whether Chatwoot would accept the hash as it is.
	Verified bool
	// Findings lists every known mistake that reproduces the hash; empty when Verified.
	Findings []Finding
}

// findings holds the library's catalogue, indexed by bit position in a findings mask.
var findings = findingTable(C.chatwoot_identity_finding_count(),
	func(i C.uint32_t) *C.char { return C.chatwoot_identity_finding_code(i) },
	func(i C.uint32_t) *C.char { return C.chatwoot_identity_finding_message(i) })

// findingTable reads one of the library's finding tables (hash or webhook findings) through its
// count, code and message functions, indexed by bit position.
func findingTable(count C.uint32_t, code, message func(C.uint32_t) *C.char) []Finding {
	table := make([]Finding, int(count))
	for i := range table {
		table[i] = Finding{Code: C.GoString(code(C.uint32_t(i))), Message: C.GoString(message(C.uint32_t(i)))}
	}
	return table
}

// maskFindings are the findings of table whose bits are set in mask, in bit order; never nil.
func maskFindings(table []Finding, mask C.uint32_t) []Finding {
	found := []Finding{}
	for bit, finding := range table {
		if mask&(1<<uint(bit)) != 0 {
			found = append(found, finding)
		}
	}
	return found
}

// Diagnose explains why Chatwoot would reject identifierHash for identifier: it recomputes the
// hash the way each known mistake would (key and message swapped, uppercase, Base64, a trailing
// newline, another algorithm, ...) and reports every one that reproduces it.
//
// Errors: ErrEmptySecret, ErrEmptyIdentifier.
func Diagnose(secret, identifier, identifierHash string) (Diagnosis, error) {
	secretPtr, secretLen := cBytes(secret)
	idPtr, idLen := cBytes(identifier)
	hashPtr, hashLen := cBytes(identifierHash)
	var verified C.bool
	var mask C.uint32_t
	runtime.LockOSThread()
	err := check(C.chatwoot_identity_diagnose(secretPtr, secretLen, idPtr, idLen, hashPtr, hashLen, &verified, &mask))
	runtime.UnlockOSThread()
	if err != nil {
		return Diagnosis{}, err
	}
	return Diagnosis{Verified: bool(verified), Findings: maskFindings(findings, mask)}, nil
}
