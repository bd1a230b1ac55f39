#!/usr/bin/env bash
# Installs the npm packages of the current folder exactly as its lockfile pins them.
#
# `npm ci` refuses a lockfile that does not match package.json, or that this npm would rewrite
# (for example one written by an older npm that left out other platforms' optional packages).
# That refusal is the staleness check: it is never papered over with `npm install`.
set -euo pipefail
if ! npm ci --no-audit --no-fund --loglevel=error; then
  echo "npm ci refused $(pwd)/package-lock.json: it is stale for npm $(npm --version)." >&2
  echo "Regenerate it with 'npm install' using this npm, and commit it." >&2
  exit 1
fi
