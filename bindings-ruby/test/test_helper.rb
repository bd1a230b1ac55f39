# frozen_string_literal: true

# The suite runs against the gem installed from the built .gem (see the Makefile), never
# against lib/ of the source tree: `gem` activates the installed copy or fails.
gem "chatwoot_identity"
require "chatwoot_identity"
require "json"
require "openssl"
require "minitest/autorun"
require_relative "support/loopback"

module TestSupport
  include Loopback
  extend Loopback
  REPOSITORY_ROOT = ENV.fetch("CHATWOOT_IDENTITY_ROOT") { File.expand_path("../..", __dir__) }
  VECTORS_DIR = File.join(REPOSITORY_ROOT, "tests", "vectors")
  DOCS_SECRET = "your-secret-token-for-hmac"
  DOCS_IDENTIFIER = "unique-identifier-of-the-user"
  DOCS_HASH = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"
  # Distinctive enough that finding it in any output can only mean a leak.
  LEAK_CANARY_SECRET = "canary-s3cr3t-9f4e2b7d-do-not-print"

  # The test Rails app's inbox (test/support/widget_app.rb), configured as an app would be.
  RAILS_BASE_URL = "http://127.0.0.1:45123"
  RAILS_WEBSITE_TOKEN = "QrtMG8GydFgEy7bVzsLLmHoq"
  RAILS_SECRET = "rails-inbox-secret-2f9c"
  # The test Rails app's webhook secret (config.chatwoot_identity.webhook_secret).
  RAILS_WEBHOOK_SECRET = "Sx5GdKjW7rvbcaQ8JtUmHn2p"

  module_function

  # Boots the test Rails app once per process: base URL and token through
  # `config.chatwoot_identity`, the secret through CHATWOOT_HMAC_SECRET, both ways a Rails app
  # configures the gem.
  def rails_app
    return Rails.application if defined?(WidgetApp) && WidgetApp.initialized?

    require_relative "support/widget_app"
    WidgetApp.config.chatwoot_identity.base_url = RAILS_BASE_URL
    WidgetApp.config.chatwoot_identity.website_token = RAILS_WEBSITE_TOKEN
    WidgetApp.config.chatwoot_identity.webhook_secret = RAILS_WEBHOOK_SECRET
    verbose, $VERBOSE = $VERBOSE, nil # Rails's own warnings, not this gem's
    with_env("CHATWOOT_HMAC_SECRET" => RAILS_SECRET) { WidgetApp.initialize! }
    $VERBOSE = verbose
    WidgetApp
  end

  def with_env(values)
    saved = values.keys.to_h { |key| [key, ENV.fetch(key, nil)] }
    values.each { |key, value| ENV[key] = value }
    yield
  ensure
    saved.each { |key, value| ENV[key] = value }
  end

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
