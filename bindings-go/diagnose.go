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
var findings = loadFindings()

func loadFindings() []Finding {
	count := int(C.chatwoot_identity_finding_count())
	table := make([]Finding, count)
	for i := range table {
		table[i] = Finding{
			Code:    C.GoString(C.chatwoot_identity_finding_code(C.uint32_t(i))),
			Message: C.GoString(C.chatwoot_identity_finding_message(C.uint32_t(i))),
		}
	}
	return table
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
	diagnosis := Diagnosis{Verified: bool(verified), Findings: []Finding{}}
	for bit, finding := range findings {
		if mask&(1<<uint(bit)) != 0 {
			diagnosis.Findings = append(diagnosis.Findings, finding)
		}
	}
	return diagnosis, nil
}
