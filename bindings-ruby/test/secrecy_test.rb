# frozen_string_literal: true

require_relative "test_helper"

# The secret never shows up in anything printed, logged or raised.
class SecrecyTest < Minitest::Test
  include TestSupport

  SECRET = LEAK_CANARY_SECRET

  def outputs
    signer = ChatwootIdentity::Signer.new(SECRET)
    texts = [signer.inspect, signer.to_s, signer.instance_variables.inspect]
    texts.concat(raised_messages(signer))
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

  def test_no_output_contains_the_secret
    texts = outputs
    assert_operator texts.size, :>, 10
    texts.each { |text| refute_includes text, SECRET }
  end

  def test_the_canary_would_be_found_if_it_leaked
    assert_includes "prefix #{SECRET} suffix", SECRET
  end
end
