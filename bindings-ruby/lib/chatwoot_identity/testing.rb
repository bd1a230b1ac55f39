# frozen_string_literal: true

require "chatwoot_identity"

module ChatwootIdentity
  # What the Minitest assertions and the RSpec matchers share: the page out of what a test has
  # (a String, or a response with a `body`), and the failure text, which is the core's problem
  # messages, one per line.
  module Testing
    module_function

    # @param page [String, #body] HTML, or an ActionDispatch/Rack test response
    # @return [String]
    def html(page)
      return page if page.is_a?(String)
      return page.body if page.respond_to?(:body)

      raise TypeError, "expected HTML (a String) or a response with a body, not #{page.class}"
    end

    # The core's check for `page`: an identity when `identifier` is given, else anonymity.
    # @return [Hash] the core's PageCheck
    def check(page, identifier: nil, hmac_secret: nil, fields: {}, payload: false)
      if payload
        ChatwootIdentity.check_payload_identity(page, identifier: identifier, hmac_secret: hmac_secret, fields: fields)
      elsif identifier.nil?
        ChatwootIdentity.check_page_anonymous(html(page))
      else
        ChatwootIdentity.check_page_identity(html(page), identifier: identifier, hmac_secret: hmac_secret,
                                                         fields: fields)
      end
    end

    def message(check)
      check.fetch("problems").map { |problem| problem.fetch("message") }.join("\n")
    end
  end
end
