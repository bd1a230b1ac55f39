# frozen_string_literal: true

require_relative "test_helper"

# Signed webhooks against tests/vectors/webhook.json (signatures from Chatwoot's own Ruby
# expression and four other stdlib implementations), both forms, sign and diagnose; then the
# Ruby side: header objects, bad input, secrecy, threads.
class WebhookTest < Minitest::Test
  include TestSupport

  FILE = JSON.parse(File.read(File.join(TestSupport::VECTORS_DIR, "webhook.json")))
  SECRET = "Sx5GdKjW7rvbcaQ8JtUmHn2p"
  NOW = 1_767_225_600

  # A vector value, or a repeat rule for the large bodies (tests/vectors/README.md).
  def self.value(value)
    return nil if value.nil?

    if (rule = value["repeat"])
      return (rule.fetch("prefix") + (rule.fetch("unit") * rule.fetch("times")) + rule.fetch("suffix")).b
    end

    TestSupport.vector_value(value)
  end

  def self.options(vector)
    case (tolerance = vector["tolerance"])
    when nil then {}
    when "unchecked" then { check_age: false }
    else { tolerance: tolerance }
    end
  end

  def assert_outcome(vector, where)
    if (error = vector["error"])
      raised = assert_raises(ChatwootIdentity::Error, where) { yield }
      assert_equal error, raised.code, "#{where}: #{raised.message}"
      assert_equal error, raised.class::CODE, where
      nil
    else
      webhook = yield
      expected = vector.fetch("verified")
      assert_equal [expected.fetch("timestamp"), expected.fetch("age")], [webhook.timestamp, webhook.age], where
      assert_equal vector["signature"].to_s.strip.delete_prefix("sha256=")[0, 64], webhook.replay_key, where if vector["signature"]
      webhook
    end
  end

  FILE.fetch("vectors").each_with_index do |vector, index|
    define_method("test_vector_#{index}_#{vector.fetch("description").gsub(/\W+/, "_")[0, 60]}") do
      secret = self.class.value(vector.fetch("secret"))
      body = self.class.value(vector.fetch("body"))
      options = self.class.options(vector)
      now = vector.fetch("now")
      pairs = vector.fetch("headers")
      where = vector.fetch("description")

      # The header list, as an Array of pairs and (names unique) as a Hash; one-off and prepared.
      forms = [pairs]
      forms << pairs.to_h if pairs.map(&:first).uniq.size == pairs.size
      forms.each do |headers|
        webhook = assert_outcome(vector, "#{where} (#{headers.class})") do
          ChatwootIdentity.verify_webhook(secret, body, headers: headers, now: now, **options)
        end
        if webhook
          expected = vector.dig("verified", "delivery_id")
          expected.nil? ? assert_nil(webhook.delivery_id, where) : assert_equal(expected, webhook.delivery_id, where)
        end
        next if vector["error"] == "empty_secret"

        assert_outcome(vector, "#{where} (verifier, #{headers.class})") do
          ChatwootIdentity::WebhookVerifier.new(secret, **options).verify(body, headers: headers, now: now)
        end
      end

      if vector.key?("signature")
        signature = vector.fetch("signature").then { |value| value.empty? ? nil : value }
        timestamp = vector.fetch("timestamp").then { |value| value.empty? ? nil : value }
        [[signature, timestamp], [vector.fetch("signature"), vector.fetch("timestamp")]].each do |sig, ts|
          webhook = assert_outcome(vector, "#{where} (values)") do
            ChatwootIdentity.verify_webhook(secret, body, signature: sig, timestamp: ts, now: now, **options)
          end
          assert_nil webhook.delivery_id if webhook
        end
      end

      if vector["sign"]
        timestamp = vector.dig("verified", "timestamp")
        signed = ChatwootIdentity.sign_webhook(secret, body, timestamp)
        expected = vector["signature"] || "sha256=#{ChatwootIdentity.verify_webhook(secret, body, headers: pairs, now: now, **options).replay_key}"
        assert_equal [expected, timestamp.to_s], [signed.signature, signed.timestamp], where
        assert_equal vector["timestamp"], signed.timestamp, where if vector.key?("timestamp")
        assert_match(/\A\h{8}-\h{4}-4\h{3}-[89ab]\h{3}-\h{12}\z/, signed.delivery_id)
      end
    end
  end

  def test_the_vector_file_covers_every_code_both_forms_and_large_bodies
    vectors = FILE.fetch("vectors")
    codes = ChatwootIdentity::Error.subclasses.map { |error| error::CODE }
    webhook_codes = %w[empty_secret missing_signature malformed_signature missing_timestamp malformed_timestamp
                       stale_timestamp future_timestamp signature_mismatch]
    assert_empty webhook_codes - codes
    assert_empty webhook_codes - vectors.filter_map { |vector| vector["error"] }
    assert vectors.any? { |vector| vector.dig("body", "repeat") }
    assert vectors.any? { |vector| !vector.key?("signature") }
  end

  FILE.fetch("diagnose").each_with_index do |vector, index|
    define_method("test_diagnose_#{index}_#{vector.fetch("description").gsub(/\W+/, "_")[0, 60]}") do
      secret = self.class.value(vector.fetch("secret"))
      body = self.class.value(vector.fetch("body"))
      token = self.class.value(vector["identity_hmac_token"])
      values = { signature: vector.fetch("signature"), timestamp: vector.fetch("timestamp") }
      headers = [[ChatwootIdentity::SIGNATURE_HEADER, values[:signature]], [ChatwootIdentity::TIMESTAMP_HEADER, values[:timestamp]]]
      [values, { headers: headers }].each do |form|
        diagnosis = ChatwootIdentity.diagnose_webhook(secret, body, identity_hmac_token: token, **form)
        assert_equal vector.fetch("verified"), diagnosis.verified?, vector.fetch("description")
        assert_equal vector.fetch("findings"), diagnosis.findings.map(&:code), vector.fetch("description")
        diagnosis.findings.each do |finding|
          refute_empty finding.message
          refute_includes finding.message, secret
          assert_equal finding.message, finding.to_s
        end
      end
    end
  end

  BODY = %({"event":"message_created","content":"\\u003cb\\u003e"}).b.freeze

  def signed(body = BODY, timestamp = NOW)
    ChatwootIdentity.sign_webhook(SECRET, body, timestamp)
  end

  def test_chatwoots_own_expression_is_what_verifies
    signature = "sha256=#{OpenSSL::HMAC.hexdigest("SHA256", SECRET, "#{NOW}.#{BODY}")}"
    webhook = ChatwootIdentity.verify_webhook(SECRET, BODY, signature: signature, timestamp: NOW.to_s, now: NOW + 5)
    assert_equal [NOW, 5], [webhook.timestamp, webhook.age]
    assert_equal signature, signed.signature
    wrong = signature.sub(/.\z/) { |last| last == "0" ? "1" : "0" }
    assert_raises(ChatwootIdentity::SignatureMismatchError) do
      ChatwootIdentity.verify_webhook(SECRET, BODY, signature: wrong, timestamp: NOW.to_s, now: NOW)
    end
  end

  # Rack env (CGI names), Rails' ActionDispatch::Http::Headers, Rack::Headers-like Hashes with
  # Array values, Symbol keys, Net::HTTP-style `to_hash`: the core finds the headers in each.
  def test_host_header_objects
    TestSupport.rails_app # Rack and ActionDispatch
    sent = signed
    env = Rack::MockRequest.env_for("/hooks", method: "POST", input: BODY,
                                              "HTTP_X_CHATWOOT_SIGNATURE" => sent.signature,
                                              "HTTP_X_CHATWOOT_TIMESTAMP" => sent.timestamp,
                                              "HTTP_X_CHATWOOT_DELIVERY" => sent.delivery_id)
    request = ActionDispatch::Request.new(env)
    with_arrays = sent.headers.transform_keys(&:downcase).transform_values { |value| [value] }
    to_hash = Object.new.tap { |object| object.define_singleton_method(:to_hash) { with_arrays } }
    [env, request.headers, request, sent.headers, with_arrays, sent.headers.transform_keys(&:to_sym), to_hash,
     sent.headers.to_a].each do |headers|
      webhook = ChatwootIdentity.verify_webhook(SECRET, BODY, headers: headers, now: NOW)
      assert_equal sent.delivery_id, webhook.delivery_id, headers.class.name
    end
  end

  def test_a_header_given_twice_is_malformed_not_one_of_them
    sent = signed
    pairs = sent.headers.to_a + [["x-chatwoot-signature", sent.signature]]
    error = assert_raises(ChatwootIdentity::MalformedSignatureError) do
      ChatwootIdentity.verify_webhook(SECRET, BODY, headers: pairs, now: NOW)
    end
    assert_equal "malformed_signature", error.code
  end

  def test_age_tolerance_and_the_explicit_opt_out
    sent = signed
    verify = ->(**options) { ChatwootIdentity.verify_webhook(SECRET, BODY, headers: sent.headers, **options) }
    assert_equal 300, verify.(now: NOW + 300).age
    assert_raises(ChatwootIdentity::StaleTimestampError) { verify.(now: NOW + 301) }
    assert_raises(ChatwootIdentity::FutureTimestampError) { verify.(now: NOW - 301) }
    assert_raises(ChatwootIdentity::StaleTimestampError) { verify.(now: NOW + 1, tolerance: 0) }
    assert_equal 0, verify.(now: NOW, tolerance: 0).age
    assert_equal(-10_000, verify.(now: NOW - 10_000, check_age: false).age)
    # The system clock by default: a webhook signed now verifies, one from 2026-01-01 does not.
    assert_operator ChatwootIdentity.verify_webhook(SECRET, BODY, headers: ChatwootIdentity.sign_webhook(SECRET, BODY).headers).age.abs, :<=, 5
    assert_raises(ChatwootIdentity::StaleTimestampError) { verify.() }
    verifier = ChatwootIdentity::WebhookVerifier.new(SECRET, check_age: false)
    assert_nil verifier.tolerance
    refute verifier.check_age?
    assert_equal 60, ChatwootIdentity::WebhookVerifier.new(SECRET, tolerance: 60).tolerance
    assert_equal 300, ChatwootIdentity::DEFAULT_TOLERANCE_SECONDS
  end

  def test_nil_values_are_absent_headers
    sent = signed
    assert_raises(ChatwootIdentity::MissingSignatureError) do
      ChatwootIdentity.verify_webhook(SECRET, BODY, timestamp: sent.timestamp, now: NOW)
    end
    assert_raises(ChatwootIdentity::MissingTimestampError) do
      ChatwootIdentity.verify_webhook(SECRET, BODY, signature: sent.signature, now: NOW)
    end
    assert_raises(ChatwootIdentity::MissingSignatureError) { ChatwootIdentity.verify_webhook(SECRET, BODY, headers: {}) }
  end

  def test_bad_input_names_the_parameter
    sent = signed
    cases = {
      -> { ChatwootIdentity.verify_webhook(nil, BODY, headers: sent.headers) } => [TypeError, "secret must be a String, not nil"],
      -> { ChatwootIdentity.verify_webhook(SECRET, nil, headers: sent.headers) } => [TypeError, "body must be a String"],
      -> { ChatwootIdentity.verify_webhook(SECRET, BODY.bytes, headers: sent.headers) } => [TypeError, "body must be a String"],
      -> { ChatwootIdentity.verify_webhook(SECRET, BODY, headers: 42) } => [TypeError, "headers must be a Hash"],
      -> { ChatwootIdentity.verify_webhook(SECRET, BODY, headers: [["a", 1]]) } => [TypeError, "headers[0] must be a [name, value] pair"],
      -> { ChatwootIdentity.verify_webhook(SECRET, BODY, headers: %w[a b]) } => [TypeError, "headers[0] must be a [name, value] pair"],
      -> { ChatwootIdentity.verify_webhook(SECRET, BODY, signature: 5, timestamp: "1") } => [TypeError, "signature must be a String or nil"],
      -> { ChatwootIdentity.verify_webhook(SECRET, BODY, signature: "s", timestamp: 1) } => [TypeError, "timestamp must be a String or nil"],
      -> { ChatwootIdentity.verify_webhook(SECRET, BODY, headers: {}, signature: "s") } => [ArgumentError, "not both"],
      -> { ChatwootIdentity.verify_webhook(SECRET, BODY, headers: {}, now: "now") } => [TypeError, "now must be an Integer"],
      -> { ChatwootIdentity.verify_webhook(SECRET, BODY, headers: {}, now: -1) } => [RangeError, "now must be Unix time"],
      -> { ChatwootIdentity.verify_webhook(SECRET, BODY, headers: {}, now: 2**64) } => [RangeError, "now must be Unix time"],
      -> { ChatwootIdentity.verify_webhook(SECRET, BODY, headers: {}, tolerance: -1) } => [RangeError, "tolerance must be"],
      -> { ChatwootIdentity.verify_webhook(SECRET, BODY, headers: {}, tolerance: 1.5) } => [TypeError, "tolerance must be an Integer"],
      -> { ChatwootIdentity.verify_webhook(SECRET, BODY, headers: {}, check_age: nil) } => [TypeError, "check_age must be true or false, not nil"],
      -> { ChatwootIdentity::WebhookVerifier.new(SECRET, check_age: "no") } => [TypeError, "check_age must be true or false"],
      -> { ChatwootIdentity.sign_webhook(SECRET, BODY, "now") } => [TypeError, "timestamp must be an Integer"],
      -> { ChatwootIdentity.sign_webhook(SECRET, :body) } => [TypeError, "body must be a String (the raw request body), not Symbol"],
      -> { ChatwootIdentity.diagnose_webhook(SECRET, BODY, headers: {}, identity_hmac_token: 7) } =>
        [TypeError, "identity_hmac_token must be a String or nil"]
    }
    cases.each do |call, (error, message)|
      raised = assert_raises(error) { call.() }
      assert_includes raised.message, message
    end
    error = assert_raises(ChatwootIdentity::EmptySecretError) { ChatwootIdentity::WebhookVerifier.new("") }
    assert_equal "empty_secret", error.code
    assert_raises(ChatwootIdentity::EmptySecretError) { ChatwootIdentity.sign_webhook("", BODY) }
    assert_raises(TypeError) { ChatwootIdentity::WebhookVerifier.allocate }
    assert_raises(NoMethodError) { ChatwootIdentity::WebhookVerifier.prepare(SECRET, 300, true) }
    assert_raises(NoMethodError) { ChatwootIdentity.verify_webhook_with }
    assert_raises(NoMethodError) { ChatwootIdentity.diagnose_webhook_with }
  end

  def test_bodies_are_bytes_whatever_their_encoding
    body = "caf\u00e9 \u{1F4AC}"
    sent = ChatwootIdentity.sign_webhook(SECRET, body, NOW)
    assert_equal "sha256=#{OpenSSL::HMAC.hexdigest("SHA256", SECRET, "#{NOW}.#{body}")}", sent.signature
    [body.b, body.dup.force_encoding(Encoding::ISO_8859_1), body.encode("UTF-8")].each do |same|
      assert_equal NOW, ChatwootIdentity.verify_webhook(SECRET, same, headers: sent.headers, now: NOW).timestamp
    end
    invalid = "\xff\xfe{}".b.force_encoding(Encoding::UTF_8)
    refute invalid.valid_encoding?
    ChatwootIdentity.verify_webhook(SECRET, invalid, headers: ChatwootIdentity.sign_webhook(SECRET, invalid, NOW).headers, now: NOW)
  end

  # Above 64 KiB the HMAC runs without the GVL over a frozen String sharing the body's buffer:
  # the answer is the same, and changing the body afterwards changes nothing of the result.
  def test_large_bodies_verify_and_stay_untouched
    [64 * 1024 - 1, 64 * 1024, 1024 * 1024 + 3].each do |size|
      body = +"x" * size
      sent = ChatwootIdentity.sign_webhook(SECRET, body, NOW)
      assert_equal "sha256=#{OpenSSL::HMAC.hexdigest("SHA256", SECRET, "#{NOW}.#{body}")}", sent.signature
      ChatwootIdentity.verify_webhook(SECRET, body, headers: sent.headers, now: NOW)
      ChatwootIdentity.verify_webhook(SECRET, body, signature: sent.signature, timestamp: sent.timestamp, now: NOW)
      refute body.frozen?, "the caller's String is not frozen by the call"
      body << "y"
      assert_raises(ChatwootIdentity::SignatureMismatchError) do
        ChatwootIdentity.verify_webhook(SECRET, body, headers: sent.headers, now: NOW)
      end
    end
  end

  def test_secrets_stay_out_of_inspect_messages_and_findings
    secret = LEAK_CANARY_SECRET
    sent = ChatwootIdentity.sign_webhook(secret, BODY, NOW)
    verifier = ChatwootIdentity::WebhookVerifier.new(secret)
    webhook = verifier.verify(BODY, headers: sent.headers, now: NOW)
    outputs = [verifier.inspect, verifier.to_s, webhook.inspect, webhook.to_s, sent.inspect,
               ChatwootIdentity.diagnose_webhook(secret, BODY, headers: sent.headers).inspect]
    assert_includes verifier.inspect, "secret=[REDACTED]"
    assert_includes webhook.inspect, "replay_key=[REDACTED]"
    refute_includes webhook.inspect, webhook.replay_key
    refute_includes sent.inspect, sent.signature
    errors = [
      -> { verifier.verify(BODY, signature: "sha256=#{"0" * 64}", timestamp: NOW.to_s, now: NOW) },
      -> { verifier.verify("#{BODY} ", headers: sent.headers, now: NOW) },
      -> { verifier.verify(BODY, headers: sent.headers, now: NOW + 10_000) },
      -> { verifier.verify(BODY, signature: secret, timestamp: secret) },
      -> { ChatwootIdentity.verify_webhook(secret, BODY, headers: { "X-Chatwoot-Signature" => secret }) }
    ].map { |call| assert_raises(ChatwootIdentity::Error) { call.() } }
    outputs.concat(errors.flat_map { |error| [error.message, error.inspect, error.full_message] })
    diagnosis = ChatwootIdentity.diagnose_webhook("#{secret}\n", BODY, headers: sent.headers, identity_hmac_token: "other-token-1")
    assert_equal ["secret_whitespace"], diagnosis.findings.map(&:code)
    outputs.concat(diagnosis.findings.map(&:message))
    outputs.each { |output| refute_includes output, secret }
    assert_raises(TypeError) { Marshal.dump(verifier) }
    assert verifier.frozen?
    assert Ractor.shareable?(verifier)
  end

  def test_threads_share_one_verifier
    verifier = ChatwootIdentity::WebhookVerifier.new(SECRET)
    bodies = Array.new(8) { |index| %({"event":"message_created","id":#{index},"pad":"#{"p" * (index * 20_000)}"}) }
    requests = bodies.map { |body| [body, ChatwootIdentity.sign_webhook(SECRET, body, NOW).headers] }
    results = Array.new(8) do |thread|
      Thread.new do
        Array.new(50) do |round|
          body, headers = requests[(thread + round) % requests.size]
          ok = verifier.verify(body, headers: headers, now: NOW).timestamp == NOW
          bad = begin
            verifier.verify("#{body}x", headers: headers, now: NOW)
            false
          rescue ChatwootIdentity::SignatureMismatchError
            true
          end
          ok && bad
        end
      end
    end.flat_map(&:value)
    assert_equal 400, results.count(true)
  end
end
