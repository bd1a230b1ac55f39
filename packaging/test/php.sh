#!/usr/bin/env bash
# composer require chatwoot-identity/chatwoot-identity from a path repository holding the dist
# zip's contents, copied (Packagist switched off; an artifact repository would need php-zip) into a fresh project and COMPOSER_HOME, with no cargo or rustc
# on PATH and no CHATWOOT_IDENTITY_LIB: the bundled library is found by itself. Then the
# README's first example.
source "$(dirname "$0")/../common.sh"
work="$STAGE/test-php"
rm -rf "$work" && mkdir -p "$work/app"
name="$(php -r 'echo json_decode(file_get_contents($argv[1]))->name;' "$ROOT/bindings-php/composer.json")"
norust="$(path_without_rust)"
count="$(python3 "$ROOT/bindings-c/tests/readme_blocks.py" php php "$work/blocks" "$ROOT/bindings-php/README.md")"
[ "$count" -ge 1 ]
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
  "$DIST/php/chatwoot-identity-$VERSION.zip" "$work/package"
chmod -R a+rX "$work/package"
cd "$work/app"
cat > composer.json <<JSON
{
    "name": "example/app",
    "type": "project",
    "repositories": [
        { "type": "path", "url": "$work/package", "options": { "symlink": false } },
        { "packagist.org": false }
    ]
}
JSON
export COMPOSER_HOME="$work/composer-home" COMPOSER_CACHE_DIR="$work/composer-cache" COMPOSER_NO_INTERACTION=1
unset CHATWOOT_IDENTITY_LIB
PATH="$norust" composer require --no-progress "$name:$VERSION"
test -f "vendor/$name/lib/linux-x86_64/libchatwoot_identity.so"
cp "$work/blocks/example_1.php" readme_example.php
PATH="$norust" php -d zend.assertions=1 -d assert.exception=1 readme_example.php
php -r 'require "vendor/autoload.php"; echo ChatwootIdentity\Library::path(), PHP_EOL;' | contains "vendor/$name/lib/linux-x86_64/"
echo "php: composer require $name from a path repository: OK"
