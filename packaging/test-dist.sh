#!/usr/bin/env bash
# make test-dist: each artifact of dist/ installed by name from a registry on loopback, in a
# fresh environment with no cargo or rustc on PATH, then its README's example (packaging/test/).
# `packaging/test-dist.sh python go` runs only those.
source "$(dirname "$0")/common.sh"
ecosystems=("$@")
[ $# -gt 0 ] || ecosystems=(python node ruby c go php)
passed=0
for ecosystem in "${ecosystems[@]}"; do
  step "test-dist/$ecosystem"
  start=$SECONDS
  "$ROOT/packaging/test/$ecosystem.sh"
  echo "test-dist/$ecosystem: $((SECONDS - start)) s"
  passed=$((passed + 1))
done
echo "test-dist: $passed passed, 0 failed"
