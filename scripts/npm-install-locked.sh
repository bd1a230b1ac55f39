#!/usr/bin/env bash
# Installs the npm packages of the current folder exactly as its lockfile pins them.
#
# `npm ci` refuses a lockfile that lacks other platforms' optional packages (an npm bug that
# napi-rs's per-platform packages trigger). Then this installs from the same lockfile with
# `npm install`, and fails if that would change the lockfile or leave a package unmet: a real
# mismatch is never hidden.
set -euo pipefail
flags=(--no-audit --no-fund --loglevel=error)
before=$(mktemp)
log=$(mktemp)
trap 'rm -f "$before" "$log"' EXIT

cp package-lock.json "$before"
if ! npm ci "${flags[@]}" 2>"$log"; then
  echo "npm ci refused the lockfile; installing from the same lockfile with npm install"
  grep -m 3 'npm error' "$log" || true
  npm install "${flags[@]}"
fi
if ! cmp -s package-lock.json "$before"; then
  cp "$before" package-lock.json
  echo "package-lock.json is out of date with package.json: run npm install and commit it" >&2
  exit 1
fi
npm ls --depth=0 >/dev/null
