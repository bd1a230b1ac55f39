# frozen_string_literal: true

require_relative "test_helper"

class SignerTest < Minitest::Test
  include TestSupport

  def setup
    @signer = ChatwootIdentity::Signer.new(DOCS_SECRET)
  end

  def test_hashes_and_verifies_like_the_one_off_functions
    assert_equal DOCS_HASH, @signer.identifier_hash(DOCS_IDENTIFIER)
    assert_equal DOCS_HASH, ChatwootIdentity.identifier_hash(DOCS_SECRET, DOCS_IDENTIFIER)
    assert @signer.verify(DOCS_IDENTIFIER, DOCS_HASH)
    refute @signer.verify(DOCS_IDENTIFIER, DOCS_HASH.upcase)
    refute @signer.verify("someone-else", DOCS_HASH)
  end

  def test_returned_strings_are_utf8_and_not_frozen
    strings = [
      ChatwootIdentity.identifier_hash(DOCS_SECRET, DOCS_IDENTIFIER),
      @signer.identifier_hash(DOCS_IDENTIFIER),
      *@signer.identifier_hashes([DOCS_IDENTIFIER, 42]),
      *@signer.identifier_hashes(Array.new(2000) { |i| "user-#{i}" }).first(2)
    ]
    strings.each do |hash|
      assert_equal Encoding::UTF_8, hash.encoding
      refute_predicate hash, :frozen?
      assert_match(/\A\h{64}\z/, hash)
    end
    first = @signer.identifier_hash(DOCS_IDENTIFIER)
    first << "!"
    assert_equal DOCS_HASH, @signer.identifier_hash(DOCS_IDENTIFIER), "each call returns its own string"
  end

  def test_batches_keep_order_and_accept_mixed_strings_and_integers
    assert_equal [], @signer.identifier_hashes([])
    identifiers = ["b", 2, "a", -1, "b"]
    assert_equal identifiers.map { |id| openssl_hash(DOCS_SECRET, id) }, @signer.identifier_hashes(identifiers)
  end

  def test_a_batch_does_not_keep_or_alter_its_input
    identifiers = %w[x y z]
    snapshot = identifiers.map(&:dup)
    @signer.identifier_hashes(identifiers)
    assert_equal snapshot, identifiers
  end

  def test_never_defines_hash_so_hash_keys_work_by_identity
    assert_equal Kernel, ChatwootIdentity::Signer.instance_method(:hash).owner
    other = ChatwootIdentity::Signer.new(DOCS_SECRET)
    table = { @signer => 1, other => 2 }
    assert_equal 2, table.size
  end

  def test_cannot_be_allocated_empty_or_copied_or_dumped
    assert_raises(TypeError) { ChatwootIdentity::Signer.allocate }
    assert_raises(TypeError) { @signer.dup }
    assert_raises(TypeError) { Marshal.dump(@signer) }
  end

  def test_inspect_and_to_s_are_redacted
    assert_equal "#<ChatwootIdentity::Signer secret=[REDACTED]>", @signer.inspect
    assert_equal @signer.inspect, @signer.to_s
    assert_equal "#{@signer}", @signer.to_s # rubocop:disable Style/RedundantInterpolation
  end

  def test_usable_when_frozen
    @signer.freeze
    assert_equal DOCS_HASH, @signer.identifier_hash(DOCS_IDENTIFIER)
  end
end
