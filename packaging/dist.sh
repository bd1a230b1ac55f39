#!/usr/bin/env bash
# make dist: every release artifact this machine builds (linux x86_64) into dist/, each with the
# version of the root Cargo.toml. `packaging/dist.sh python node` builds only those.
source "$(dirname "$0")/common.sh"
python3 "$ROOT/packaging/version.py" check
ecosystems=("$@")
[ $# -gt 0 ] || ecosystems=(python node ruby c go php)
for ecosystem in "${ecosystems[@]}"; do
  step "dist/$ecosystem"
  start=$SECONDS
  "$ROOT/packaging/dist/$ecosystem.sh"
  echo "dist/$ecosystem: $((SECONDS - start)) s"
done
(cd "$DIST" && find . -type f ! -name SHA256SUMS | sort | xargs sha256sum > SHA256SUMS)
step "dist/ (version $VERSION)"
(cd "$DIST" && find . -type f | sort)
