# frozen_string_literal: true

# Usage: ruby platform_gem.rb GEM_SOURCE_DIR EXTENSION_SO OUT_DIR
#
# Builds the precompiled platform gem (chatwoot_identity-VERSION-x86_64-linux.gem) from the
# source gem's own gemspec: the same files and metadata, minus the Rust sources and the
# extconf.rb (so installing runs no compiler), plus the extension built for this Ruby's minor
# version at lib/chatwoot_identity/<minor>/chatwoot_identity.so, where lib/chatwoot_identity.rb
# looks first. RubyGems prefers a platform gem that matches the machine over the source gem of
# the same version, and falls back to the source gem elsewhere.

require "fileutils"
require "rubygems/package"
require "tmpdir"

source, extension, out = ARGV
abort "usage: #{$PROGRAM_NAME} GEM_SOURCE_DIR EXTENSION_SO OUT_DIR" unless source && extension && out
source = File.expand_path(source)
extension = File.expand_path(extension)
out = File.expand_path(out)

spec = Gem::Specification.load(File.join(source, "chatwoot_identity.gemspec")) or abort "cannot load the gemspec"
major, minor = RUBY_VERSION.split(".").map(&:to_i)
native = "lib/chatwoot_identity/#{major}.#{minor}/chatwoot_identity.#{RbConfig::CONFIG.fetch("DLEXT")}"

spec.platform = Gem::Platform.local
spec.extensions = []
spec.files = spec.files.reject { |file| file.start_with?("ext/") } + [native]
# The extension is built against this Ruby's ABI: only this minor version may install it.
spec.required_ruby_version = [">= #{major}.#{minor}", "< #{major}.#{minor + 1}.dev"]
spec.description = spec.description.sub("built from source with cargo", "prebuilt for #{spec.platform}")

Dir.mktmpdir do |stage|
  spec.files.each do |file|
    from = file == native ? extension : File.join(source, file)
    FileUtils.mkdir_p(File.dirname(File.join(stage, file)))
    FileUtils.cp(from, File.join(stage, file))
  end
  built = Dir.chdir(stage) { Gem::Package.build(spec) }
  FileUtils.mkdir_p(out)
  FileUtils.mv(File.join(stage, built), File.join(out, built))
  puts File.join(out, built)
end
