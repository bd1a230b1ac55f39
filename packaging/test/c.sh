#!/usr/bin/env bash
# The C tarball and the .deb: unpacked (the .deb with dpkg -x, so the machine is not changed),
# the README's first C example built with nothing but pkg-config, shared and static.
source "$(dirname "$0")/../common.sh"
work="$STAGE/test-c"
rm -rf "$work" && mkdir -p "$work"
count="$(python3 "$ROOT/bindings-c/tests/readme_blocks.py" c c "$work/blocks" "$ROOT/bindings-c/README.md")"
[ "$count" -ge 1 ]
example="$work/blocks/example_1.c"
norust="$(path_without_rust)"

tar -xzf "$DIST/c/chatwoot-identity-$VERSION-linux-x86_64.tar.gz" -C "$work"
tree="$work/chatwoot-identity-$VERSION-linux-x86_64"
export PKG_CONFIG_PATH="$tree/lib/pkgconfig"
test "$(pkg-config --modversion chatwoot_identity)" = "$VERSION"
# shellcheck disable=SC2046
PATH="$norust" cc -std=c11 -Wall -Werror -o "$work/shared" "$example" $(pkg-config --cflags --libs chatwoot_identity)
LD_LIBRARY_PATH="$tree/lib" "$work/shared" | tee "$work/shared.txt"
LD_LIBRARY_PATH="$tree/lib" ldd "$work/shared" | contains "libchatwoot_identity.so.0 => $tree/lib/"
# shellcheck disable=SC2046
PATH="$norust" cc -std=c11 -Wall -Werror -o "$work/static" "$example" \
  $(pkg-config --cflags chatwoot_identity) "$tree/lib/libchatwoot_identity.a" $(pkg-config --static --libs-only-l chatwoot_identity | sed 's/-lchatwoot_identity//')
"$work/static" | cmp - "$work/shared.txt"
ldd "$work/static" | lacks chatwoot_identity
# Loads on glibc 2.17 and later (linked by zig for that glibc).
glibc="$(glibc_needed "$tree/lib/libchatwoot_identity.so.$VERSION")"
[ "$(printf '%s\n2.17\n' "$glibc" | sort -V | tail -1)" = 2.17 ] || { echo "needs glibc $glibc" >&2; exit 1; }

deb="$DIST/c/libchatwoot-identity-dev_${VERSION}_amd64.deb"
test "$(dpkg-deb -f "$deb" Version)" = "$VERSION"
dpkg-deb -x "$deb" "$work/deb"
PKG_CONFIG_PATH="$work/deb/usr/lib/x86_64-linux-gnu/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$work/deb" \
  pkg-config --cflags --libs chatwoot_identity > "$work/deb-flags"
# shellcheck disable=SC2046
PATH="$norust" cc -std=c11 -Wall -Werror -o "$work/deb-shared" "$example" $(cat "$work/deb-flags")
LD_LIBRARY_PATH="$work/deb/usr/lib/x86_64-linux-gnu" "$work/deb-shared" | cmp - "$work/shared.txt"
echo "c: the tarball and the .deb (glibc >= $glibc): OK"
