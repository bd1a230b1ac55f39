# frozen_string_literal: true

require_relative "test_helper"
require "open3"
require "rbconfig"

# The configuration is checked when a real Rails app boots; a user the widget cannot take never
# turns a page into a 500 outside development and test. Each boot is a process of its own
# (test/support/boot_app.rb), serving a page over loopback.
class RailsConfigTest < Minitest::Test
  include TestSupport

  BOOT = File.expand_path("support/boot_app.rb", __dir__)
  FULL = { "base_url" => RAILS_BASE_URL, "website_token" => RAILS_WEBSITE_TOKEN, "hmac_secret" => RAILS_SECRET }.freeze
  NO_NAME = JSON.generate("identifier" => "u-1") # no name, email or avatar: Chatwoot's setUser refuses it
  CLEAN_ENV = { "CHATWOOT_BASE_URL" => nil, "CHATWOOT_WEBSITE_TOKEN" => nil, "CHATWOOT_HMAC_SECRET" => nil }.freeze

  def boot(config, env = {})
    env = CLEAN_ENV.merge("CHATWOOT_TEST_CONFIG" => JSON.generate(config), "RAILS_ENV" => "development").merge(env)
    output, errors, status = Open3.capture3(env, RbConfig.ruby, BOOT)
    assert status.success?, errors
    JSON.parse(output.lines.last)
  end

  # Boots in parallel (each is a Rails boot of a second or so).
  def boots(cases)
    cases.map { |config, env| Thread.new { boot(config, env || {}) } }.map(&:value)
  end

  # One real boot shows the check runs when the app boots; the other cases go through the same
  # check in this process (a boot each would cost a second or more).
  def test_a_missing_or_wrong_setting_fails_the_boot_and_names_it
    booted = boot(FULL.except("hmac_secret"))
    assert_includes booted.fetch("boot_error"), "ChatwootIdentity::RailsWidget::NotConfigured"
    assert_includes booted.fetch("boot_error"), "config.chatwoot_identity.hmac_secret or CHATWOOT_HMAC_SECRET"
    cases = {
      FULL.except("hmac_secret") => "config.chatwoot_identity.hmac_secret or CHATWOOT_HMAC_SECRET",
      FULL.merge("hmac_secret" => "") => "config.chatwoot_identity.hmac_secret or CHATWOOT_HMAC_SECRET",
      FULL.except("base_url") => "config.chatwoot_identity.base_url or CHATWOOT_BASE_URL",
      FULL.except("website_token") => "config.chatwoot_identity.website_token or CHATWOOT_WEBSITE_TOKEN",
      FULL.merge("hmac_secret" => RAILS_WEBSITE_TOKEN) => "is the website token",
      FULL.merge("base_url" => "app.chatwoot.com") => "base_url must be an absolute http(s) URL",
      FULL.merge("settings" => { "position" => "top" }) => "settings.position"
    }
    cases.each do |config, expected|
      options = ActiveSupport::OrderedOptions.new.update(config.transform_keys(&:to_sym))
      error = assert_raises(ChatwootIdentity::RailsWidget::NotConfigured, expected) do
        ChatwootIdentity::RailsWidget.check_config(options, {})
      end
      assert_includes error.message, expected
      refute_includes error.message, RAILS_SECRET
    end
    ChatwootIdentity::RailsWidget.check_config(ActiveSupport::OrderedOptions.new.update(FULL.transform_keys(&:to_sym)), {})
  end

  # With eager loading (production), a controller's `verify_chatwoot_webhook tolerance:` runs
  # while the app boots, before after_initialize: it once saw no webhook_secret and failed the
  # boot although config.chatwoot_identity had one.
  def test_an_eager_loaded_controller_prepares_its_verifier_with_the_configured_secret
    config = FULL.merge("webhook_secret" => RAILS_WEBHOOK_SECRET)
    path = "/chatwoot/tolerant?secret=#{RAILS_WEBHOOK_SECRET}"
    env = { "CHATWOOT_TEST_EAGER_LOAD" => "1", "CHATWOOT_WEBHOOK_SECRET" => nil, "CHATWOOT_TEST_PATH" => path }
    eager, lazy = boots([[config, env], [config, env.merge("CHATWOOT_TEST_EAGER_LOAD" => "0")]])
    [eager, lazy].each do |booted|
      refute booted.key?("boot_error"), booted["boot_error"]
      assert_equal [200, "600 0"], [booted.fetch("status"), booted.fetch("body")], booted["log"]
    end
  end

  # Without a webhook secret anywhere, an eager-loaded controller that verifies webhooks fails
  # the boot (a deploy that stops), not each webhook with a 500 later.
  def test_a_missing_webhook_secret_fails_an_eager_boot
    # (The controller with its own tolerance gets a secret of its own here, so the failure can
    # only come from the one on the app's secret.)
    booted = boot(FULL, "CHATWOOT_TEST_EAGER_LOAD" => "1", "CHATWOOT_WEBHOOK_SECRET" => nil,
                        "CHATWOOT_TEST_TOLERANT_SECRET" => "a-secret-of-its-own")
    assert_includes booted.fetch("boot_error"), "set config.chatwoot_identity.webhook_secret or CHATWOOT_WEBHOOK_SECRET"
    refute_includes booted.fetch("boot_error"), RAILS_SECRET
  end

  def test_the_environment_variables_configure_it_too_and_disabled_needs_nothing
    env_only = { "CHATWOOT_BASE_URL" => RAILS_BASE_URL, "CHATWOOT_WEBSITE_TOKEN" => RAILS_WEBSITE_TOKEN,
                 "CHATWOOT_HMAC_SECRET" => RAILS_SECRET }
    signed_in = { "CHATWOOT_TEST_USER_JSON" => JSON.generate("identifier" => "user-7", "name" => "Ada") }
    configured, disabled = boots([[{}, env_only.merge(signed_in)], [{ "enabled" => false }, signed_in]])
    assert_equal 200, configured.fetch("status")
    assert_includes configured.fetch("body"), openssl_hash(RAILS_SECRET, "user-7")
    assert_equal 200, disabled.fetch("status"), disabled["boot_error"]
    refute_includes disabled.fetch("body"), "<script"
    assert_includes disabled.fetch("body"), "<h1>page</h1>"
  end

  # Production: the visitor widget and a warning; development: the error, as a 500.
  def test_a_user_the_widget_cannot_take_gets_the_visitor_widget_outside_development
    production, current_user = boots([
      [FULL, { "RAILS_ENV" => "production", "CHATWOOT_TEST_USER_JSON" => NO_NAME }],
      [FULL.merge("current_user" => "callable"), { "RAILS_ENV" => "production" }]
    ])
    TestSupport.rails_app # this process's app: development
    development = with_env("CHATWOOT_TEST_USER_JSON" => NO_NAME) do
      serve_over_loopback(Rails.application) { |url| http_get("#{url}/") }
    end
    assert_equal 200, production.fetch("status")
    assert_includes production.fetch("body"), "<script>"
    refute_includes production.fetch("body"), "u-1"
    refute_match(/\b\h{64}\b/, production.fetch("body"))
    assert_match(/WARN.*Chatwoot widget: rendered for a visitor.*IncompleteUserError/, production.fetch("log"))
    refute_includes production.fetch("log"), RAILS_SECRET
    assert_equal 500, development[0]
    assert_includes development[1], "IncompleteUserError"
    # config.chatwoot_identity.current_user, called with the controller, finds the user.
    assert_includes current_user.fetch("body"), openssl_hash(RAILS_SECRET, "from-callable")
  end
end
