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

  vectors = TestSupport.vectors("widget")
  raise "widget.json has no vectors" if vectors.empty?

  vectors.each_with_index do |vector, index|
    define_method("test_widget_#{index.to_s.rjust(3, "0")}_#{vector.fetch("description")}") do
      check_widget(vector)
    end
  end

  private

  # As tests/vectors/README.md says, twice: the request as parsed (String keys, the secret as a
  # String) and as a Rails app writes it (Symbol keys, the secret prepared as a Signer).
  def check_widget(vector)
    secret = vector.fetch("secret")
    text = JSON.generate(vector.fetch("request"))
    as_parsed = [JSON.parse(text), secret]
    as_rails = [JSON.parse(text, symbolize_names: true), secret && !secret.empty? ? ChatwootIdentity::Signer.new(secret) : secret]
    [as_parsed, as_rails].each do |request, hmac_secret|
      call = -> { ChatwootIdentity.widget_script(**request.transform_keys(&:to_sym), hmac_secret: hmac_secret) }
      if (expected = vector["error"])
        check_widget_error(expected, call)
      else
        check_widget_success(vector, request, hmac_secret, call)
      end
    end
  end

  def check_widget_success(vector, request, hmac_secret, call)
    html = call.call
    assert html.start_with?("<script"), html[0, 100]
    payload = vector["set_user_payload"]
    unless payload
      refute_match(/\b\h{64}\b/, html, "an anonymous page carries no hash")
      return refute JSON.parse(html[/var config = (\{.*\});\n/, 1]).key?("user")
    end

    assert_includes html, payload.fetch("identifier_hash")
    user = request["user"] || request[:user]
    assert_equal payload, ChatwootIdentity.set_user_payload(hmac_secret, user)
  end

  def check_widget_error(expected, call)
    error = assert_raises(StandardError, &call)
    assert_equal expected.fetch("code"), error.code, error.inspect
    path = expected.fetch("path")
    assert error.message.start_with?("#{path}: "), error.message if path
    if expected.fetch("wrong_type")
      assert_instance_of ChatwootIdentity::WrongTypeError, error
      assert_kind_of TypeError, error
    else
      assert_instance_of error_class(expected.fetch("code")), error
      refute_kind_of TypeError, error
    end
  end

  # The class whose CODE is `code`, found the way a code added to the core would be.
  def error_class(code)
    classes = ChatwootIdentity.constants.map { |name| ChatwootIdentity.const_get(name) }
    classes.find { |value| value.is_a?(Class) && value < ChatwootIdentity::Error && value::CODE == code } ||
      flunk("no error class has CODE #{code.inspect}")
  end

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
