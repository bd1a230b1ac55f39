# frozen_string_literal: true

require_relative "test_helper"

# ChatwootIdentity.widget_script / .set_user_payload / .reset_script: the arguments reach the
# core as given, the snippet's JSON holds exactly the values passed, and each bad value raises
# its class.
class WidgetTest < Minitest::Test
  include TestSupport

  BASE_URL = "https://chat.example.com"
  TOKEN = "QrtMG8GydFgEy7bVzsLLmHoq"
  USER = { identifier: "user-42", name: "Jane Doe", email: "jane@example.com" }.freeze

  def script(**options)
    ChatwootIdentity.widget_script(base_url: BASE_URL, website_token: TOKEN, **options)
  end

  def test_a_visitor_gets_the_loader_only
    html = script
    assert_equal Encoding::UTF_8, html.encoding
    assert html.start_with?("<script>\n"), html
    config = snippet_config(html)
    assert_equal({ "baseUrl" => BASE_URL, "websiteToken" => TOKEN }, config)
    assert_includes html, "/packs/js/sdk.js"
  end

  def test_a_signed_in_user_gets_set_user_with_a_hash_chatwoot_accepts
    user = USER.merge(avatar_url: "https://example.com/a.png", phone_number: "+15550001111",
                      description: "d", country_code: "FR", city: "Paris", company_name: "ACME",
                      social_profiles: { github: "jane", "twitter" => "@jane" },
                      custom_attributes: { plan: "pro", seats: 3, ratio: 0.5, trial: false })
    config = snippet_config(script(hmac_secret: DOCS_SECRET, user: user))
    assert_equal "user-42", config.dig("user", "identifier")
    attributes = config.dig("user", "attributes")
    assert_equal openssl_hash(DOCS_SECRET, "user-42"), attributes.delete("identifier_hash")
    assert_equal({ "name" => "Jane Doe", "email" => "jane@example.com", "avatar_url" => "https://example.com/a.png",
                   "phone_number" => "+15550001111", "description" => "d", "country_code" => "FR",
                   "city" => "Paris", "company_name" => "ACME",
                   "social_profiles" => { "github" => "jane", "twitter" => "@jane" },
                   "custom_attributes" => { "plan" => "pro", "seats" => 3, "ratio" => 0.5, "trial" => false } },
                 attributes)
  end

  def test_string_keys_nil_fields_and_a_signer_work_like_symbols_and_a_secret
    signer = ChatwootIdentity::Signer.new(DOCS_SECRET)
    with_symbols = script(hmac_secret: DOCS_SECRET, user: USER)
    with_strings = script(hmac_secret: signer, user: USER.transform_keys(&:to_s).merge("city" => nil))
    assert_equal with_symbols, with_strings
  end

  def test_integer_identifiers_become_their_decimal_text
    [42, -7, 2**64, (2**127) - 1].each do |id|
      config = snippet_config(script(hmac_secret: DOCS_SECRET, user: USER.merge(identifier: id)))
      assert_equal id.to_s, config.dig("user", "identifier")
      assert_equal openssl_hash(DOCS_SECRET, id), config.dig("user", "attributes", "identifier_hash")
    end
  end

  def test_nonce_and_settings
    html = script(nonce: "r4nd0m+/=", settings: { position: :left, "type" => "expanded_bubble", dark_mode: :auto,
                                                 locale: "pt_BR", launcher_title: "Chat", hide_message_bubble: false,
                                                 use_browser_language: true, show_popout_button: nil })
    assert html.start_with?(%(<script nonce="r4nd0m+/=">\n)), html
    config = snippet_config(html)
    assert_equal "r4nd0m+/=", config["nonce"]
    assert_equal({ "position" => "left", "type" => "expanded_bubble", "darkMode" => "auto", "locale" => "pt_BR",
                   "launcherTitle" => "Chat", "hideMessageBubble" => false, "useBrowserLanguage" => true },
                 config["settings"])
  end

  HOSTILE = [
    "</script><script>window.trap()</script>", "</SCRIPT >", "<!--", "<script>", "]]>", %q('"\\'\\"\\\\),
    "\u2028\u2029", "emoji \u{1F600}\u{1F468}\u200D\u{1F469}", "&amp;&lt;", "x" * 100_000, "\u0000\t\r\n"
  ].freeze

  def test_hostile_values_cannot_end_the_element_and_arrive_unchanged
    HOSTILE.each do |value|
      user = { identifier: value, name: value, email: value, custom_attributes: { value => value } }
      html = script(hmac_secret: DOCS_SECRET, user: user, settings: { launcher_title: value })
      assert_equal 1, html.scan(%r{</script}i).size, value[0, 40]
      refute_includes html, "<!--"
      refute_match(/[\u2028\u2029]/, html)
      config = snippet_config(html)
      assert_equal value, config.dig("user", "identifier")
      assert_equal value, config.dig("user", "attributes", "name")
      assert_equal({ value => value }, config.dig("user", "attributes", "custom_attributes"))
      assert_equal value, config.dig("settings", "launcherTitle")
    end
  end

  def test_set_user_payload_is_the_hash_an_app_hands_to_set_user
    payload = ChatwootIdentity.set_user_payload(DOCS_SECRET, USER.merge(identifier: 42))
    assert_equal({ "identifier" => "42", "identifier_hash" => openssl_hash(DOCS_SECRET, 42), "name" => "Jane Doe",
                   "email" => "jane@example.com" }, payload)
    signer = ChatwootIdentity::Signer.new(DOCS_SECRET)
    assert_equal payload, JSON.parse(ChatwootIdentity.set_user_payload_json(signer, USER.merge(identifier: "42")))
  end

  def test_reset_script
    assert_includes ChatwootIdentity.reset_script, "window.$chatwoot.reset()"
    assert ChatwootIdentity.reset_script.start_with?("<script>\n")
    assert ChatwootIdentity.reset_script(nonce: "abc").start_with?(%(<script nonce="abc">\n))
    assert_equal ChatwootIdentity.reset_script, ChatwootIdentity.reset_script(nonce: nil)
  end

  # [call, class, code or nil, start of the message]
  def error_cases
    signed = { hmac_secret: DOCS_SECRET }
    [
      [-> { ChatwootIdentity.widget_script(base_url: "ftp://x", website_token: TOKEN) },
       ChatwootIdentity::InvalidBaseUrlError, "invalid_base_url", "base_url"],
      [-> { ChatwootIdentity.widget_script(base_url: BASE_URL, website_token: "short") },
       ChatwootIdentity::InvalidWebsiteTokenError, "invalid_website_token", "website_token"],
      [-> { script(nonce: "a\"b") }, ChatwootIdentity::InvalidNonceError, "invalid_nonce", "nonce"],
      [-> { ChatwootIdentity.reset_script(nonce: "<x>") }, ChatwootIdentity::InvalidNonceError, "invalid_nonce", "nonce"],
      [-> { script(user: USER) }, ChatwootIdentity::MissingSecretError, "missing_secret", "secret"],
      [-> { script(hmac_secret: "", user: USER) }, ChatwootIdentity::EmptySecretError, "empty_secret", "secret"],
      [-> { script(**signed, user: { identifier: "x" }) }, ChatwootIdentity::IncompleteUserError, "incomplete_user",
       "user"],
      [-> { script(**signed, user: USER.merge(identifier: "")) }, ChatwootIdentity::EmptyIdentifierError,
       "empty_identifier", "identifier"],
      [-> { script(**signed, user: USER.merge(custom_attributes: { x: Float::INFINITY })) },
       ChatwootIdentity::InvalidCustomAttributeError, "invalid_custom_attribute", "custom_attributes"],
      [-> { script(settings: { position: :top }) }, ChatwootIdentity::InvalidWidgetSettingError,
       "invalid_widget_setting", "settings.position"],
      [-> { script(settings: { dark_mode: "dim" }) }, ChatwootIdentity::InvalidWidgetSettingError,
       "invalid_widget_setting", "settings.dark_mode"],
      [-> { ChatwootIdentity.set_user_payload(DOCS_SECRET, { identifier: 1 }) }, ChatwootIdentity::IncompleteUserError,
       "incomplete_user", "user"],
      [-> { ChatwootIdentity.widget_script(website_token: TOKEN) }, ArgumentError, nil, "missing keyword"],
      [-> { script(colour: "red") }, ArgumentError, nil, "unknown keyword"],
      [-> { script(**signed, user: USER.merge(nmae: "x")) }, ArgumentError, nil, "user has an unknown key :nmae"],
      [-> { script(**signed, user: { name: "x" }) }, ArgumentError, nil, "user must have an :identifier"],
      [-> { script(settings: { colour: "red" }) }, ArgumentError, nil, "settings has an unknown key :colour"],
      [-> { script(**signed, user: USER.merge(name: "\xff".b)) }, ArgumentError, nil, "user[:name] must be valid UTF-8"],
      [-> { script(**signed, user: USER.merge(identifier: 2**128)) }, RangeError, nil, "user[:identifier] is out"],
      [-> { script(**signed, user: USER.merge(custom_attributes: { n: 2**64 })) }, RangeError, nil,
       "user[:custom_attributes][:n]"],
      [-> { script(**signed, user: "user-42") }, TypeError, nil, "user must be a Hash, not String"],
      [-> { script(**signed, user: USER.merge(email: :jane)) }, TypeError, nil, "user[:email] must be a String"],
      [-> { script(**signed, user: USER.merge(identifier: 4.2)) }, TypeError, nil, "user[:identifier] must be"],
      [-> { script(**signed, user: USER.merge(custom_attributes: { x: nil })) }, TypeError, nil,
       "user[:custom_attributes][:x] must be true, false"],
      [-> { script(**signed, user: USER.merge(social_profiles: { github: 1 })) }, TypeError, nil,
       "user[:social_profiles][:github] must be a String"],
      [-> { script(**signed, user: USER.merge(1 => "x")) }, TypeError, nil, "a key of user must be"],
      [-> { script(settings: { hide_message_bubble: "yes" }) }, TypeError, nil, "settings[:hide_message_bubble]"],
      [-> { script(settings: "left") }, TypeError, nil, "settings must be a Hash"],
      [-> { script(hmac_secret: 42, user: USER) }, TypeError, nil, "hmac_secret must be a String or a"],
      [-> { script(nonce: 1) }, TypeError, nil, "nonce must be a String"],
      [-> { ChatwootIdentity.widget_script(base_url: nil, website_token: TOKEN) }, TypeError, nil, "base_url must be"],
      [-> { ChatwootIdentity.set_user_payload(nil, USER) }, TypeError, nil, "secret must be"]
    ]
  end

  def test_each_bad_value_raises_its_class_naming_the_parameter
    error_cases.each do |call, klass, code, message_start|
      error = assert_raises(klass) { call.call }
      assert_instance_of klass, error
      assert_equal code, error.code if code
      assert error.message.start_with?(message_start), "#{klass}: #{error.message}"
    end
  end

  private

  # The JSON document the core spliced into the loader.
  def snippet_config(html)
    json = html[/^  var config = (.*);$/, 1] or flunk "no config in #{html[0, 200]}"
    JSON.parse(json)
  end
end
