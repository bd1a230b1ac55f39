# frozen_string_literal: true

require_relative "test_helper"
require "bigdecimal"

# What only the Ruby widget functions do; the rules themselves (every field, setting and error
# of the core) run from tests/vectors/widget.json in vectors_test.rb. Here: Ruby's keywords,
# Symbol and String keys, Symbol values, the Ruby types that are not plain data and their
# paths, Strings in other encodings, Integers at the edge of JSON, and a Signer as the secret.
class WidgetTest < Minitest::Test
  include TestSupport

  BASE_URL = "https://chat.example.com"
  TOKEN = "QrtMG8GydFgEy7bVzsLLmHoq"
  USER = { identifier: "user-42", name: "Jane Doe", email: "jane@example.com" }.freeze

  def script(**options)
    ChatwootIdentity.widget_script(base_url: BASE_URL, website_token: TOKEN, **options)
  end

  def signed(user, **options)
    snippet_config(script(hmac_secret: DOCS_SECRET, user: user, **options))
  end

  def test_a_visitor_gets_the_loader_in_utf8
    html = script
    assert_equal Encoding::UTF_8, html.encoding
    assert_equal({ "baseUrl" => BASE_URL, "websiteToken" => TOKEN }, snippet_config(html))
  end

  def test_symbol_and_string_keys_nil_values_and_a_signer_are_what_a_rails_app_writes
    signer = ChatwootIdentity::Signer.new(DOCS_SECRET)
    with_symbols = script(hmac_secret: DOCS_SECRET, user: USER.merge(custom_attributes: { plan: "pro" }))
    with_strings = script(hmac_secret: signer, user: USER.transform_keys(&:to_s)
                                                         .merge("city" => nil, "custom_attributes" => { "plan" => "pro" }))
    assert_equal with_symbols, with_strings
    # What `custom_attributes: user.custom_attributes` gives for a user without any.
    assert_equal script(hmac_secret: DOCS_SECRET, user: USER),
                 script(hmac_secret: signer, user: USER.merge(custom_attributes: nil, social_profiles: nil), settings: nil)
    assert_equal openssl_hash(DOCS_SECRET, "user-42"), snippet_config(with_symbols).dig("user", "attributes", "identifier_hash")
  end

  def test_debug_is_a_keyword_as_in_the_other_hosts
    assert_equal true, signed(USER, debug: true)["debug"]
    refute signed(USER).key?("debug")
    error = assert_raises(ChatwootIdentity::WrongTypeError) { script(debug: "yes") }
    assert_equal "debug: invalid type: string, expected a boolean", error.message
  end

  def test_symbol_values_are_their_names
    config = snippet_config(script(settings: { position: :left, type: :expanded_bubble, dark_mode: :auto }))
    assert_equal({ "position" => "left", "type" => "expanded_bubble", "darkMode" => "auto" }, config["settings"])
    assert_equal "pro", signed(USER.merge(custom_attributes: { plan: :pro })).dig("user", "attributes", "custom_attributes", "plan")
  end

  def test_hash_subclasses_are_hashes
    options = Class.new(Hash)[name: "Jane"]
    assert_equal "Jane", signed(options.merge(identifier: "u")).dig("user", "attributes", "name")
  end

  def test_integer_identifiers_up_to_64_bits_become_their_decimal_text
    [42, -7, -(2**63), (2**64) - 1].each do |id|
      config = signed(USER.merge(identifier: id))
      assert_equal id.to_s, config.dig("user", "identifier")
      assert_equal openssl_hash(DOCS_SECRET, id), config.dig("user", "attributes", "identifier_hash")
    end
  end

  def test_integers_json_cannot_carry_exactly_raise_range_error_by_path
    [2**64, -(2**63) - 1, 10**30].each do |huge|
      error = assert_raises(RangeError) { script(hmac_secret: DOCS_SECRET, user: USER.merge(identifier: huge)) }
      assert error.message.start_with?("user.identifier: Integer out of range"), error.message
      error = assert_raises(RangeError) { signed(USER.merge(custom_attributes: { seats: huge })) }
      assert error.message.start_with?("user.custom_attributes.seats: "), error.message
    end
  end

  def test_strings_in_other_encodings_are_converted_and_bytes_are_refused
    config = signed(USER.merge(name: "Jos\u00e9".encode(Encoding::ISO_8859_1), city: "Lisboa".b))
    assert_equal "Jos\u00e9", config.dig("user", "attributes", "name")
    assert_equal "Lisboa", config.dig("user", "attributes", "city")
    ["\xff".b, "\xff".dup.force_encoding(Encoding::UTF_8)].each do |bytes|
      error = assert_raises(ChatwootIdentity::WrongTypeError) { signed(USER.merge(name: bytes)) }
      assert error.message.start_with?("user.name: invalid type: String of bytes"), error.message
    end
  end

  # Each would otherwise become whatever its to_s or to_json makes of it.
  NOT_PLAIN_DATA = {
    "Time" => Time.at(0),
    "BigDecimal" => BigDecimal("1.5"),
    "Object" => Object.new,
    "Float NaN" => Float::NAN,
    "Float Infinity" => Float::INFINITY,
    "Range" => (1..2),
    "Struct" => Struct.new(:a).new(1)
  }.freeze

  def test_values_that_are_not_plain_data_raise_a_wrong_type_error_naming_the_path
    NOT_PLAIN_DATA.each do |kind, value|
      {
        "user.custom_attributes.since" => -> { signed(USER.merge(custom_attributes: { since: value })) },
        "user.social_profiles.github" => -> { signed(USER.merge(social_profiles: { "github" => value })) },
        "user.name" => -> { signed(USER.merge(name: value)) },
        "user" => -> { script(hmac_secret: DOCS_SECRET, user: value) },
        "settings.locale" => -> { script(settings: { locale: value }) },
        "nonce" => -> { script(nonce: value) },
        "base_url" => -> { ChatwootIdentity.widget_script(base_url: value, website_token: TOKEN) }
      }.each do |path, call|
        error = assert_raises(ChatwootIdentity::WrongTypeError, "#{kind} at #{path}") { call.call }
        assert_kind_of TypeError, error
        assert_equal "invalid_widget_request", error.code
        assert error.message.start_with?("#{path}: invalid type: #{kind.split.first}"), error.message
      end
    end
  end

  def test_keys_must_be_strings_or_symbols_and_not_both
    error = assert_raises(ChatwootIdentity::WrongTypeError) { signed(USER.merge(1 => "x")) }
    assert_equal "user: invalid type: Integer key, expected String or Symbol keys", error.message
    error = assert_raises(ArgumentError) { signed(USER.merge("name" => "Jane")) }
    assert_equal "user: the key name is given twice, as a String and as a Symbol", error.message
  end

  def test_a_hash_or_array_that_contains_itself_or_nests_too_deep_is_refused
    attributes = {}
    attributes[:self] = attributes
    error = assert_raises(ChatwootIdentity::InvalidWidgetRequestError) { signed(USER.merge(custom_attributes: attributes)) }
    assert_match(/\Auser\.custom_attributes(\.self)+: nested more than \d+ levels deep\z/, error.message)
    assert_equal "invalid_widget_request", error.code

    cycle = []
    cycle << cycle
    deep = (1..100_000).reduce([]) { |inner, _| [inner] }
    [cycle, deep].each do |list|
      error = assert_raises(ChatwootIdentity::InvalidWidgetRequestError) { signed(USER.merge(custom_attributes: { x: list })) }
      assert_match(/\Auser\.custom_attributes\.x(\[0\])+: nested more than \d+ levels deep\z/, error.message)
      assert_equal "invalid_widget_request", error.code
    end
  end

  def test_the_cores_errors_arrive_with_their_class_code_and_path
    error = assert_raises(ChatwootIdentity::InvalidWidgetRequestError) { signed(USER.merge(nmae: "x")) }
    assert_equal "invalid_widget_request", error.code
    assert error.message.start_with?("user.nmae: unknown field `nmae`"), error.message
    error = assert_raises(ChatwootIdentity::WrongTypeError) { signed(USER.merge(email: 5)) }
    assert_equal "user.email: invalid type: integer, expected a string", error.message
    refute_includes error.message, "5"
  end

  def test_set_user_payload_is_a_hash_with_string_keys_and_its_json
    payload = ChatwootIdentity.set_user_payload(DOCS_SECRET, USER.merge(identifier: 42))
    assert_equal({ "identifier" => "42", "identifier_hash" => openssl_hash(DOCS_SECRET, 42), "name" => "Jane Doe",
                   "email" => "jane@example.com" }, payload)
    signer = ChatwootIdentity::Signer.new(DOCS_SECRET)
    json = ChatwootIdentity.set_user_payload_json(signer, USER.merge(identifier: "42"))
    assert_equal Encoding::UTF_8, json.encoding
    assert_equal payload, JSON.parse(json)
  end

  def test_reset_script
    assert_includes ChatwootIdentity.reset_script, "window.$chatwoot.reset()"
    assert ChatwootIdentity.reset_script.start_with?("<script>\n")
    assert ChatwootIdentity.reset_script(nonce: "abc").start_with?(%(<script nonce="abc">\n))
    assert_equal ChatwootIdentity.reset_script, ChatwootIdentity.reset_script(nonce: nil)
    assert_raises(ChatwootIdentity::InvalidNonceError) { ChatwootIdentity.reset_script(nonce: "<x>") }
  end

  # [call, class, start of the message]
  def ruby_argument_errors
    [
      [-> { ChatwootIdentity.widget_script(website_token: TOKEN) }, ArgumentError, "missing keyword: :base_url"],
      [-> { script(colour: "red") }, ArgumentError, "unknown keyword: :colour"],
      [-> { ChatwootIdentity.reset_script(nonce: 1) }, TypeError, "nonce must be a String, not Integer"],
      [-> { script(hmac_secret: 42, user: USER) }, TypeError,
       "hmac_secret must be a String or a ChatwootIdentity::Signer, not Integer"],
      [-> { ChatwootIdentity.set_user_payload(nil, USER) }, TypeError, "hmac_secret must be a String or a"],
      [-> { ChatwootIdentity.set_user_payload(:secret, USER) }, TypeError, "hmac_secret must be a String or a"]
    ]
  end

  def test_ruby_argument_errors_name_the_parameter
    ruby_argument_errors.each do |call, klass, message_start|
      error = assert_raises(klass) { call.call }
      assert_instance_of klass, error
      assert error.message.start_with?(message_start), "#{klass}: #{error.message}"
    end
  end

  def test_the_native_halves_are_private
    %i[widget_script_from_json set_user_payload_from_json reset_script_for].each do |name|
      assert_raises(NoMethodError) { ChatwootIdentity.public_send(name, nil, "{}") }
      assert_includes ChatwootIdentity.private_methods, name
    end
  end

  private

  # The JSON document the core spliced into the loader.
  def snippet_config(html)
    json = html[/^  var config = (.*);$/, 1] or flunk "no config in #{html[0, 200]}"
    JSON.parse(json)
  end
end
