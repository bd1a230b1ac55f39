#!/usr/bin/env bash
# pip install chatwoot-identity from a PEP 503 index on loopback, into a fresh venv, with no
# cargo or rustc on PATH and binaries only; then the README's first example, as pasted.
source "$(dirname "$0")/../common.sh"
tools_venv
work="$STAGE/test-python"
rm -rf "$work" && mkdir -p "$work/index/simple/chatwoot-identity" "$work/run"

# The wheel's tag, proven by auditwheel (glibc 2.17, the oldest manylinux2014 allows).
wheel="$(ls "$DIST"/python/*.whl)"
"$TOOLS/bin/auditwheel" show "$wheel" | tee "$work/auditwheel.txt"
grep -q 'consistent with the following platform tag:' "$work/auditwheel.txt"
tr -s ' \n' ' ' < "$work/auditwheel.txt" | contains '"manylinux_2_17_x86_64"' \
  || { echo "auditwheel does not report manylinux_2_17_x86_64 for $wheel" >&2; exit 1; }
case "$(basename "$wheel")" in
  chatwoot_identity-"$VERSION"-cp310-abi3-*manylinux_2_17_x86_64*.whl) ;;
  *) echo "unexpected wheel name: $wheel" >&2; exit 1 ;;
esac
test -f "$DIST/python/chatwoot_identity-$VERSION.tar.gz"

# The index: one page listing the project, one listing its files with their hashes.
cp "$DIST"/python/* "$work/index/simple/chatwoot-identity/"
echo '<!DOCTYPE html><a href="chatwoot-identity/">chatwoot-identity</a>' > "$work/index/simple/index.html"
(cd "$work/index/simple/chatwoot-identity" && {
  echo '<!DOCTYPE html>'
  for file in *.whl *.tar.gz; do
    echo "<a href=\"$file#sha256=$(sha256sum "$file" | cut -d' ' -f1)\">$file</a>"
  done
} > index.html)
port="$(free_port)"
python3 -m http.server --bind 127.0.0.1 --directory "$work/index" "$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
wait_http "$port" simple/

python3 -m venv "$work/venv"
norust="$(path_without_rust)"
! PATH="$norust" command -v cargo >/dev/null || { echo "cargo still on PATH" >&2; exit 1; }
PATH="$norust" "$work/venv/bin/pip" install --quiet --disable-pip-version-check --no-cache-dir \
  --index-url "http://127.0.0.1:$port/simple/" --only-binary :all: "chatwoot-identity==$VERSION"
"$work/venv/bin/pip" show chatwoot-identity | contains "Version: $VERSION"

count="$(python3 "$ROOT/bindings-c/tests/readme_blocks.py" python py "$work/blocks" "$ROOT/bindings-python/README.md")"
[ "$count" -ge 1 ]
cp "$work/blocks/example_1.py" "$work/run/readme_example.txt"
# From an empty folder: chatwoot_identity can only come from the venv's site-packages.
(cd "$work/run" && PATH="$norust" "$work/venv/bin/python" -m doctest -v readme_example.txt | tail -1)
(cd "$work/run" && "$work/venv/bin/python" -c '
import chatwoot_identity, sys
assert chatwoot_identity.__file__.startswith(sys.prefix), chatwoot_identity.__file__
print("imported from", chatwoot_identity.__file__)')
echo "python: pip install chatwoot-identity from the local index: OK"
