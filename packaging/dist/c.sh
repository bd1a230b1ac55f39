#!/usr/bin/env bash
# dist/c: chatwoot-identity-VERSION-linux-x86_64.tar.gz (header, static and shared library,
# a relocatable chatwoot_identity.pc) and libchatwoot-identity-dev_VERSION_amd64.deb, both laid
# out by `make -C bindings-c install`.
source "$(dirname "$0")/../common.sh"
out="$DIST/c"
rm -rf "$out" && mkdir -p "$out"
zig_linker
dist_cargo_build
install_lib() { make -C "$ROOT/bindings-c" install RELEASE="$ZIG_RELEASE" "$@" >/dev/null; }

# The tarball: PREFIX is the unpacked folder; the .pc finds it from its own place.
name="chatwoot-identity-$VERSION-linux-x86_64"
tree="$STAGE/c/$name"
rm -rf "$STAGE/c" && mkdir -p "$tree"
install_lib PREFIX=/ LIBDIR=/lib INCLUDEDIR=/include DESTDIR="$tree"
sed -i -e 's|^prefix=.*|prefix=${pcfiledir}/../..|' -e 's|^libdir=.*|libdir=${prefix}/lib|' \
  -e 's|^includedir=.*|includedir=${prefix}/include|' "$tree/lib/pkgconfig/chatwoot_identity.pc"
cp "$ROOT/bindings-c/README.md" "$ROOT/LICENSE-MIT" "$ROOT/LICENSE-APACHE" "$tree/"
tar -C "$STAGE/c" --owner=0 --group=0 --numeric-owner -czf "$out/$name.tar.gz" "$name"

# The .deb: Debian's multiarch paths; the shared library's soname is libchatwoot_identity.so.0.
deb="$STAGE/c/deb"
multiarch=/usr/lib/x86_64-linux-gnu
install_lib PREFIX=/usr LIBDIR="$multiarch" INCLUDEDIR=/usr/include DESTDIR="$deb"
install -d "$deb/DEBIAN" "$deb/usr/share/doc/libchatwoot-identity-dev"
cp "$ROOT/LICENSE-MIT" "$ROOT/LICENSE-APACHE" "$deb/usr/share/doc/libchatwoot-identity-dev/"
# The newest glibc symbol version the shared library uses is the one it depends on.
glibc="$(glibc_needed "$deb$multiarch/libchatwoot_identity.so.$VERSION")"
cat > "$deb/DEBIAN/control" <<CONTROL
Package: libchatwoot-identity-dev
Version: $VERSION
Architecture: amd64
Maintainer: chatwoot-identity developers <chatwoot-identity@users.noreply.github.com>
Depends: libc6 (>= $glibc), libgcc-s1
Section: libdevel
Priority: optional
Homepage: https://github.com/chatwoot-identity/chatwoot-identity
Description: Chatwoot identity-validation hashes (identifier_hash) for C
 libchatwoot_identity computes, verifies and explains the identifier_hash of
 Chatwoot's website widget and renders the widget snippet with the user signed
 in. Header, shared and static library, and chatwoot_identity.pc.
CONTROL
echo "activate-noawait ldconfig" > "$deb/DEBIAN/triggers"
dpkg-deb --root-owner-group --build "$deb" "$out/libchatwoot-identity-dev_${VERSION}_amd64.deb" >/dev/null
ls "$out"
