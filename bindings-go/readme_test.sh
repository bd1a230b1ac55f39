#!/usr/bin/env bash
# Runs every ```go block of this package's README and of the root README as a program (go run),
# or, when it holds test functions, as a test file (go test), in a throwaway module that uses
# this package through a replace directive (no network needed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
go="${GO:-$(command -v go || echo /usr/local/go/bin/go)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

count="$(python3 "$root/bindings-c/tests/readme_blocks.py" go go "$work/blocks" "$here/README.md" "$root/README.md")"
if [ "$count" -lt 1 ]; then
  echo "bindings-go/README.md must hold at least one Go example" >&2
  exit 1
fi
module=github.com/chatwoot-identity/chatwoot-identity/bindings-go
for block in "$work"/blocks/*.go; do
  dir="$work/$(basename "$block" .go)"
  mkdir -p "$dir"
  # A block with test functions is a test file of its own package, run by go test.
  if grep -q '^func Test' "$block"; then
    cp "$block" "$dir/example_test.go"
    run=(test -count=1 .)
  else
    cp "$block" "$dir/main.go"
    run=(run .)
  fi
  cat > "$dir/go.mod" <<MOD
module readme.example

go 1.24

require $module v0.0.0
replace $module => $here
MOD
  (cd "$dir" && GOFLAGS=-mod=mod GOPROXY=off "$go" "${run[@]}")
done
echo "go README: $count example(s) ran"
