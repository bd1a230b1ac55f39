# frozen_string_literal: true

require_relative "test_helper"

class ErrorsTest < Minitest::Test
  include TestSupport

  def test_hierarchy
    assert_operator ChatwootIdentity::Error, :<, StandardError
    assert_operator ChatwootIdentity::EmptySecretError, :<, ChatwootIdentity::Error
    assert_operator ChatwootIdentity::EmptyIdentifierError, :<, ChatwootIdentity::Error
    assert_operator ChatwootIdentity::WrongTypeError, :<, TypeError
    refute_operator ChatwootIdentity::WrongTypeError, :<, ChatwootIdentity::Error
  end

  def code_classes
    ChatwootIdentity.constants.map { |name| ChatwootIdentity.const_get(name) }
                    .select { |value| value.is_a?(Class) && value < ChatwootIdentity::Error }
  end

  # The extension makes one class per row of the core's table: each is named after its CODE.
  def test_every_class_is_named_after_its_code
    assert_operator code_classes.size, :>=, 8
    code_classes.each do |klass|
      code = klass::CODE
      assert_match(/\A[a-z][a-z0-9_]*\z/, code)
      assert_equal "ChatwootIdentity::#{code.split("_").map(&:capitalize).join}Error", klass.name
    end
    assert_equal code_classes.size, code_classes.map { |klass| klass::CODE }.uniq.size
  end

  # Every code the shared vectors use has its class; codes the core removed have none.
  def test_the_vectors_codes_have_classes_and_removed_codes_do_not
    codes = code_classes.map { |klass| klass::CODE }
    used = vectors("error").map { |vector| vector.fetch("error") } +
           vectors("widget").filter_map { |vector| vector.dig("error", "code") }
    assert_empty used.uniq - codes
    %i[OutputLengthError InvalidWidgetSettingError InvalidWidgetJsonError InvalidCustomAttributeError].each do |gone|
      refute ChatwootIdentity.const_defined?(gone, false), gone
    end
  end

  def test_a_wrong_type_error_made_in_ruby_carries_its_code
    error = ChatwootIdentity::WrongTypeError.new("user.name: invalid type", "invalid_widget_request")
    assert_equal "invalid_widget_request", error.code
    assert_equal "user.name: invalid type", error.message
    assert_nil ChatwootIdentity::WrongTypeError.new.code
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
      # Large batches are hashed in rounds; positions still count from the start of the batch.
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
