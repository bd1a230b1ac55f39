# frozen_string_literal: true

# A controller with a verifier of its own tolerance, prepared as the class loads: with eager
# loading (production) that is while the app boots, before its after_initialize hooks, and the
# verifier must already use config.chatwoot_identity.webhook_secret.
class TolerantWebhooksController < ActionController::Base
  include ChatwootIdentity::Rails::VerifiesChatwootWebhooks

  # A secret of its own only when a test gives one (CHATWOOT_TEST_TOLERANT_SECRET): else the app's.
  verify_chatwoot_webhook only: :create, tolerance: 600, secret: ENV.fetch("CHATWOOT_TEST_TOLERANT_SECRET", nil)

  def create
    head :ok
  end

  # What the class prepared: its tolerance, and whether it verifies with the configured secret.
  def show
    sent = ChatwootIdentity.sign_webhook(params.fetch(:secret, ""), "{}")
    verified = chatwoot_webhook_verifier.verify("{}", signature: sent.signature, timestamp: sent.timestamp)
    render plain: "#{chatwoot_webhook_verifier.tolerance} #{verified.age}"
  end
end
