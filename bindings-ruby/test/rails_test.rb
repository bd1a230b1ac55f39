# frozen_string_literal: true

require_relative "test_helper"
require "open3"
require "rbconfig"

# `chatwoot_widget_tag` inside a real Rails 6.1 app (Debian's railties/actionpack/actionview):
# requests go through the middleware stack, a controller and an ERB view.
class RailsTest < Minitest::Test
  include TestSupport

  USER = { "identifier" => "user-7", "name" => "Ada Lovelace", "email" => "ada@example.com",
           "custom_attributes" => { "plan" => "pro", "seats" => 3, "beta" => true } }.freeze

  def setup
    TestSupport.rails_app
  end

  def get(path, user: nil, csp: false)
    env = { "CHATWOOT_TEST_USER_JSON" => user&.to_json, "CHATWOOT_TEST_CSP" => csp ? "1" : nil }
    with_env(env) do
      session = ActionDispatch::Integration::Session.new(Rails.application)
      session.get(path)
      assert_equal 200, session.response.status, session.response.body[0, 2000]
      session.response
    end
  end

  def test_a_visitor_gets_the_loader_without_set_user
    response = get("/")
    body = response.body
    assert body.start_with?(%(<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>) +
                            %(<h1>page</h1><script>\n)), body
    assert body.end_with?("</script></body></html>\n"), body
    assert_equal({ "baseUrl" => RAILS_BASE_URL, "websiteToken" => RAILS_WEBSITE_TOKEN }, page_config(body))
    assert_nil response.headers["Content-Security-Policy"]
  end

  def test_a_signed_in_user_is_set_with_a_hash_chatwoot_accepts
    config = page_config(get("/", user: USER).body)
    assert_equal "user-7", config.dig("user", "identifier")
    attributes = config.dig("user", "attributes")
    # Chatwoot's own computation, with the secret the app was configured with.
    assert_equal openssl_hash(RAILS_SECRET, "user-7"), attributes.delete("identifier_hash")
    assert_equal USER.except("identifier"), attributes
  end

  def test_fields_given_to_the_helper_override_the_users
    config = page_config(get("/override", user: USER).body)
    assert_equal "user-7", config.dig("user", "identifier")
    assert_equal "Someone </script> else", config.dig("user", "attributes", "name")
    assert_equal({ "plan" => "pro" }, config.dig("user", "attributes", "custom_attributes"))
    assert_equal "ada@example.com", config.dig("user", "attributes", "email")
  end

  def test_fields_are_ignored_for_a_visitor
    refute page_config(get("/override").body).key?("user")
  end

  def test_user_nil_renders_the_visitor_snippet_for_a_signed_in_user
    refute page_config(get("/visitor", user: USER).body).key?("user")
  end

  def test_the_csp_nonce_of_the_request_is_on_the_snippet
    nonces = Array.new(2) do
      response = get("/", user: USER, csp: true)
      header = response.headers.fetch("Content-Security-Policy")
      nonce = header[/'nonce-([^']+)'/, 1] or flunk header
      assert_includes header, "'strict-dynamic'"
      assert_includes header, "object-src 'none'"
      assert_includes response.body, %(<script nonce="#{nonce}">\n)
      assert_equal nonce, page_config(response.body)["nonce"]
      nonce
    end
    refute_equal nonces[0], nonces[1], "a fresh nonce per request"
  end

  HOSTILE = ["</script><script>window.trap()</script>", "<!-- <script>", "]]>", %q('"\\'\\"\\\\), "\u2028\u2029",
             "\u{1F600} caf\u00e9", "&lt;b&gt;", "y" * 20_000].freeze

  def test_hostile_values_stay_inside_the_script_and_arrive_unchanged
    HOSTILE.each do |value|
      user = { "identifier" => value, "name" => value, "email" => value, "custom_attributes" => { value => value } }
      body = get("/", user: user).body
      assert_equal 1, body.scan(%r{</script}i).size, value[0, 40]
      refute_includes body.delete_prefix("<!doctype html>"), "<!"
      config = page_config(body)
      assert_equal value, config.dig("user", "identifier")
      assert_equal value, config.dig("user", "attributes", "name")
      assert_equal value, config.dig("user", "attributes", "email")
      assert_equal({ value => value }, config.dig("user", "attributes", "custom_attributes"))
      assert_equal openssl_hash(RAILS_SECRET, value), config.dig("user", "attributes", "identifier_hash")
    end
  end

  def test_the_helper_returns_a_safe_buffer
    controller = ApplicationController.new
    controller.request = ActionDispatch::Request.new(Rack::MockRequest.env_for("/"))
    view = controller.view_context
    html = view.chatwoot_widget_tag(user: nil)
    assert_instance_of ActiveSupport::SafeBuffer, html
    assert html.html_safe?
    assert html.start_with?("<script>")
  end

  def test_the_default_mapping_is_id_name_and_email
    widget = ChatwootIdentity::RailsWidget.new(base_url: RAILS_BASE_URL, website_token: RAILS_WEBSITE_TOKEN,
                                               hmac_secret: RAILS_SECRET)
    account = Struct.new(:id, :name, :email, :password).new(42, "Ada", "ada@example.com", "hunter2")
    config = page_config(widget.script(user: account))
    assert_equal "42", config.dig("user", "identifier")
    assert_equal({ "identifier_hash" => openssl_hash(RAILS_SECRET, 42), "name" => "Ada", "email" => "ada@example.com" },
                 config.dig("user", "attributes"))
    only_id = Struct.new(:id).new(9)
    config = page_config(widget.script(user: only_id, fields: { avatar_url: "https://example.com/a.png" }))
    assert_equal %w[avatar_url identifier_hash], config.dig("user", "attributes").keys.sort
  end

  def test_config_wins_over_the_environment_and_missing_settings_are_named
    env = { "CHATWOOT_BASE_URL" => "https://env.example.com", "CHATWOOT_WEBSITE_TOKEN" => "EnvToken123",
            "CHATWOOT_HMAC_SECRET" => "env-secret" }
    options = ActiveSupport::OrderedOptions.new
    options.website_token = "ConfigToken123"
    config = page_config(ChatwootIdentity::RailsWidget.from_config(options, env).script(user: nil))
    assert_equal({ "baseUrl" => "https://env.example.com", "websiteToken" => "ConfigToken123" }, config)
    missing = ChatwootIdentity::RailsWidget.from_config(ActiveSupport::OrderedOptions.new, {})
    error = assert_raises(ChatwootIdentity::RailsWidget::NotConfigured) { missing.script(user: nil) }
    assert_includes error.message, "CHATWOOT_BASE_URL"
    no_secret = ChatwootIdentity::RailsWidget.from_config(ActiveSupport::OrderedOptions.new, env.except("CHATWOOT_HMAC_SECRET"))
    assert_raises(ChatwootIdentity::MissingSecretError) { no_secret.script(user: Struct.new(:id, :name).new(1, "A")) }
  end

  def test_one_signer_per_process_and_no_secret_in_inspect
    widget = ChatwootIdentity::Railtie.widget
    assert_same widget, ChatwootIdentity::Railtie.widget
    assert widget.frozen?
    refute_includes widget.inspect, RAILS_SECRET
    assert_includes widget.inspect, "[REDACTED]"
  end

  # In an app, Bundler requires the gem after Rails: the Railtie must hook in by itself, and
  # without Rails the gem must not load it.
  def test_the_railtie_loads_with_rails_and_only_then
    with_rails = "require 'rails'; require 'chatwoot_identity'; print defined?(ChatwootIdentity::Railtie).inspect"
    without = "require 'chatwoot_identity'; print [defined?(Rails), defined?(ChatwootIdentity::Railtie)].inspect"
    assert_equal '"constant"', ruby_output(with_rails)
    assert_equal "[nil, nil]", ruby_output(without)
  end

  private

  def ruby_output(code)
    output, status = Open3.capture2e(RbConfig.ruby, "-e", "gem 'chatwoot_identity'; #{code}")
    assert status.success?, output
    output
  end

  def page_config(body)
    json = body[/^  var config = (.*);$/, 1] or flunk "no widget config in #{body[0, 300]}"
    JSON.parse(json)
  end
end
