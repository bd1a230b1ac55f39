# frozen_string_literal: true

require "active_support/concern"
require "json"

module ChatwootIdentity
  # The Rails integration's modules (`ChatwootIdentity::Railtie` hooks them in).
  module Rails
    # Receives Chatwoot's signed webhooks in a controller:
    #
    #   class ChatwootWebhooksController < ApplicationController
    #     include ChatwootIdentity::Rails::VerifiesChatwootWebhooks
    #     verify_chatwoot_webhook only: :create
    #
    #     def create
    #       Inbox.handle(chatwoot_event["event"], chatwoot_event, delivery_id: chatwoot_webhook.delivery_id)
    #       head :ok
    #     end
    #   end
    #
    # `verify_chatwoot_webhook` (the class method) adds the before_action of the same name for
    # those actions and skips CSRF protection for them only (a webhook has no session; its
    # signature is the proof). The before_action verifies `request.raw_post`, the exact bytes
    # received, against the request's headers; on failure it answers 401 with
    # `{"error": code, "message": message}` and the action never runs. On success the action has
    # {#chatwoot_webhook} (a {ChatwootIdentity::VerifiedWebhook}), {#chatwoot_webhook_body} (the
    # verified bytes) and {#chatwoot_event} (that body parsed as JSON; a verified body that is
    # not JSON is answered 400).
    #
    # The secret is `config.chatwoot_identity.webhook_secret` or `CHATWOOT_WEBHOOK_SECRET`,
    # prepared once per process; `secret:` gives a controller its own (an agent bot's).
    module VerifiesChatwootWebhooks
      extend ActiveSupport::Concern

      included do
        class_attribute :chatwoot_webhook_verifier, instance_writer: false, default: nil
      end

      class_methods do
        # @param secret [String, nil] this controller's webhook secret; nil: the app's
        # @param tolerance [Integer, nil] seconds; nil: the app's (default 300)
        # @param filters [Hash] `only:` / `except:` / `if:` / `unless:`, as for before_action
        def verify_chatwoot_webhook(secret: nil, tolerance: nil, **filters)
          if secret.nil? && tolerance.nil?
            # The app's verifier, prepared as soon as the app's configuration is known: with eager
            # loading (production) while the app boots, so a missing secret fails the deploy
            # rather than answering every webhook with a 500.
            ChatwootIdentity::Railtie.webhook_verifier if ChatwootIdentity::Railtie.webhook_configured?
          else
            self.chatwoot_webhook_verifier = ChatwootIdentity::Railtie.build_webhook_verifier(secret, tolerance)
          end
          # `raise: false`: a controller without forgery protection has nothing to skip.
          skip_before_action(:verify_authenticity_token, raise: false, **filters)
          before_action :verify_chatwoot_webhook, **filters
        end
      end

      # @return [ChatwootIdentity::VerifiedWebhook, nil] set once the request has verified
      attr_reader :chatwoot_webhook

      # @return [String, nil] the request body that verified, exactly as received
      attr_reader :chatwoot_webhook_body

      # @return [Hash, Array, nil] the verified body, parsed as JSON
      attr_reader :chatwoot_event

      private

      # The before_action: verifies the request or answers it (401, or 400 for a verified body
      # that is not JSON), so the action runs only for a request Chatwoot signed.
      def verify_chatwoot_webhook
        verifier = chatwoot_webhook_verifier || ChatwootIdentity::Railtie.webhook_verifier
        body = request.raw_post.to_s
        webhook = verifier.verify(body, headers: request.env)
        event = JSON.parse(body)
        @chatwoot_webhook_body = body
        @chatwoot_webhook = webhook
        @chatwoot_event = event
      rescue ChatwootIdentity::Error => e
        chatwoot_webhook_refused(:unauthorized, e.code, e.message)
      rescue JSON::ParserError
        chatwoot_webhook_refused(:bad_request, "invalid_json", "the webhook verified but its body is not JSON")
      end

      def chatwoot_webhook_refused(status, code, message)
        logger&.warn("Chatwoot webhook refused (#{code}): #{message}")
        render status: status, json: { error: code, message: message }
      end
    end
  end
end
