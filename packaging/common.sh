# Sourced by packaging/dist/*.sh and packaging/test/*.sh: where things are, the one version,
# and the Python tools' venv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
DIST="${DIST:-$ROOT/dist}"
STAGE="$ROOT/target/dist-stage"
VERSION="$(python3 "$ROOT/packaging/version.py" --root "$ROOT" get)"
TOOLS="$ROOT/target/dist-tools/venv"
GO="${GO:-$(command -v go 2>/dev/null || echo /usr/local/go/bin/go)}"
mkdir -p "$DIST" "$STAGE"

# The pinned Python tools, installed once per change of packaging/requirements.txt.
tools_venv() {
  local stamp="$TOOLS/.installed"
  if [ ! -f "$stamp" ] || [ "$ROOT/packaging/requirements.txt" -nt "$stamp" ]; then
    rm -rf "$TOOLS"
    python3 -m venv "$TOOLS"
    "$TOOLS/bin/pip" install --quiet --disable-pip-version-check -r "$ROOT/packaging/requirements.txt"
    touch "$stamp"
  fi
}

# A free TCP port on loopback.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until http://127.0.0.1:$1/$2 answers (at most ~30 s).
wait_http() {
  local i
  for i in $(seq 1 150); do
    curl -fsS -o /dev/null "http://127.0.0.1:$1/${2:-}" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "nothing answered on 127.0.0.1:$1" >&2
  return 1
}

# PATH without any directory holding cargo or rustc: what a user without Rust has.
path_without_rust() {
  local dir out=()
  IFS=: read -ra dirs <<< "$PATH"
  for dir in "${dirs[@]}"; do
    [ -n "$dir" ] || continue
    [ -e "$dir/cargo" ] || [ -e "$dir/rustc" ] || [ -e "$dir/rustup" ] || out+=("$dir")
  done
  (IFS=:; echo "${out[*]}")
}

step() { printf '\n== %s\n' "$*"; }

# A linker for cargo that targets glibc 2.17 (manylinux2014), like maturin's --zig: zig's cc
# through maturin's own wrapper of it. Every artifact that carries a shared library (.so, .node,
# the Ruby extension) is linked with it, so they load on any glibc from 2.17 on.
ZIG_TARGET=x86_64-unknown-linux-gnu
zig_linker() {
  tools_venv
  local wrapper="$ROOT/target/dist-tools/zigcc-$ZIG_TARGET.2.17"
  cat > "$wrapper" <<WRAPPER
#!/bin/sh
export CARGO_ZIGBUILD_ZIG_COMMAND='$TOOLS/bin/python3'
export CARGO_ZIGBUILD_ZIG_COMMAND_ARGS='-m ziglang'
exec '$TOOLS/bin/maturin' zig cc -- -g -fno-sanitize=all -target x86_64-linux-gnu.2.17 "\$@"
WRAPPER
  chmod +x "$wrapper"
  export CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER="$wrapper"
}
# Where the zig-linked C library and Node addon are built: a target directory of their own. The
# suites' builds of the same crates (napi build --platform, which also passes --target) use the
# system linker, and in one shared directory each build would redo everything the other did.
ZIG_BUILD_DIR="$ROOT/target/dist-zig"
ZIG_RELEASE="$ZIG_BUILD_DIR/$ZIG_TARGET/release"

# The newest glibc symbol version a shared library needs.
glibc_needed() {
  objdump -T "$1" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1
}

# The C library and the Node addon in one cargo run: their dependencies are built once, with one
# set of features, and every dist script that needs either runs this same (then cached) command.
dist_cargo_build() {
  zig_linker
  cargo build --release --target "$ZIG_TARGET" --target-dir "$ZIG_BUILD_DIR" \
    -p chatwoot-identity-c -p chatwoot-identity-node
}

# `cmd | contains TEXT` / `cmd | lacks TEXT`: the whole output is read first (a `grep -q` that
# stops early would kill cmd with SIGPIPE and fail the pipeline), and, unlike `! cmd | grep`,
# a failing `lacks` stops the script under `set -e`.
contains() { local text; text="$(cat)"; grep -F -e "$1" <<< "$text" >/dev/null || { echo "expected \"$1\" in: $text" >&2; return 1; }; }
lacks() { local text; text="$(cat)"; if grep -F -e "$1" <<< "$text" >/dev/null; then echo "did not expect \"$1\" in: $text" >&2; return 1; fi; }
