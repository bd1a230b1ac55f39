# frozen_string_literal: true

# What an app's spec/rails_helper.rb gives its request specs, for the specs run by
# test/test_kit_test.rb (this directory's test_kit_spec.rb and the README's ```rspec block):
# the test Rails app booted, `get`/`response` (rspec-rails' request helpers, through Rails'
# integration session as rspec-rails drives it), and stand-ins for the app's own `sign_in` and
# `users` fixtures.
gem "chatwoot_identity"
require "chatwoot_identity"
require "json"
require_relative "../support/widget_app"

RSPEC_SECRET = "rspec-inbox-secret-7d1e"
ENV["CHATWOOT_HMAC_SECRET"] = RSPEC_SECRET
WidgetApp.config.chatwoot_identity.update(base_url: "https://chat.example.com", website_token: "QrtMG8GydFgEy7bVzsLLmHoq")
WidgetApp.initialize!

module RequestSpecHelpers
  def get(path)
    @session = ActionDispatch::Integration::Session.new(Rails.application)
    @session.get(path)
  end

  def response
    @session.response
  end
end

RSpec.configure do |config|
  config.include RequestSpecHelpers
  config.include WidgetAppSignIn
  config.after { ENV.delete("CHATWOOT_TEST_USER_JSON") }
end
