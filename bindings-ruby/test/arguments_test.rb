# frozen_string_literal: true

require_relative "test_helper"

# Every kind of bad argument, on every entry point, with the exact exception and message.
class ArgumentsTest < Minitest::Test
  include TestSupport

  WRONG_TYPES = {
    "nil" => nil,
    "Float" => 42.0,
    "Symbol" => :user,
    "Array" => ["user"],
    "Hash" => { id: 1 },
    "TrueClass" => true,
    "Object" => Object.new
  }.freeze

  def signer
    @signer ||= ChatwootIdentity::Signer.new(DOCS_SECRET)
  end

  # [name, call taking the bad value, the parameter its message must name, types it accepts]
  def entry_points
    [
      ["identifier_hash secret", ->(v) { ChatwootIdentity.identifier_hash(v, "id") }, "secret", "a String"],
      ["identifier_hash identifier", ->(v) { ChatwootIdentity.identifier_hash(DOCS_SECRET, v) }, "identifier",
       "a String or an Integer"],
      ["verify secret", ->(v) { ChatwootIdentity.verify(v, "id", DOCS_HASH) }, "secret", "a String"],
      ["verify identifier", ->(v) { ChatwootIdentity.verify(DOCS_SECRET, v, DOCS_HASH) }, "identifier",
       "a String or an Integer"],
      ["verify candidate", ->(v) { ChatwootIdentity.verify(DOCS_SECRET, "id", v) }, "identifier_hash", "a String"],
      ["diagnose secret", ->(v) { ChatwootIdentity.diagnose(v, "id", DOCS_HASH) }, "secret", "a String"],
      ["diagnose identifier", ->(v) { ChatwootIdentity.diagnose(DOCS_SECRET, v, DOCS_HASH) }, "identifier",
       "a String or an Integer"],
      ["diagnose candidate", ->(v) { ChatwootIdentity.diagnose(DOCS_SECRET, "id", v) }, "identifier_hash",
       "a String"],
      ["Signer.new", ->(v) { ChatwootIdentity::Signer.new(v) }, "secret", "a String"],
      ["Signer#identifier_hash", ->(v) { signer.identifier_hash(v) }, "identifier", "a String or an Integer"],
      ["Signer#verify identifier", ->(v) { signer.verify(v, DOCS_HASH) }, "identifier", "a String or an Integer"],
      ["Signer#verify candidate", ->(v) { signer.verify("id", v) }, "identifier_hash", "a String"],
      ["Signer#identifier_hashes element", ->(v) { signer.identifier_hashes(["a", "b", v]) }, "identifiers[2]",
       "a String or an Integer"]
    ]
  end

  def test_wrong_types_raise_type_error_naming_parameter_and_class
    entry_points.each do |name, call, parameter, accepted|
      WRONG_TYPES.each do |type_name, value|
        next if value.is_a?(Array) && name.end_with?("element") # an Array element may not be an Array either

        error = assert_raises(TypeError, "#{name} with #{type_name}") { call.call(value) }
        assert_equal "#{parameter} must be #{accepted}, not #{type_name}", error.message, name
      end
    end
  end

  def test_batch_argument_must_be_an_array
    WRONG_TYPES.except("Array").merge("String" => "user", "Integer" => 1).each do |type_name, value|
      error = assert_raises(TypeError) { signer.identifier_hashes(value) }
      assert_equal "identifiers must be an Array, not #{type_name}", error.message
    end
  end

  def test_positions_count_from_the_start_of_a_large_batch
    error = assert_raises(TypeError) { signer.identifier_hashes(Array.new(150_000, "x") + [1.5]) }
    assert_equal "identifiers[150000] must be a String or an Integer, not Float", error.message
    error = assert_raises(RangeError) { signer.identifier_hashes(Array.new(70_000, 7) + [2**130]) }
    assert error.message.start_with?("identifiers[70000] is out of range"), error.message
  end

  def test_integers_beyond_128_bits_raise_range_error_naming_parameter
    [2**128, -(2**127) - 1, 10**60].each do |huge|
      [
        ["identifier", -> { ChatwootIdentity.identifier_hash(DOCS_SECRET, huge) }],
        ["identifier", -> { signer.verify(huge, DOCS_HASH) }],
        ["identifiers[1]", -> { signer.identifier_hashes([1, huge]) }]
      ].each do |parameter, call|
        error = assert_raises(RangeError) { call.call }
        assert error.message.start_with?("#{parameter} is out of range"), error.message
      end
    end
  end

  def test_integers_hash_as_their_decimal_text_across_the_whole_range
    [0, 42, -7, 2**53 + 1, 2**62, 2**63, 2**64, 2**127 - 1, -(2**127), 2**128 - 1].each do |integer|
      expected = openssl_hash(DOCS_SECRET, integer)
      assert_equal expected, ChatwootIdentity.identifier_hash(DOCS_SECRET, integer), integer.to_s
      assert_equal expected, signer.identifier_hash(integer), integer.to_s
      assert_equal [expected], signer.identifier_hashes([integer]), integer.to_s
      assert signer.verify(integer, expected), integer.to_s
    end
  end

  # Chatwoot hashes the identifier the widget sends, which is UTF-8 whatever the String's
  # encoding was on the server; the widget calls convert it so, and the hash must agree.
  def test_an_identifier_in_another_text_encoding_hashes_as_its_utf8
    utf8 = "José-ünïcode"
    expected = openssl_hash(DOCS_SECRET, utf8)
    [Encoding::UTF_16LE, Encoding::ISO_8859_1, Encoding::Windows_1252].each do |encoding|
      converted = utf8.encode(encoding)
      refute_equal utf8.bytes, converted.bytes
      assert_equal expected, signer.identifier_hash(converted), encoding.name
      assert_equal expected, ChatwootIdentity.identifier_hash(DOCS_SECRET, converted), encoding.name
      assert_equal [expected], signer.identifier_hashes([converted]), encoding.name
      payload = ChatwootIdentity.set_user_payload(DOCS_SECRET, { identifier: converted, name: "Jo" })
      assert_equal expected, payload["identifier_hash"], encoding.name
    end
    error = assert_raises(TypeError) { signer.identifier_hash("\xff\xfe".dup.force_encoding(Encoding::Shift_JIS)) }
    assert_equal "identifier must be text that converts to UTF-8, not a String of other bytes", error.message
  end

  def test_utf8_ascii_and_binary_strings_and_secrets_hash_as_their_bytes
    utf8 = "José-ünïcode"
    assert_equal openssl_hash(DOCS_SECRET, utf8), signer.identifier_hash(utf8.b)
    assert_equal openssl_hash(DOCS_SECRET, "id"), signer.identifier_hash("id".encode(Encoding::US_ASCII))
    invalid = "\xff\xfe user".b.force_encoding(Encoding::UTF_8)
    refute invalid.valid_encoding?
    assert_equal openssl_hash(DOCS_SECRET, invalid), signer.identifier_hash(invalid)
    [Encoding::BINARY, Encoding::UTF_16LE, Encoding::Windows_1252].each do |encoding|
      relabelled = utf8.dup.force_encoding(encoding)
      assert_equal openssl_hash(relabelled, "id"), ChatwootIdentity.identifier_hash(relabelled, "id"), encoding.name
    end
  end

  def test_string_subclasses_and_frozen_strings_are_strings
    subclass = Class.new(String)
    assert_equal DOCS_HASH, ChatwootIdentity.identifier_hash(subclass.new(DOCS_SECRET), subclass.new(DOCS_IDENTIFIER))
    assert_equal DOCS_HASH, ChatwootIdentity.identifier_hash(DOCS_SECRET.dup.freeze, DOCS_IDENTIFIER.dup.freeze)
  end

  def test_wrong_argument_counts_raise_argument_error
    assert_raises(ArgumentError) { ChatwootIdentity.identifier_hash(DOCS_SECRET) }
    assert_raises(ArgumentError) { ChatwootIdentity.verify(DOCS_SECRET, "id") }
    assert_raises(ArgumentError) { ChatwootIdentity::Signer.new }
    assert_raises(ArgumentError) { signer.identifier_hash }
  end
end
