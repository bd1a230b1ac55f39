#!/usr/bin/env bash
# dist/go: the Go module as a module proxy serves it (GOPROXY=file://$DIST/go), carrying the
# static library for linux/amd64 so that `go get` needs nothing else. The release publishes the
# same files as the tag bindings-go/vVERSION (RELEASING.md).
source "$(dirname "$0")/../common.sh"
out="$DIST/go"
rm -rf "$out" && mkdir -p "$out"
zig_linker
dist_cargo_build
python3 "$ROOT/packaging/go/module_zip.py" "$out" "$VERSION" "$ROOT/bindings-go" \
  "$ROOT/bindings-c/include/chatwoot_identity.h" "$ZIG_RELEASE/libchatwoot_identity.a" \
  "$ROOT/LICENSE-MIT" "$ROOT/LICENSE-APACHE"
