# frozen_string_literal: true

require_relative "test_helper"
require "rbconfig"

# The suite must exercise the gem as installed from its .gem file, and that gem must be whole.
class InstallationTest < Minitest::Test
  def spec
    Gem.loaded_specs.fetch("chatwoot_identity")
  end

  def test_loaded_from_the_installed_gem_not_the_source_tree
    gem_home = ENV.fetch("GEM_HOME") { flunk "the suite runs with GEM_HOME set to the fresh install" }
    assert spec.gem_dir.start_with?(File.realpath(gem_home)) || spec.gem_dir.start_with?(gem_home), spec.gem_dir
    native = $LOADED_FEATURES.grep(%r{chatwoot_identity/chatwoot_identity\.#{RbConfig::CONFIG["DLEXT"]}\z})
    assert_equal 1, native.size, native.inspect
    assert native.first.start_with?(gem_home) || native.first.start_with?(File.realpath(gem_home)), native.first
    assert $LOADED_FEATURES.grep(%r{/chatwoot_identity\.rb\z}).all? { |path| path.start_with?(spec.gem_dir) }
  end

  def test_version_equals_the_crate_versions_inside_the_gem
    crates = ["ext/chatwoot_identity/Cargo.toml", "ext/chatwoot_identity/vendor/chatwoot-identity/Cargo.toml"]
    crates.each do |manifest|
      version = File.read(File.join(spec.gem_dir, manifest))[/^version = "([^"]+)"/, 1]
      assert_equal ChatwootIdentity::VERSION, version, manifest
    end
    assert_equal ChatwootIdentity::VERSION, spec.version.to_s
  end

  def test_the_gem_carries_the_core_sources_and_signatures
    %w[ext/chatwoot_identity/vendor/chatwoot-identity/src/lib.rs sig/chatwoot_identity.rbs README.md].each do |file|
      assert File.file?(File.join(spec.gem_dir, file)), file
    end
  end

  def test_no_build_leftovers_in_the_installed_gem
    leftovers = Dir.glob("**/{target,*.o,*.rlib,*.d}", File::FNM_DOTMATCH, base: spec.gem_dir)
    assert_equal [], leftovers
    assert_equal [], Dir.glob("ext/**/*.#{RbConfig::CONFIG["DLEXT"]}", base: spec.gem_dir)
  end
end
