//go:build !(linux && amd64) || chatwoot_identity_pkgconfig

package chatwootidentity

// Other platforms (and linux/amd64 with -tags chatwoot_identity_pkgconfig) link the library
// that the C package installs (the release tarball or `make -C bindings-c install`), found by
// pkg-config: set PKG_CONFIG_PATH to its lib/pkgconfig when it is not in a system directory.
// With the shared library installed too, the linker takes it and the binary loads it at run time.

/*
#cgo pkg-config: --static chatwoot_identity
*/
import "C"
