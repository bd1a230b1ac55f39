# frozen_string_literal: true

# Chatwoot's signed webhooks: verify that a request came from Chatwoot, sign one for tests, and
# explain a signature that does not verify. The acceptance rule lives in the core (see
# {ChatwootIdentity::WebhookVerifier}); this file is the keyword front of the extension's
# methods.
module ChatwootIdentity
  # Verifies one webhook, preparing the secret for this call; for a stream of webhooks keep a
  # {WebhookVerifier}.
  #
  # Give the request's headers (`headers: request.headers`, a Rack env, a Hash, an Array of
  # `[name, value]` pairs) or the two values (`signature:` and `timestamp:`; nil is an absent
  # header), not both.
  #
  # @example
  #   webhook = ChatwootIdentity.verify_webhook(ENV.fetch("CHATWOOT_WEBHOOK_SECRET"),
  #                                             request.raw_post, headers: request.headers)
  #   webhook.delivery_id
  #
  # @param secret [String] the webhook's (agent bot's, API inbox's) secret, not the inbox's
  #   identity-validation `hmac_token`
  # @param body [String] the raw request body, exactly as received (its bytes, any encoding)
  # @param headers [Hash, Array, #env, #to_hash, nil]
  # @param signature [String, nil] `X-Chatwoot-Signature`
  # @param timestamp [String, nil] `X-Chatwoot-Timestamp`
  # @param now [Integer, nil] Unix seconds to check the age at; nil: the system clock
  # @param tolerance [Integer] seconds the timestamp may be from `now`, either way; 0 is only
  #   the very second
  # @param check_age [Boolean] false verifies the signature only (stored requests)
  # @return [VerifiedWebhook]
  # @raise [Error] MissingSignatureError, MalformedSignatureError, MissingTimestampError,
  #   MalformedTimestampError, SignatureMismatchError, StaleTimestampError,
  #   FutureTimestampError, EmptySecretError; each with its `code`
  # @raise [TypeError, RangeError, ArgumentError] an argument of the wrong type or range, or
  #   both `headers:` and the values
  def self.verify_webhook(secret, body, headers: nil, signature: nil, timestamp: nil, now: nil,
                          tolerance: DEFAULT_TOLERANCE_SECONDS, check_age: true)
    verify_webhook_with(secret, body, WebhookHeaderSource.call(headers), signature, timestamp, now, tolerance,
                        check_age)
  end

  # The headers Chatwoot would send with `body` at `timestamp`, for an integrator's own tests.
  #
  # @param secret [String]
  # @param body [String]
  # @param timestamp [Integer, nil] Unix seconds; nil: now
  # @return [SignedWebhook]
  # @raise [EmptySecretError, TypeError, RangeError]
  def self.sign_webhook(secret, body, timestamp = nil)
    sign_webhook_at(secret, body, timestamp)
  end

  # Explains why a webhook's signature does not verify: the known mistakes that reproduce it
  # (signed over the body alone or a re-serialized body, uppercase hex, the `sha256=` prefix
  # missing or doubled, a timestamp in milliseconds, a trailing newline on the secret, and, when
  # `identity_hmac_token` is given, the inbox's identity-validation token used as the key).
  # The age is not checked. Messages never contain the secret.
  #
  # @param secret [String]
  # @param body [String]
  # @param headers [Hash, Array, #env, #to_hash, nil] as {verify_webhook}
  # @param signature [String, nil]
  # @param timestamp [String, nil]
  # @param identity_hmac_token [String, nil] the inbox's identity-validation `hmac_token`
  # @return [WebhookDiagnosis]
  # @raise [EmptySecretError, TypeError, ArgumentError]
  def self.diagnose_webhook(secret, body, headers: nil, signature: nil, timestamp: nil, identity_hmac_token: nil)
    diagnose_webhook_with(secret, body, WebhookHeaderSource.call(headers), signature, timestamp, identity_hmac_token)
  end

  private_class_method :verify_webhook_with, :sign_webhook_at, :diagnose_webhook_with

  # The host's header object as what the extension reads: a Hash (a header Hash, a Rack env,
  # Rack::Headers) or an Array of pairs as it is; `ActionDispatch::Http::Headers` (and a Rack or
  # Rails request) by its env; anything with `to_hash` (Net::HTTP headers, WEBrick) by that.
  # Every entry goes to the core, which alone picks the Chatwoot headers out.
  module WebhookHeaderSource
    def self.call(headers)
      case headers
      when nil, Hash, Array then headers
      else
        if headers.respond_to?(:env) && headers.env.is_a?(Hash) then headers.env
        elsif headers.respond_to?(:to_hash) then headers.to_hash
        else headers # the extension raises TypeError naming `headers`
        end
      end
    end
  end
  private_constant :WebhookHeaderSource

  # A webhook secret prepared once; share one per webhook across threads (it is frozen and
  # Ractor-shareable). It never shows the secret; the key is wiped from memory when it is
  # garbage-collected.
  #
  # The acceptance rule, the same in every language: `X-Chatwoot-Signature` (spaces and tabs
  # around it ignored) is `sha256=` and 64 lowercase hex characters; `X-Chatwoot-Timestamp` is
  # 1 to 18 decimal digits; the HMAC-SHA256 of the timestamp, `.` and the body bytes matches in
  # constant time; only then `|now - timestamp| <= tolerance`, so an age error is only ever
  # reported for a request Chatwoot really signed.
  #
  # @example
  #   VERIFIER = ChatwootIdentity::WebhookVerifier.new(ENV.fetch("CHATWOOT_WEBHOOK_SECRET"))
  #   VERIFIER.verify(request.raw_post, headers: request.headers)
  class WebhookVerifier
    # @param secret [String]
    # @param tolerance [Integer] seconds, either way (default 300)
    # @param check_age [Boolean] false: the signature only, a captured request stays valid
    # @raise [EmptySecretError, TypeError, RangeError]
    def self.new(secret, tolerance: DEFAULT_TOLERANCE_SECONDS, check_age: true)
      prepare(secret, tolerance, check_age).freeze
    end

    private_class_method :prepare

    # @param body [String] the raw request body
    # @param headers [Hash, Array, #env, #to_hash, nil] as {ChatwootIdentity.verify_webhook}
    # @param signature [String, nil]
    # @param timestamp [String, nil]
    # @param now [Integer, nil]
    # @return [VerifiedWebhook]
    # @raise [Error, TypeError, RangeError, ArgumentError] as {ChatwootIdentity.verify_webhook}
    def verify(body, headers: nil, signature: nil, timestamp: nil, now: nil)
      verify_with(body, WebhookHeaderSource.call(headers), signature, timestamp, now)
    end

    # {ChatwootIdentity.sign_webhook} with this verifier's prepared key.
    # @return [SignedWebhook]
    def sign(body, timestamp = nil)
      sign_with(body, timestamp)
    end

    # @!method tolerance
    #   @return [Integer, nil] seconds, or nil when the age is not checked

    # @return [Boolean]
    def check_age?
      !tolerance.nil?
    end

    private :verify_with, :sign_with

    # @return [String] never the secret
    def inspect
      "#<#{self.class.name} secret=[REDACTED] tolerance=#{tolerance.inspect}>"
    end
    alias to_s inspect
  end

  # A webhook that passed verification.
  #
  # @!method timestamp
  #   @return [Integer] when Chatwoot signed it, Unix seconds
  # @!method age
  #   @return [Integer] `now - timestamp`; negative when ahead (within the tolerance)
  # @!method delivery_id
  #   @return [String, nil] `X-Chatwoot-Delivery` (headers form only). Not signed: the key to
  #     process each delivery once (Chatwoot retries with the same id), not for replay defence
  # @!method replay_key
  #   @return [String] the signature's 64 hex characters, unique per timestamp and body: the key
  #     for replay defence (remember it for twice the tolerance, e.g. Redis `SET key 1 NX EX 600`).
  #     Keep it out of logs.
  class VerifiedWebhook
    # @return [String] without the replay key
    def inspect
      "#<#{self.class.name} timestamp=#{timestamp} age=#{age} delivery_id=#{delivery_id.inspect} " \
        "replay_key=[REDACTED]>"
    end
    alias to_s inspect
  end

  # The headers of a webhook signed as Chatwoot signs it.
  #
  # @!method signature
  #   @return [String] `X-Chatwoot-Signature`
  # @!method timestamp
  #   @return [String] `X-Chatwoot-Timestamp`
  # @!method delivery_id
  #   @return [String] `X-Chatwoot-Delivery`, a random UUID
  # @!method headers
  #   @return [Hash{String => String}] the three, named as Chatwoot sends them
  class SignedWebhook
    # @return [String] without the signature
    def inspect
      "#<#{self.class.name} timestamp=#{timestamp} delivery_id=#{delivery_id} signature=[REDACTED]>"
    end
    alias to_s inspect
  end

  # What {ChatwootIdentity.diagnose_webhook} found out.
  #
  # @!method verified?
  #   @return [Boolean]
  # @!method findings
  #   @return [Array<WebhookFinding>]
  class WebhookDiagnosis
  end

  # One reason a webhook signature does not verify.
  #
  # @!method code
  #   @return [String] a stable code, e.g. `"signed_body_alone"`
  # @!method message
  #   @return [String] never contains the secret
  class WebhookFinding
  end
end
