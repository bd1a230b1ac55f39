# frozen_string_literal: true

# The suite runs against the gem installed from the built .gem (see the Makefile), never
# against lib/ of the source tree: `gem` activates the installed copy or fails.
gem "chatwoot_identity"
require "chatwoot_identity"
require "json"
require "openssl"
require "minitest/autorun"

module TestSupport
  REPOSITORY_ROOT = ENV.fetch("CHATWOOT_IDENTITY_ROOT") { File.expand_path("../..", __dir__) }
  VECTORS_DIR = File.join(REPOSITORY_ROOT, "tests", "vectors")
  DOCS_SECRET = "your-secret-token-for-hmac"
  DOCS_IDENTIFIER = "unique-identifier-of-the-user"
  DOCS_HASH = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"
  # Distinctive enough that finding it in any output can only mean a leak.
  LEAK_CANARY_SECRET = "canary-s3cr3t-9f4e2b7d-do-not-print"

  module_function

  def vectors(name)
    JSON.parse(File.read(File.join(VECTORS_DIR, "#{name}.json"))).fetch("vectors")
  end

  # A vector value as the schema in tests/vectors/README.md defines it.
  def vector_value(value)
    kind, text = value.to_a.fetch(0)
    case kind
    when "utf8" then text.dup.force_encoding(Encoding::UTF_8)
    when "hex" then [text].pack("H*")
    when "integer" then Integer(text, 10)
    else raise ArgumentError, "unknown vector value kind #{kind.inspect}"
    end
  end

  # The independent implementation Chatwoot's own server uses.
  def openssl_hash(secret, identifier)
    OpenSSL::HMAC.hexdigest("sha256", secret, identifier.to_s)
  end
end
