#!/usr/bin/env bash
# Installs, on a fresh Debian machine, the system packages `make test` needs, and only those
# that are missing. As root it runs apt-get; otherwise it names what to install and fails.
set -euo pipefail

# command that proves the package is there  ->  Debian package providing it
declare -A needed=(
  [php]=php-cli
  [ruby]=ruby
  [elixir]=elixir
  [pkg-config]=pkg-config
  [valgrind]=valgrind
  [phpunit]=phpunit
  [chromium]=chromium
  # make test-dist: composer require from a local repository, the .deb, the Go module.
  [composer]=composer
  [dpkg-deb]=dpkg
  [objdump]=binutils
  [curl]=curl
)
# Headers and libraries have no command; check their files.
declare -A needed_files=(
  [/usr/include/ruby-3.1.0/ruby.h]=ruby-dev
  [/usr/lib/llvm-14/lib/libclang.so]=libclang-dev
  [/usr/include/openssl/hmac.h]=libssl-dev
)
# Libraries found by their package name (their files carry version numbers).
needed_packages=(ruby-railties ruby-actionview ruby-actionpack ruby-rspec)

missing=()
for command in "${!needed[@]}"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("${needed[$command]}")
done
for file in "${!needed_files[@]}"; do
  [ -e "$file" ] || missing+=("${needed_files[$file]}")
done
for package in "${needed_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
command -v go >/dev/null 2>&1 || [ -x /usr/local/go/bin/go ] || missing+=(golang)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "make test needs these Debian packages: ${missing[*]}" >&2
  echo "install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
