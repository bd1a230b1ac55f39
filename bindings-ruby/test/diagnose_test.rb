# frozen_string_literal: true

require_relative "test_helper"

class DiagnoseTest < Minitest::Test
  include TestSupport

  def test_a_right_hash_is_verified_with_no_findings
    diagnosis = ChatwootIdentity.diagnose(DOCS_SECRET, DOCS_IDENTIFIER, DOCS_HASH)
    assert_predicate diagnosis, :verified?
    assert_equal [], diagnosis.findings
    assert_equal "#<ChatwootIdentity::Diagnosis verified=true findings=[]>", diagnosis.inspect
  end

  def test_findings_have_a_code_and_a_message
    diagnosis = ChatwootIdentity.diagnose(DOCS_SECRET, DOCS_IDENTIFIER, " #{DOCS_HASH.upcase}\n")
    refute_predicate diagnosis, :verified?
    assert_equal %w[surrounding_whitespace uppercase_hex], diagnosis.findings.map(&:code)
    diagnosis.findings.each do |finding|
      assert_instance_of ChatwootIdentity::Finding, finding
      assert_equal Encoding::UTF_8, finding.code.encoding
      assert_equal Encoding::UTF_8, finding.message.encoding
      assert_equal finding.message, finding.to_s
      assert_equal "#<ChatwootIdentity::Finding code=#{finding.code}>", finding.inspect
    end
  end

  def test_integer_identifiers_are_diagnosed_as_their_text
    hash = openssl_hash(DOCS_SECRET, 42)
    assert_predicate ChatwootIdentity.diagnose(DOCS_SECRET, 42, hash), :verified?
  end

  def test_results_cannot_be_built_from_ruby
    assert_raises(TypeError) { ChatwootIdentity::Diagnosis.allocate }
    assert_raises(TypeError) { ChatwootIdentity::Finding.allocate }
  end
end
