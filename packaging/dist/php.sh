#!/usr/bin/env bash
# dist/php: the Composer package as a zip (for an `artifact` repository; Packagist takes the
# same files from the tag), with composer.json's version and lib/linux-x86_64/
# libchatwoot_identity.so, which Library::path() finds with no configuration.
source "$(dirname "$0")/../common.sh"
out="$DIST/php"
rm -rf "$out" && mkdir -p "$out"
zig_linker
dist_cargo_build
tree="$STAGE/php/chatwoot-identity"
rm -rf "$STAGE/php" && mkdir -p "$tree/lib/linux-x86_64"
# Copied from the tree, not listed by git: a CI checkout's git index need not name every file.
(cd "$ROOT/bindings-php" && cp -R src ffi autoload.php README.md "$tree/")
cp "$ZIG_RELEASE/libchatwoot_identity.so" "$tree/lib/linux-x86_64/libchatwoot_identity.so"
cp "$ROOT/LICENSE-MIT" "$ROOT/LICENSE-APACHE" "$tree/"
# The published composer.json: the committed one with the version, and without autoload-dev.
php -r '
  $c = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
  unset($c["autoload-dev"]);
  $c = ["name" => $c["name"], "version" => $argv[2]] + $c;
  file_put_contents($argv[3], json_encode($c, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");
' "$ROOT/bindings-php/composer.json" "$VERSION" "$tree/composer.json"
python3 -c 'import shutil, sys; shutil.make_archive(sys.argv[1], "zip", sys.argv[2])' \
  "$out/chatwoot-identity-$VERSION" "$tree"
ls "$out"
