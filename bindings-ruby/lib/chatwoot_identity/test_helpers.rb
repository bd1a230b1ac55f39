# frozen_string_literal: true

require "minitest"
require_relative "testing"

module ChatwootIdentity
  # Minitest assertions for an integrator's suite: does the page the app renders identify the
  # user to Chatwoot, with a hash Chatwoot accepts? The core reads the widget snippet on the page
  # and checks it; a failure is a `Minitest::Assertion` with the core's explanation (which user
  # the page identifies instead, why the hash is rejected, a snippet escaped by the template, two
  # widgets, no widget).
  #
  #   require "chatwoot_identity/test_helpers"
  #
  #   class PagesTest < ActionDispatch::IntegrationTest
  #     include ChatwootIdentity::TestHelpers
  #
  #     test "the dashboard identifies the signed-in user" do
  #       sign_in users(:ada)
  #       get "/dashboard"
  #       assert_chatwoot_identifies response, identifier: users(:ada).id,
  #                                            hmac_secret: ENV.fetch("CHATWOOT_HMAC_SECRET")
  #     end
  #   end
  module TestHelpers
    # @param html_or_response [String, #body] the page, or the response (`response` in an
    #   integration test)
    # @param identifier [String, Integer] the user the page must identify
    # @param hmac_secret [String] the inbox's HMAC secret the hash must verify with
    # @param fields [Hash] payload fields the user must have (`email:`, `custom_attributes:`)
    # @return [Hash] the core's PageCheck, for further assertions
    # @raise [Minitest::Assertion]
    def assert_chatwoot_identifies(html_or_response, identifier:, hmac_secret:, fields: {})
      chatwoot_assertion(Testing.check(html_or_response, identifier: identifier, hmac_secret: hmac_secret,
                                                         fields: fields))
    end

    # The page identifies nobody: the widget for a visitor, or the reset snippet after logout.
    # @return [Hash] the core's PageCheck
    # @raise [Minitest::Assertion]
    def assert_chatwoot_anonymous(html_or_response)
      chatwoot_assertion(Testing.check(html_or_response))
    end

    # {assert_chatwoot_identifies} for a set-user payload (what `set_user_payload` returned,
    # or its JSON text: what an endpoint for a single-page app renders).
    # @param payload [Hash, String]
    def assert_chatwoot_payload_identifies(payload, identifier:, hmac_secret:, fields: {})
      chatwoot_assertion(Testing.check(payload, identifier: identifier, hmac_secret: hmac_secret, fields: fields,
                                                payload: true))
    end

    private

    def chatwoot_assertion(check)
      self.assertions += 1 if respond_to?(:assertions=)
      raise Minitest::Assertion, Testing.message(check) unless check.fetch("passed")

      check
    end
  end
end
