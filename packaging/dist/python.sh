#!/usr/bin/env bash
# dist/python: the sdist and the abi3 wheel for linux x86_64, manylinux_2_17 (glibc 2.17):
# maturin links with zig, which targets that glibc, and auditwheel checks the result.
source "$(dirname "$0")/../common.sh"
tools_venv
out="$DIST/python"
rm -rf "$out" && mkdir -p "$out"
cd "$ROOT/bindings-python"
# maturin finds zig through `python3 -m ziglang`: the tools venv's python must come first.
# Its own target directory: maturin's flags differ from the other dist builds', and sharing
# one directory would make each rebuild what the other just built.
export CARGO_TARGET_DIR="$ROOT/target/dist-python"
PATH="$TOOLS/bin:$PATH" maturin build --release --zig --compatibility manylinux2014 \
  --target x86_64-unknown-linux-gnu --out "$out"
PATH="$TOOLS/bin:$PATH" maturin sdist --out "$out"
"$TOOLS/bin/auditwheel" show "$out"/*.whl
