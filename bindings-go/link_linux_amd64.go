//go:build linux && amd64 && !chatwoot_identity_pkgconfig

package chatwootidentity

// On linux/amd64 the module carries the static library and the header (the released module:
// lib/linux_amd64/libchatwoot_identity.a and include/, put in by `make dist`), so `go get` is
// all a user needs. In the repository, where those two are not committed, the header comes
// from bindings-c and the library from target/release (`make -C bindings-c lib`). Build with
// -tags chatwoot_identity_pkgconfig to use an installed library instead (link_pkgconfig.go).

/*
#cgo CFLAGS: -I${SRCDIR}/include -I${SRCDIR}/../bindings-c/include
#cgo LDFLAGS: -L${SRCDIR}/lib/linux_amd64 -L${SRCDIR}/../target/release -l:libchatwoot_identity.a -lgcc_s -lutil -lrt -lpthread -lm -ldl
*/
import "C"
