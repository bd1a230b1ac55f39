# frozen_string_literal: true

# A controller on the app's own webhook secret: loaded while the app boots (eager loading), it
# prepares that verifier then, so a missing secret fails the boot instead of every webhook.
class DefaultWebhooksController < ActionController::Base
  include ChatwootIdentity::Rails::VerifiesChatwootWebhooks

  verify_chatwoot_webhook only: :create

  def create
    head :ok
  end
end
