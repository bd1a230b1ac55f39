#!/usr/bin/env bash
# Installs the library into a temporary prefix, then compiles and runs every C example of the
# READMEs (this package's and the root one) using nothing but pkg-config to find it.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
trap 'echo "install-test: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

make -s -C "$here" install PREFIX="$prefix"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
test "$(pkg-config --modversion chatwoot_identity)" = "$EXPECTED_CRATE_VERSION"
# The real file carries the full version; the soname link the major one (what programs load).
soname="libchatwoot_identity.so.${EXPECTED_CRATE_VERSION%%.*}"
test -f "$prefix/lib/libchatwoot_identity.so.$EXPECTED_CRATE_VERSION"
test "$(readlink "$prefix/lib/$soname")" = "libchatwoot_identity.so.$EXPECTED_CRATE_VERSION"
test "$(readlink "$prefix/lib/libchatwoot_identity.so")" = "$soname"

examples="$prefix/examples"
count="$(python3 "$here/tests/readme_blocks.py" c c "$examples" "$here/README.md" "$root/README.md")"
if [ "$count" -lt 1 ]; then
  echo "bindings-c/README.md must hold at least one C example" >&2
  exit 1
fi
for source in "$examples"/*.c; do
  # shellcheck disable=SC2046  # pkg-config output is meant to be split into flags
  cc -std=c11 -Wall -Wextra -Werror -o "${source%.c}" "$source" $(pkg-config --cflags --libs chatwoot_identity)
  # The program must load the installed copy, not the one in target/. (grep reads all of ldd's
  # output: with -q it would stop early, ldd would die of SIGPIPE, and pipefail would fail.)
  LD_LIBRARY_PATH="$prefix/lib" ldd "${source%.c}" | grep -F "$soname => $prefix/lib/$soname" >/dev/null
  LD_LIBRARY_PATH="$prefix/lib" "${source%.c}"
done
echo "install-test: $count README C example(s) built through pkg-config against $prefix"
