# frozen_string_literal: true

require_relative "lib/chatwoot_identity/version"

Gem::Specification.new do |spec|
  spec.name = "chatwoot_identity"
  spec.version = ChatwootIdentity::VERSION
  spec.authors = ["chatwoot-identity developers"]
  spec.summary = "Compute, verify and explain Chatwoot identity-validation hashes (identifier_hash)"
  spec.description = <<~TEXT.tr("\n", " ").strip
    The identifier_hash for Chatwoot's website widget (HMAC-SHA256 of the user's identifier,
    keyed with the inbox secret), a constant-time check, batch hashing without the GVL, a
    diagnosis of rejected hashes, and the widget snippet with the signed-in user (setUser),
    escaped for a script element, with a Rails view helper. A Rust extension (magnus) built
    from source with cargo.
  TEXT
  spec.homepage = "https://github.com/chatwoot-identity/chatwoot-identity"
  spec.licenses = ["MIT", "Apache-2.0"]
  spec.required_ruby_version = ">= 3.1"
  spec.metadata = {
    "source_code_uri" => "#{spec.homepage}/tree/main/bindings-ruby",
    "rubygems_mfa_required" => "true"
  }

  extension_dir = "ext/chatwoot_identity"
  vendored_core = "#{extension_dir}/vendor/chatwoot-identity/Cargo.toml"
  # The core crate travels inside the gem; `make vendor-core` unpacks it from `cargo package`.
  unless File.exist?(File.join(__dir__, vendored_core))
    raise "#{vendored_core} is missing: run `make vendor-core` in bindings-ruby/ first"
  end

  spec.files = Dir.chdir(__dir__) do
    Dir[
      "README.md",
      "lib/**/*.rb",
      "sig/**/*.rbs",
      "#{extension_dir}/{extconf.rb,Cargo.toml,Cargo.lock}",
      "#{extension_dir}/src/**/*.rs",
      "#{extension_dir}/vendor/chatwoot-identity/{Cargo.toml,Cargo.lock}",
      # Every source file: the widget loader is JavaScript that the core includes with include_str!.
      "#{extension_dir}/vendor/chatwoot-identity/{src,benches}/**/*.{rs,js}"
    ]
  end
  spec.require_paths = ["lib"]
  spec.extensions = ["#{extension_dir}/extconf.rb"]
end
