# frozen_string_literal: true

require_relative "test_helper"

class ErrorsTest < Minitest::Test
  include TestSupport

  def test_hierarchy
    assert_operator ChatwootIdentity::Error, :<, StandardError
    assert_operator ChatwootIdentity::EmptySecretError, :<, ChatwootIdentity::Error
    assert_operator ChatwootIdentity::EmptyIdentifierError, :<, ChatwootIdentity::Error
  end

  # [call, exact class, code, start of the message]
  def cases
    signer = ChatwootIdentity::Signer.new(DOCS_SECRET)
    [
      [-> { ChatwootIdentity.identifier_hash("", "id") }, ChatwootIdentity::EmptySecretError, "empty_secret", "secret"],
      [-> { ChatwootIdentity.identifier_hash("".b, 1) }, ChatwootIdentity::EmptySecretError, "empty_secret", "secret"],
      [-> { ChatwootIdentity.verify("", "id", DOCS_HASH) }, ChatwootIdentity::EmptySecretError, "empty_secret",
       "secret"],
      [-> { ChatwootIdentity.diagnose("", "id", DOCS_HASH) }, ChatwootIdentity::EmptySecretError, "empty_secret",
       "secret"],
      [-> { ChatwootIdentity::Signer.new("") }, ChatwootIdentity::EmptySecretError, "empty_secret", "secret"],
      [-> { ChatwootIdentity.identifier_hash(DOCS_SECRET, "") }, ChatwootIdentity::EmptyIdentifierError,
       "empty_identifier", "identifier"],
      [-> { ChatwootIdentity.verify(DOCS_SECRET, "", DOCS_HASH) }, ChatwootIdentity::EmptyIdentifierError,
       "empty_identifier", "identifier"],
      [-> { ChatwootIdentity.diagnose(DOCS_SECRET, "", DOCS_HASH) }, ChatwootIdentity::EmptyIdentifierError,
       "empty_identifier", "identifier"],
      [-> { signer.identifier_hash("") }, ChatwootIdentity::EmptyIdentifierError, "empty_identifier", "identifier"],
      [-> { signer.verify("", DOCS_HASH) }, ChatwootIdentity::EmptyIdentifierError, "empty_identifier", "identifier"],
      [-> { signer.identifier_hashes(["a", "b", "", ""]) }, ChatwootIdentity::EmptyIdentifierError,
       "empty_identifier", "identifiers[2]"],
      [-> { signer.identifier_hashes(Array.new(5000, "x") + [""]) }, ChatwootIdentity::EmptyIdentifierError,
       "empty_identifier", "identifiers[5000]"],
      # Large batches are hashed in chunks; positions still count from the start of the batch.
      [-> { signer.identifier_hashes(Array.new(200_003, "x") + ["", ""]) }, ChatwootIdentity::EmptyIdentifierError,
       "empty_identifier", "identifiers[200003]"]
    ]
  end

  def test_each_bad_value_raises_its_exact_class_and_code
    cases.each do |call, klass, code, message_start|
      error = assert_raises(ChatwootIdentity::Error) { call.call }
      assert_instance_of klass, error
      assert_equal code, error.code
      assert error.message.start_with?(message_start), error.message
    end
  end

  def test_codes_are_plain_utf8_strings
    error = assert_raises(ChatwootIdentity::Error) { ChatwootIdentity::Signer.new("") }
    assert_equal Encoding::UTF_8, error.code.encoding
    assert_equal Encoding::UTF_8, error.message.encoding
  end

  def test_a_verify_never_raises_for_a_malformed_candidate
    ["", " ", "FA803C5E", DOCS_HASH.upcase, "#{DOCS_HASH}\n", "\xff".b, "z" * 64, "é" * 32].each do |candidate|
      refute ChatwootIdentity.verify(DOCS_SECRET, DOCS_IDENTIFIER, candidate), candidate.inspect
    end
  end
end
