# frozen_string_literal: true

require_relative "test_helper"
require "open3"
require "rbconfig"
require "tempfile"

# The Rails concern in the test app (test/support/widget_app.rb) served by WEBrick over
# loopback, receiving what tests/webhooks/chatwoot_sender.rb sends: Chatwoot's own signing
# (ActiveSupport to_json, OpenSSL::HMAC, Net::HTTP), right and wrong in every way it knows.
class RailsWebhookTest < Minitest::Test
  include TestSupport

  SENDER = File.join(TestSupport::REPOSITORY_ROOT, "tests", "webhooks", "chatwoot_sender.rb")
  IDENTITY_TOKEN = "rails-inbox-secret-2f9c"
  PAYLOAD = { "event" => "message_created", "id" => 4217, "content" => "</script> & <b>hi</b> \u{1F600} caf\u00e9",
              "sender" => { "id" => 77, "name" => "Zo\u00eb" }, "conversation" => { "labels" => %w[vip] } }.freeze

  EXPECTED = {
    "good" => [200, nil], "tampered_body" => [401, "signature_mismatch"],
    "tampered_timestamp" => [401, "signature_mismatch"], "stale" => [401, "stale_timestamp"],
    "future" => [401, "future_timestamp"], "missing_signature" => [401, "missing_signature"],
    "missing_timestamp" => [401, "missing_timestamp"], "missing_headers" => [401, "missing_signature"],
    "wrong_secret" => [401, "signature_mismatch"], "identity_token" => [401, "signature_mismatch"]
  }.freeze

  def setup
    TestSupport.rails_app
    RecordingWebhooksController::RECEIVED.clear
  end

  def send_webhooks(url, modes, secret: RAILS_WEBHOOK_SECRET)
    Tempfile.create(["payload", ".json"]) do |file|
      file.write(JSON.generate(PAYLOAD))
      file.flush
      output, errors, status = Open3.capture3(RbConfig.ruby, SENDER, url, "--secret", secret, "--mode", modes.join(","),
                                              "--hmac-token", IDENTITY_TOKEN, "--payload", file.path)
      assert status.success?, errors
      output.lines.to_h do |line|
        mode, code, body = line.chomp.split(" ", 3)
        [mode, [Integer(code), body]]
      end
    end
  end

  def test_every_sender_mode_over_loopback
    answers = serve_over_loopback(Rails.application) { |url| send_webhooks("#{url}/chatwoot/webhooks", EXPECTED.keys) }
    assert_equal EXPECTED.keys.sort, answers.keys.sort
    EXPECTED.each do |mode, (status, code)|
      answer_status, body = answers.fetch(mode)
      assert_equal status, answer_status, "#{mode}: #{body}"
      json = JSON.parse(body)
      if code
        assert_equal [code], [json["error"]], mode
        refute_empty json["message"], mode
        assert_equal %w[error message], json.keys.sort, mode
      else
        assert_equal "message_created", json["received"]
        assert_match(/\A\h{8}-\h{4}-\h{4}-\h{4}-\h{12}\z/, json["delivery_id"])
      end
      refute_includes body, RAILS_WEBHOOK_SECRET
    end
    # The action ran once, for `good`, with the exact bytes Chatwoot signed.
    received = drain
    assert_equal 1, received.size, received.inspect
    webhook = received.first
    expected_body = PAYLOAD.to_json # ActiveSupport's encoder, as Chatwoot's payload.to_json
    assert_includes expected_body, "\\u003c/script\\u003e"
    assert_equal expected_body.b, webhook.fetch(:body).b
    assert_equal expected_body.b, webhook.fetch(:raw_post).b
    assert_equal PAYLOAD, webhook.fetch(:event)
    assert_equal JSON.parse(answers.fetch("good")[1])["delivery_id"], webhook.fetch(:delivery_id)
    assert_operator webhook.fetch(:age).abs, :<=, 60
  end

  # CSRF protection is lifted for the verified action only; a wrong secret on the app's side
  # refuses even the good request.
  def test_csrf_stays_on_for_other_actions_and_the_secret_matters
    answers = serve_over_loopback(Rails.application) do |url|
      other = send_webhooks("#{url}/chatwoot/other", ["good"])
      wrong = send_webhooks("#{url}/chatwoot/webhooks", ["good"], secret: "another-webhook-secret")
      [other.fetch("good"), wrong.fetch("good")]
    end
    assert_equal 422, answers[0][0], "InvalidAuthenticityToken: #{answers[0][1][0, 200]}"
    assert_equal 401, answers[1][0]
    assert_equal "signature_mismatch", JSON.parse(answers[1][1])["error"]
    assert_empty drain
  end

  def test_a_verified_body_that_is_not_json_is_a_400_and_never_reaches_the_action
    body = "not json"
    sent = ChatwootIdentity.sign_webhook(RAILS_WEBHOOK_SECRET, body)
    session = ActionDispatch::Integration::Session.new(Rails.application)
    session.post("/chatwoot/webhooks", params: body, headers: sent.headers.merge("CONTENT_TYPE" => "text/plain"))
    assert_equal 400, session.response.status
    assert_equal "invalid_json", JSON.parse(session.response.body)["error"]
    assert_empty drain
  end

  def test_the_verifier_comes_from_the_configuration_and_is_prepared_once
    verifier = ChatwootIdentity::Railtie.webhook_verifier
    assert_same verifier, ChatwootIdentity::Railtie.webhook_verifier
    assert_equal 300, verifier.tolerance
    refute_includes verifier.inspect, RAILS_WEBHOOK_SECRET
    own = Class.new(ActionController::Base) do
      include ChatwootIdentity::Rails::VerifiesChatwootWebhooks
      verify_chatwoot_webhook secret: "agent-bot-secret", tolerance: 30
    end
    assert_equal 30, own.chatwoot_webhook_verifier.tolerance
    assert_nil RecordingWebhooksController.chatwoot_webhook_verifier
    error = with_env("CHATWOOT_WEBHOOK_SECRET" => nil) do
      ChatwootIdentity::Railtie.webhook_options = {}
      assert_raises(ChatwootIdentity::RailsWidget::NotConfigured) { ChatwootIdentity::Railtie.build_webhook_verifier(nil, nil) }
    ensure
      ChatwootIdentity::Railtie.webhook_options = Rails.application.config.chatwoot_identity
    end
    assert_includes error.message, "config.chatwoot_identity.webhook_secret or CHATWOOT_WEBHOOK_SECRET"
  end

  private

  def drain
    received = []
    received << RecordingWebhooksController::RECEIVED.pop until RecordingWebhooksController::RECEIVED.empty?
    received
  end
end
