#!/usr/bin/env bash
# dist/ruby: the source gem (compiles with cargo at install, as `make -C bindings-ruby test`
# installs it) and the precompiled x86_64-linux gem (no Rust, no compiler to install).
source "$(dirname "$0")/../common.sh"
out="$DIST/ruby"
rm -rf "$out" && mkdir -p "$out"
ruby_dir="$ROOT/bindings-ruby"
make -C "$ruby_dir" gem
cp "$ROOT/target/bindings-ruby/chatwoot_identity-$VERSION.gem" "$out/"
# The extension as extconf.rb's Makefile builds it, linked for glibc 2.17, in a build
# directory kept between runs.
zig_linker
build="$ROOT/target/bindings-ruby/cargo-release"
RUBY="$(command -v ruby)" cargo build --release --locked --target "$ZIG_TARGET" \
  --manifest-path "$ruby_dir/ext/chatwoot_identity/Cargo.toml" --target-dir "$build"
minor="$(ruby -e 'print RUBY_VERSION[/\A\d+\.\d+/]')"
ruby "$ROOT/packaging/ruby/platform_gem.rb" "$ruby_dir" "$out" \
  "$minor=$build/$ZIG_TARGET/release/libchatwoot_identity_ruby.so"
ls "$out"
