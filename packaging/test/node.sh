#!/usr/bin/env bash
# npm install chatwoot-identity from verdaccio on loopback (both packages published to it
# first), into a fresh project and npm cache, with no cargo or rustc on PATH; then the
# README's first example. And the loader's error when the platform package is left out.
source "$(dirname "$0")/../common.sh"
work="$STAGE/test-node"
rm -rf "$work" && mkdir -p "$work/registry" "$work/app" "$work/app-no-optional"
registry_dir="$ROOT/packaging/verdaccio"
stamp="$registry_dir/node_modules/.installed"
if [ ! -f "$stamp" ] || [ "$registry_dir/package-lock.json" -nt "$stamp" ]; then
  (cd "$registry_dir" && "$ROOT/scripts/npm-install-locked.sh")
  touch "$stamp"
fi

port="$(free_port)"
registry="http://127.0.0.1:$port/"
sed 's|^storage: .*|storage: '"$work/registry/storage"'|; s|file: ./htpasswd|file: '"$work/registry/htpasswd"'|' \
  "$registry_dir/config.yaml" > "$work/registry/config.yaml"
node "$registry_dir/node_modules/verdaccio/bin/verdaccio" --config "$work/registry/config.yaml" \
  --listen "127.0.0.1:$port" >"$work/registry/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
wait_http "$port" -/ping

# A user for publishing (what `npm adduser` does), its token in this test's own npmrc.
token="$(curl -fsS -X PUT -H 'content-type: application/json' \
  -d '{"name":"release","password":"release-password"}' \
  "${registry}-/user/org.couchdb.user:release" | node -p 'JSON.parse(require("fs").readFileSync(0)).token')"
npmrc="$work/npmrc"
printf 'registry=%s\n//127.0.0.1:%s/:_authToken=%s\n' "$registry" "$port" "$token" > "$npmrc"
export npm_config_userconfig="$npmrc" npm_config_cache="$work/npm-cache"
npm_flags=(--no-audit --no-fund --loglevel=error --registry "$registry")
# The platform package first, as the release does: the main package names it.
npm publish "${npm_flags[@]}" "$DIST/npm/chatwoot-identity-linux-x64-gnu-$VERSION.tgz" >/dev/null
npm publish "${npm_flags[@]}" "$DIST/npm/chatwoot-identity-$VERSION.tgz" >/dev/null
npm view "${npm_flags[@]}" chatwoot-identity optionalDependencies

norust="$(path_without_rust)"
count="$(python3 "$ROOT/bindings-c/tests/readme_blocks.py" js js "$work/blocks" "$ROOT/bindings-node/README.md")"
[ "$count" -ge 1 ]
cd "$work/app"
echo '{ "name": "app", "version": "1.0.0", "private": true }' > package.json
PATH="$norust" npm install "${npm_flags[@]}" chatwoot-identity
test -f node_modules/chatwoot-identity-linux-x64-gnu/chatwoot-identity.linux-x64-gnu.node
node -p 'require("./package-lock.json").packages["node_modules/chatwoot-identity"].resolved' | contains "$registry"
cp "$work/blocks/example_1.js" readme_example.js
PATH="$norust" node readme_example.js
node -e 'const p = require.resolve("chatwoot-identity"); if (!p.startsWith(process.cwd() + "/node_modules/")) throw new Error(p); console.log("loaded", p)'

# Without the optional dependency, the error names the platform and what to do.
cd "$work/app-no-optional"
echo '{ "name": "app-no-optional", "version": "1.0.0", "private": true }' > package.json
PATH="$norust" npm install "${npm_flags[@]}" --omit=optional chatwoot-identity
test ! -e node_modules/chatwoot-identity-linux-x64-gnu
if node -e 'require("chatwoot-identity")' 2> error.txt; then
  echo "chatwoot-identity loaded without its platform package" >&2; exit 1
fi
cat error.txt | grep -m1 'Error'
grep -q 'cannot load its native addon on linux-x64-gnu' error.txt
grep -q "chatwoot-identity-linux-x64-gnu@$VERSION" error.txt
grep -q -- '--omit=optional' error.txt
echo "node: npm install chatwoot-identity from verdaccio: OK"
