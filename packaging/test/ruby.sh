#!/usr/bin/env bash
# gem install chatwoot_identity from a gem source on loopback (`gem generate_index` over both
# gems, served by HTTP) into a fresh GEM_HOME, with no cargo or rustc on PATH: RubyGems must
# choose the precompiled x86_64-linux gem, which runs no build. Then the README's first example.
source "$(dirname "$0")/../common.sh"
work="$STAGE/test-ruby"
rm -rf "$work" && mkdir -p "$work/source/gems" "$work/run"
cp "$DIST"/ruby/*.gem "$work/source/gems/"
gem generate_index --directory "$work/source" --quiet
port="$(free_port)"
python3 -m http.server --bind 127.0.0.1 --directory "$work/source" "$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
wait_http "$port" specs.4.8.gz

norust="$(path_without_rust)"
export GEM_HOME="$work/gem-home" GEM_PATH="$work/gem-home" RUBYOPT= GEM_SPEC_CACHE="$work/spec-cache"
PATH="$norust" gem install --no-document --clear-sources --source "http://127.0.0.1:$port/" \
  chatwoot_identity -v "$VERSION"
gem list --local chatwoot_identity | tee "$work/list.txt"
grep -qF "chatwoot_identity ($VERSION x86_64-linux)" "$work/list.txt"
ruby -e 'spec = Gem::Specification.find_by_name("chatwoot_identity")
  abort "the installed gem has extensions to build: #{spec.extensions}" unless spec.extensions.empty?'
# The source gem is served too, for every other platform (and `gem install --platform ruby`).
(cd "$work/run" && gem fetch --clear-sources --source "http://127.0.0.1:$port/" --platform ruby \
  chatwoot_identity -v "$VERSION" >/dev/null && test -f "chatwoot_identity-$VERSION.gem")

count="$(python3 "$ROOT/bindings-c/tests/readme_blocks.py" ruby rb "$work/blocks" "$ROOT/bindings-ruby/README.md")"
[ "$count" -ge 1 ]
(cd "$work/run" && PATH="$norust" ruby "$ROOT/packaging/ruby/readme_example.rb" "$work/blocks/example_1.rb")
ruby -e 'require "chatwoot_identity"
  native = $LOADED_FEATURES.grep(%r{/chatwoot_identity/\d+\.\d+/chatwoot_identity\.so\z})
  abort "the precompiled extension was not the one loaded" unless native.one? && native[0].start_with?(ENV["GEM_HOME"])
  puts "loaded #{native[0]}"'
echo "ruby: gem install chatwoot_identity from a local gem source: OK"
