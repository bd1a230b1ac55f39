#!/usr/bin/env bash
# go get the module through GOPROXY=file://dist/go into a fresh module and module cache, with
# no cargo or rustc on PATH (cgo needs only a C compiler); then the README's first example.
# And the pkg-config way (other platforms) against the C tarball.
source "$(dirname "$0")/../common.sh"
work="$STAGE/test-go"
rm -rf "$work" && mkdir -p "$work/app"
module="$(sed -n 's/^module //p' "$ROOT/bindings-go/go.mod")"
norust="$(path_without_rust)"
export GOPROXY="file://$DIST/go" GOMODCACHE="$work/modcache" GOPATH="$work/gopath" \
  GONOSUMDB="$module" GONOSUMCHECK=1 GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=1
count="$(python3 "$ROOT/bindings-c/tests/readme_blocks.py" go go "$work/blocks" "$ROOT/bindings-go/README.md")"
[ "$count" -ge 1 ]
cd "$work/app"
cp "$work/blocks/example_1.go" main.go
PATH="$norust" "$GO" mod init readme.example >/dev/null 2>&1
PATH="$norust" "$GO" get "$module@v$VERSION"
grep -q "$module v$VERSION" go.mod
PATH="$norust" "$GO" run . | tee output.txt
grep -q fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c output.txt
# The library came from the module cache, nothing else.
test -f "$GOMODCACHE/$module@v$VERSION/lib/linux_amd64/libchatwoot_identity.a"
PATH="$norust" "$GO" build -o app .
ldd app | lacks chatwoot_identity

# Elsewhere: pkg-config and the C tarball, chosen by the build tag.
tar -xzf "$DIST/c/chatwoot-identity-$VERSION-linux-x86_64.tar.gz" -C "$work"
PKG_CONFIG_PATH="$work/chatwoot-identity-$VERSION-linux-x86_64/lib/pkgconfig" PATH="$norust" \
  "$GO" build -tags chatwoot_identity_pkgconfig -o app-pkgconfig .
LD_LIBRARY_PATH="$work/chatwoot-identity-$VERSION-linux-x86_64/lib" ./app-pkgconfig | contains fa803c5e
echo "go: go get $module from GOPROXY=file://: OK"
