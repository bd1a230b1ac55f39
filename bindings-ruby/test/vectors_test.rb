# frozen_string_literal: true

require_relative "test_helper"

# One test per shared vector, so a failure names the vector's description.
class VectorsTest < Minitest::Test
  include TestSupport

  def self.each_vector(file)
    vectors = TestSupport.vectors(file)
    raise "#{file}.json has no vectors" if vectors.empty?

    vectors.each_with_index do |vector, index|
      define_method("test_#{file}_#{index.to_s.rjust(3, "0")}_#{vector.fetch("description")}") do
        run_vector(file, vector)
      end
    end
  end

  %w[hash verify error diagnose].each { |file| each_vector(file) }

  private

  def run_vector(file, vector)
    secret = vector_value(vector.fetch("secret"))
    identifier = vector_value(vector.fetch("identifier"))
    send("check_#{file}", vector, secret, identifier)
  end

  def check_hash(vector, secret, identifier)
    expected = vector.fetch("identifier_hash")
    assert_equal expected, ChatwootIdentity.identifier_hash(secret, identifier)
    signer = ChatwootIdentity::Signer.new(secret)
    assert_equal expected, signer.identifier_hash(identifier)
    assert_equal [expected, expected], signer.identifier_hashes([identifier, identifier])
    assert ChatwootIdentity.verify(secret, identifier, expected)
    assert signer.verify(identifier, expected)
  end

  def check_verify(vector, secret, identifier)
    candidate = vector_value(vector.fetch("candidate"))
    expected = vector.fetch("verified")
    assert_equal expected, ChatwootIdentity.verify(secret, identifier, candidate)
    assert_equal expected, ChatwootIdentity::Signer.new(secret).verify(identifier, candidate)
  end

  def check_error(vector, secret, identifier)
    code = vector.fetch("error")
    calls = {
      identifier_hash: -> { ChatwootIdentity.identifier_hash(secret, identifier) },
      verify: -> { ChatwootIdentity.verify(secret, identifier, DOCS_HASH) },
      diagnose: -> { ChatwootIdentity.diagnose(secret, identifier, DOCS_HASH) },
      signer: lambda {
        signer = ChatwootIdentity::Signer.new(secret)
        signer.identifier_hash(identifier)
      },
      batch: -> { ChatwootIdentity::Signer.new(secret).identifier_hashes([identifier]) }
    }
    calls.each do |name, call|
      error = assert_raises(ChatwootIdentity::Error, name.to_s, &call)
      assert_equal code, error.code, name.to_s
    end
    return unless code == "empty_secret"

    error = assert_raises(ChatwootIdentity::EmptySecretError) { ChatwootIdentity::Signer.new(secret) }
    assert_equal code, error.code
  end

  def check_diagnose(vector, secret, identifier)
    candidate = vector_value(vector.fetch("candidate"))
    diagnosis = ChatwootIdentity.diagnose(secret, identifier, candidate)
    assert_equal vector.fetch("verified"), diagnosis.verified?
    assert_equal vector.fetch("findings"), diagnosis.findings.map(&:code)
    diagnosis.findings.each { |finding| refute_empty finding.message }
  end
end
