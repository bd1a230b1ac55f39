# frozen_string_literal: true

require_relative "test_helper"
require "chatwoot_identity/rails_widget" # plain Ruby, usable without Rails

# The secret never shows up in anything printed, logged or raised.
class SecrecyTest < Minitest::Test
  include TestSupport

  SECRET = LEAK_CANARY_SECRET

  def outputs
    signer = ChatwootIdentity::Signer.new(SECRET)
    texts = [signer.inspect, signer.to_s, signer.instance_variables.inspect]
    texts.concat(raised_messages(signer))
    texts.concat(widget_outputs(signer))
    # A diagnosis of the secret itself sent as the hash, and of hashes made with it.
    [SECRET, " #{SECRET}", ChatwootIdentity.identifier_hash("user", SECRET), "nope"].each do |candidate|
      diagnosis = ChatwootIdentity.diagnose(SECRET, "user", candidate)
      texts << diagnosis.inspect << diagnosis.to_s
      diagnosis.findings.each { |finding| texts << finding.inspect << finding.to_s << finding.message << finding.code }
    end
    texts
  end

  def raised_messages(signer)
    [
      -> { signer.identifier_hash("") },
      -> { signer.identifier_hashes(["ok", ""]) },
      -> { signer.identifier_hash(SECRET.to_sym) },
      -> { signer.verify("user", SECRET.to_sym) },
      -> { ChatwootIdentity.identifier_hash(SECRET.to_sym, "user") },
      -> { ChatwootIdentity.identifier_hash(SECRET, "") },
      -> { ChatwootIdentity.diagnose(SECRET, nil, "x") },
      -> { Marshal.dump(signer) }
    ].map do |call|
      error = assert_raises(StandardError) { call.call }
      "#{error.class}: #{error.message} #{error.full_message}"
    end
  end

  WIDGET = { base_url: "https://chat.example.com", website_token: "QrtMG8GydFgEy7bVzsLLmHoq" }.freeze
  USER = { identifier: "user", name: "Jane" }.freeze

  # The widget functions given the secret, as a String and as a Signer, on every error path they
  # have, and what they return when they succeed.
  def widget_outputs(signer)
    calls = [SECRET, signer].flat_map do |secret|
      [
        -> { ChatwootIdentity.widget_script(**WIDGET, hmac_secret: secret, user: { identifier: "user" }) },
        -> { ChatwootIdentity.widget_script(**WIDGET, hmac_secret: secret, user: USER.merge(identifier: "")) },
        -> { ChatwootIdentity.widget_script(**WIDGET, hmac_secret: secret, user: USER, nonce: "<") },
        -> { ChatwootIdentity.widget_script(**WIDGET, hmac_secret: secret, user: USER.merge(name: 1)) },
        -> { ChatwootIdentity.widget_script(**WIDGET, hmac_secret: secret, user: USER.merge(x: 1)) },
        -> { ChatwootIdentity.widget_script(**WIDGET, hmac_secret: secret, settings: { position: :up }) },
        -> { ChatwootIdentity.widget_script(**WIDGET, hmac_secret: secret, user: USER.merge(custom_attributes: { n: Float::NAN })) },
        -> { ChatwootIdentity.widget_script(base_url: "https://u:#{SECRET}@chat.example.com", website_token: "QrtMG8GydFgEy7bVzsLLmHoq", hmac_secret: secret) },
        -> { ChatwootIdentity.set_user_payload(secret, { identifier: "user" }) },
        -> { ChatwootIdentity.set_user_payload_json(secret, "user") }
      ]
    end
    calls << -> { ChatwootIdentity.widget_script(**WIDGET, hmac_secret: SECRET.to_sym, user: USER) }
    messages = calls.map do |call|
      error = assert_raises(StandardError) { call.call }
      "#{error.class}: #{error.message} #{error.full_message}"
    end
    widget = ChatwootIdentity::RailsWidget.new(**WIDGET, hmac_secret: SECRET)
    messages + [ChatwootIdentity.widget_script(**WIDGET, hmac_secret: SECRET, user: USER),
                ChatwootIdentity.set_user_payload(SECRET, USER).inspect, widget.inspect, widget.to_s,
                widget.script(user: nil), widget.instance_variables.inspect]
  end

  def test_no_output_contains_the_secret
    texts = outputs
    assert_operator texts.size, :>, 10
    texts.each { |text| refute_includes text, SECRET }
  end

  def test_the_canary_would_be_found_if_it_leaked
    assert_includes "prefix #{SECRET} suffix", SECRET
  end
end
