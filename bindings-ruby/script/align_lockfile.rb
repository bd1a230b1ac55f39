# frozen_string_literal: true

# Usage: ruby script/align_lockfile.rb EXTENSION_MANIFEST ROOT_LOCKFILE
#
# The extension is its own cargo workspace, so it has its own Cargo.lock. After the vendored core
# changes, this records any new dependency in it (without touching the others), then moves every
# package that the root workspace also locks to the root's version, so the gem builds the same
# code that `cargo test` at the root tests.

manifest, root_lockfile = ARGV
abort "usage: #{$PROGRAM_NAME} EXTENSION_MANIFEST ROOT_LOCKFILE" unless manifest && root_lockfile

def locked_versions(lockfile)
  File.read(lockfile).scan(/^\[\[package\]\]\nname = "([^"]+)"\nversion = "([^"]+)"/)
      .group_by(&:first).transform_values { |pairs| pairs.map(&:last) }
end

def cargo(*args, **options)
  system(ENV.fetch("CARGO", "cargo"), *args, exception: true, **options)
end

lockfile = File.join(File.dirname(manifest), "Cargo.lock")
cargo("metadata", "--quiet", "--format-version", "1", "--manifest-path", manifest, out: File::NULL)

root = locked_versions(root_lockfile)
locked_versions(lockfile).each do |name, versions|
  wanted = root[name]
  # Only a package with one version on each side has an unambiguous counterpart.
  next unless wanted&.size == 1 && versions.size == 1 && versions != wanted

  # Another major version at the root (e.g. syn 2 here, syn 3 there) is a different package.
  next unless versions.first.split(".").first == wanted.first.split(".").first

  cargo("update", "--quiet", "--manifest-path", manifest, "--package", "#{name}@#{versions.first}",
        "--precise", wanted.first)
end
puts "#{lockfile}: aligned with #{root_lockfile}"
