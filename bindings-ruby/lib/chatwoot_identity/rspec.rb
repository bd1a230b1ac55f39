# frozen_string_literal: true

require_relative "testing"

module ChatwootIdentity
  # RSpec matchers for an integrator's suite (`require "chatwoot_identity/rspec"` in
  # spec/rails_helper.rb or spec_helper.rb includes them in every example group):
  #
  #   expect(response.body).to identify_chatwoot_user(user.id, hmac_secret: ENV.fetch("CHATWOOT_HMAC_SECRET"))
  #   expect(response).to identify_chatwoot_user(user.id, hmac_secret: secret, fields: { email: user.email })
  #   expect(response.body).to be_chatwoot_anonymous
  #   expect(payload).to identify_chatwoot_user(user.id, hmac_secret: secret, payload: true)
  #
  # A failure message is the core's explanation, as for {TestHelpers}.
  module RSpecMatchers
    # Matches what the core's check passes; explains what it does not.
    class Matcher
      attr_reader :check

      def initialize(description, **expected)
        @description = description
        @expected = expected
      end

      def matches?(actual)
        @check = Testing.check(actual, **@expected)
        @check.fetch("passed")
      end

      def does_not_match?(actual)
        !matches?(actual)
      end

      def failure_message
        Testing.message(@check)
      end

      def failure_message_when_negated
        "expected the page not to #{@description}, but it does"
      end

      attr_reader :description
    end

    # The page (a String or a response) or, with `payload: true`, a set-user payload
    # identifies `identifier` with a hash that verifies with `hmac_secret`, and has `fields`.
    def identify_chatwoot_user(identifier, hmac_secret:, fields: {}, payload: false)
      Matcher.new("identify the Chatwoot user #{identifier.to_s.inspect}", identifier: identifier,
                                                                            hmac_secret: hmac_secret, fields: fields,
                                                                            payload: payload)
    end

    # The page identifies nobody: the visitor widget, or the reset snippet after logout.
    def be_chatwoot_anonymous
      Matcher.new("render the Chatwoot widget for an anonymous visitor")
    end
  end
end

RSpec.configure { |config| config.include ChatwootIdentity::RSpecMatchers } if defined?(RSpec) && RSpec.respond_to?(:configure)
