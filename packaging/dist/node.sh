#!/usr/bin/env bash
# dist/npm: chatwoot-identity and chatwoot-identity-linux-x64-gnu, packed (napi-rs layout).
source "$(dirname "$0")/../common.sh"
out="$DIST/npm"
rm -rf "$out" && mkdir -p "$out"
# The package's generated JavaScript (napi-rs's loader, the React entry's copy of the widget
# loader), from the suite's own build; before zig's linker is set, so that build stays cached,
# and under the lock every other caller of that build takes (the browser tests' servers, the
# Next.js test), so a parallel make never has two builds writing the same files.
mkdir -p "$ROOT/target"
flock "$ROOT/target/.node-build.lock" make -C "$ROOT/bindings-node" --no-print-directory build >&2
# What `napi build --release` builds, linked for glibc 2.17 (napi-rs's own releases use its
# glibc 2.17 cross toolchain for the same reason).
zig_linker
dist_cargo_build
rm -rf "$STAGE/node-binaries" && mkdir -p "$STAGE/node-binaries"
cp "$ZIG_RELEASE/libchatwoot_identity_node.so" "$STAGE/node-binaries/chatwoot-identity.linux-x64-gnu.node"
node "$ROOT/packaging/npm/prepare.js" "$STAGE/npm" "$STAGE/node-binaries"
for package in "$STAGE"/npm/*/; do
  (cd "$package" && npm pack --no-audit --no-fund --loglevel=error --pack-destination "$out" >/dev/null)
done
ls "$out"
