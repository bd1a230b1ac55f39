# frozen_string_literal: true

# Usage: ruby platform_gem.rb GEM_SOURCE_DIR OUT_DIR MINOR=EXTENSION...
#   e.g. platform_gem.rb bindings-ruby dist/ruby 3.1=target/.../libchatwoot_identity_ruby.so
#
# Builds the precompiled platform gem for this machine's platform (here
# chatwoot_identity-VERSION-x86_64-linux.gem) from the source gem's own gemspec: the same files
# and metadata, minus the Rust sources and the extconf.rb (so installing runs no compiler), plus
# each extension, built for Ruby MINOR, at lib/chatwoot_identity/<MINOR>/chatwoot_identity.<DLEXT>,
# where lib/chatwoot_identity.rb looks first. RubyGems prefers a platform gem that matches the machine over the source gem of
# the same version, and falls back to the source gem elsewhere.

require "fileutils"
require "rubygems/package"
require "tmpdir"

source, out, *extensions = ARGV
abort "usage: #{$PROGRAM_NAME} GEM_SOURCE_DIR OUT_DIR MINOR=EXTENSION..." unless source && out && extensions.any?
source = File.expand_path(source)
out = File.expand_path(out)
dlext = RbConfig::CONFIG.fetch("DLEXT")
natives = extensions.to_h do |pair|
  minor, path = pair.split("=", 2)
  abort "not MINOR=EXTENSION: #{pair}" unless minor.match?(/\A\d+\.\d+\z/) && path && File.file?(path)
  ["lib/chatwoot_identity/#{minor}/chatwoot_identity.#{dlext}", File.expand_path(path)]
end
minors = natives.keys.map { |file| Gem::Version.new(file[%r{/(\d+\.\d+)/}, 1]) }.sort

spec = Gem::Specification.load(File.join(source, "chatwoot_identity.gemspec")) or abort "cannot load the gemspec"
spec.platform = Gem::Platform.local
spec.extensions = []
spec.files = spec.files.reject { |file| file.start_with?("ext/") } + natives.keys
# Each extension is built against one Ruby minor's ABI: only those may install the gem.
newest_major, newest_minor = minors.last.segments
spec.required_ruby_version = [">= #{minors.first}", "< #{newest_major}.#{newest_minor + 1}.dev"]
spec.description = spec.description.sub("built from source with cargo", "prebuilt for #{spec.platform}")

Dir.mktmpdir do |stage|
  spec.files.each do |file|
    from = natives.fetch(file) { File.join(source, file) }
    FileUtils.mkdir_p(File.dirname(File.join(stage, file)))
    FileUtils.cp(from, File.join(stage, file))
  end
  built = Dir.chdir(stage) { Gem::Package.build(spec) }
  FileUtils.mkdir_p(out)
  FileUtils.mv(File.join(stage, built), File.join(out, built))
  puts File.join(out, built)
end
