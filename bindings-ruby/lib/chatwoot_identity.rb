# frozen_string_literal: true

require_relative "chatwoot_identity/version"
# The native extension, built from ext/chatwoot_identity by cargo when the gem is installed.
# It defines the hashing methods documented below and the native halves of the widget
# methods; this file adds what is plain Ruby.
# The precompiled platform gem carries it as chatwoot_identity/<Ruby minor>/chatwoot_identity.so.
precompiled = "chatwoot_identity/#{RUBY_VERSION[/\A\d+\.\d+/]}/chatwoot_identity"
if File.exist?(File.join(__dir__, "#{precompiled}.#{RbConfig::CONFIG["DLEXT"]}"))
  require_relative precompiled
else
  require "chatwoot_identity/chatwoot_identity"
end
require "json"
require_relative "chatwoot_identity/structured_input"
require_relative "chatwoot_identity/webhook"

# Compute, verify and explain Chatwoot identity-validation hashes (`identifier_hash`).
#
# The `identifier_hash` is the lowercase hex HMAC-SHA256 of the user's identifier, keyed with
# the inbox's HMAC secret: what Chatwoot's server recomputes with
# `OpenSSL::HMAC.hexdigest("sha256", hmac_token, identifier.to_s)`.
#
# Arguments: a secret is a String (any encoding; its bytes are the key). An identifier is a
# String (UTF-8, US-ASCII or binary: its bytes; another encoding: its UTF-8 conversion, the text
# the widget sends) or an Integer (its `to_s`, as Chatwoot's server does). Anything else
# raises `TypeError` naming the parameter; an Integer outside -2**127...2**128 raises
# `RangeError`. An empty secret or identifier raises a {ChatwootIdentity::Error} subclass.
#
# @example
#   ChatwootIdentity.identifier_hash(ENV.fetch("CHATWOOT_HMAC_SECRET"), current_user.id)
#
# @!method self.identifier_hash(secret, identifier)
#   The `identifier_hash` Chatwoot expects for `identifier`.
#   @param secret [String] the inbox's HMAC secret
#   @param identifier [String, Integer] the logged-in user's identifier
#   @return [String] 64 lowercase hex characters, UTF-8, not frozen
#   @raise [EmptySecretError, EmptyIdentifierError, TypeError, RangeError]
#
# @!method self.verify(secret, identifier, identifier_hash)
#   Whether Chatwoot would accept `identifier_hash` for `identifier`. Constant time; any
#   malformed candidate (uppercase, whitespace, wrong length, ...) is `false`.
#   @param secret [String]
#   @param identifier [String, Integer]
#   @param identifier_hash [String] the candidate to check
#   @return [Boolean]
#   @raise [EmptySecretError, EmptyIdentifierError, TypeError, RangeError]
#
# @!method self.diagnose(secret, identifier, identifier_hash)
#   Explains why Chatwoot would reject `identifier_hash` (key and identifier swapped, uppercase,
#   Base64, a trailing newline, another algorithm, another secret, ...).
#   @param secret [String]
#   @param identifier [String, Integer]
#   @param identifier_hash [String] the candidate to explain
#   @return [Diagnosis]
#   @raise [EmptySecretError, EmptyIdentifierError, TypeError, RangeError]
module ChatwootIdentity
  # The `<script>` element a server-rendered page includes: Chatwoot's loader, the settings,
  # and, with a `user`, `window.$chatwoot.setUser(identifier, {..., identifier_hash})` once the
  # widget is ready. Every value is JSON-encoded and escaped for a script element by the core,
  # so the String can be output as is (`html_safe` in Rails).
  #
  # `user` and `settings` are read by the core, which names the path of anything that does not
  # fit (`user.custom_attributes.plan`, `settings.position`). Keys are Strings or Symbols in
  # snake_case; `nil` values are left out (`custom_attributes: nil` too), but a `nil` inside
  # `custom_attributes` is refused. A Symbol value is its name (`position: :left`). Only
  # plain data passes: a Time, a BigDecimal, a model object or Float::NAN raises
  # {WrongTypeError} naming its path.
  #
  # @param base_url [String] the Chatwoot installation, e.g. `"https://app.chatwoot.com"`
  # @param website_token [String] the inbox's website token
  # @param hmac_secret [String, Signer, nil] the inbox's HMAC secret or a {Signer} made from
  #   it; needed only with a `user`
  # @param user [Hash, nil] `identifier` (String or Integer, required), at least one of
  #   `name`, `email`, `avatar_url`, and optionally `phone_number`, `description`,
  #   `country_code`, `city`, `company_name`, `social_profiles` (Hash of Strings),
  #   `custom_attributes` (Hash of true/false, Integer, Float or String)
  # @param settings [Hash, nil] `window.chatwootSettings` in snake_case: `locale`,
  #   `use_browser_language`, `position` (`left`/`right`), `type` (`standard`/
  #   `expanded_bubble`), `launcher_title`, `hide_message_bubble`,
  #   `show_unread_messages_dialog`, `show_popout_button`, `dark_mode` (`light`/`dark`/
  #   `auto`), `base_domain`
  # @param nonce [String, nil] the request's CSP nonce
  # @param debug [Boolean] for development: the snippet explains in the browser's console a
  #   hash Chatwoot refuses (never the secret)
  # @return [String] UTF-8
  # @raise [Error] a subclass per code: InvalidBaseUrlError, InvalidWebsiteTokenError,
  #   InvalidNonceError, MissingSecretError, IncompleteUserError, InvalidWidgetRequestError
  #   (an unknown key, a missing identifier, an unknown setting, ...), ...
  # @raise [WrongTypeError] a value of the wrong type, by path
  # @raise [TypeError] `hmac_secret` neither a String nor a Signer
  # @raise [ArgumentError, RangeError] a missing or unknown keyword, a key given both as a
  #   String and as a Symbol, an Integer beyond 64 bits
  def self.widget_script(base_url:, website_token:, hmac_secret: nil, user: nil, settings: nil, nonce: nil, debug: false)
    request = { "base_url" => base_url, "website_token" => website_token, "debug" => debug }
    request["settings"] = settings unless settings.nil?
    request["user"] = user unless user.nil?
    request["nonce"] = nonce unless nonce.nil?
    widget_script_from_json(hmac_secret, StructuredInput.json(request, ""))
  end

  # The `setUser` payload for a single-page or React Native app: {set_user_payload_json}
  # parsed, with String keys, `"identifier"` always a String and `"identifier_hash"` filled in.
  #
  # @param hmac_secret [String, Signer] the inbox's HMAC secret, or a {Signer} made from it
  # @param user [Hash] see {widget_script}
  # @return [Hash{String => Object}]
  # @raise [Error, WrongTypeError, TypeError, ArgumentError, RangeError] as {widget_script}
  def self.set_user_payload(hmac_secret, user)
    JSON.parse(set_user_payload_json(hmac_secret, user))
  end

  # {set_user_payload} as JSON text, to hand to the page or an app as it is.
  #
  # @param hmac_secret [String, Signer]
  # @param user [Hash]
  # @return [String]
  def self.set_user_payload_json(hmac_secret, user)
    set_user_payload_from_json(hmac_secret, StructuredInput.json(user, "user"))
  end

  # A `<script>` element that logs the user out of the widget (`window.$chatwoot.reset()`);
  # render it on the page after logout.
  #
  # @param nonce [String, nil]
  # @return [String]
  # @raise [InvalidNonceError, TypeError]
  def self.reset_script(nonce: nil)
    raise TypeError, "nonce must be a String, not #{nonce.class}" unless nonce.nil? || nonce.is_a?(String)

    reset_script_for(nonce)
  end

  # @!method self.insert_widget(html, snippet)
  #   The core's rule for automatic injection: `html` with `snippet` just before its last
  #   `</body>`, or nil when the page must stay as it is (no `</body>`: a fragment; or a widget
  #   already on it, this gem's or Chatwoot's own pasted snippet). What {Rails::AutoInject}
  #   uses; a Rack app of your own can too.
  #   @param html [String] UTF-8
  #   @param snippet [String] what {widget_script} returned
  #   @return [String, nil]
  #   @raise [TypeError, ArgumentError] not a String, not UTF-8

  # The test kit's reading of a rendered page: which identity will it send to Chatwoot, and
  # will Chatwoot accept it? The core finds the snippets {widget_script} wrote (by their
  # constant code, without parsing the HTML) and checks the user, the `identifier_hash` with
  # `hmac_secret` (a rejected one explained by {diagnose}) and each of `fields`.
  #
  # @param html [String] the page, e.g. `response.body`
  # @param identifier [String, Integer] the user the page should identify
  # @param hmac_secret [String] the inbox's HMAC secret
  # @param fields [Hash] payload keys the user must have with these values (`email:`,
  #   `custom_attributes: { plan: "pro" }`), plain data as for {widget_script}
  # @return [Hash{String => Object}] the core's PageCheck: `"passed"`, `"problems"` (each
  #   `{"code", "message"}`, codes as in the README) and `"widget"` (what the page holds)
  # @raise [EmptySecretError, TypeError, WrongTypeError]
  def self.check_page_identity(html, identifier:, hmac_secret:, fields: {})
    JSON.parse(check_page_identity_json(html, hmac_secret, check_identifier(identifier), fields_json(fields)))
  end

  # {check_page_identity} for a set-user payload ({set_user_payload} or its JSON text), as a
  # single-page or React Native app receives it.
  # @param payload [String, Hash] JSON text or the parsed Hash
  # @return [Hash{String => Object}]
  def self.check_payload_identity(payload, identifier:, hmac_secret:, fields: {})
    payload = StructuredInput.json(payload, "payload") unless payload.is_a?(String)
    JSON.parse(check_payload_identity_json(payload, hmac_secret, check_identifier(identifier), fields_json(fields)))
  end

  # Checks that `html` identifies nobody: the widget for a visitor, or a {reset_script}.
  # @return [Hash{String => Object}] as {check_page_identity}
  def self.check_page_anonymous(html)
    JSON.parse(check_page_anonymous_json(html))
  end

  def self.check_identifier(identifier)
    return identifier.to_s if identifier.is_a?(Integer)

    identifier
  end

  def self.fields_json(fields)
    raise TypeError, "fields must be a Hash, not #{fields.class}" unless fields.is_a?(Hash)

    StructuredInput.json(fields, "fields")
  end

  # The extension's halves of the methods above, which take the structured inputs as JSON.
  private_class_method :widget_script_from_json, :set_user_payload_from_json, :reset_script_for,
                       :check_page_identity_json, :check_payload_identity_json, :check_page_anonymous_json,
                       :check_identifier, :fields_json

  # Raised for a value the core rejects; {#code} is the core's stable code, shared by every
  # language's binding. Messages name the parameter or the path and never contain the secret.
  #
  # One subclass per code, named after it, each with its `CODE`: {EmptySecretError}
  # (`"empty_secret"`), {EmptyIdentifierError} (`"empty_identifier"`), MissingSecretError,
  # InvalidBaseUrlError, InvalidWebsiteTokenError, InvalidNonceError, IncompleteUserError,
  # InvalidWidgetRequestError. The extension creates them from the core's table of codes.
  #
  # @!attribute [r] code
  #   @return [String] e.g. `"empty_secret"`
  class Error < StandardError; end

  # A `user` or `settings` value of the wrong type (`name: 5`, `custom_attributes: ["pro"]`,
  # a Time): a `TypeError`, as Ruby raises for wrong types, with the {#code} of the input
  # (`"invalid_widget_request"`) and the path in the message (`user.name: invalid type: ...`).
  # It is not an {Error}: rescue both (`rescue ChatwootIdentity::Error, TypeError`) to catch
  # every refusal.
  #
  # @!attribute [r] code
  #   @return [String] e.g. `"invalid_widget_request"`
  class WrongTypeError < ::TypeError
    # @param message [String, nil]
    # @param code [String, nil] the code of the input, e.g. `"invalid_widget_request"`
    def initialize(message = nil, code = nil)
      super(message)
      @code = code
    end
  end

  # An inbox secret prepared once, so each hash skips the key setup that
  # {ChatwootIdentity.identifier_hash} repeats. Share one per inbox across threads (e.g. in a
  # Rails initializer). It never shows the secret
  # and cannot be dumped; the key is wiped from memory when it is garbage-collected.
  #
  # @example
  #   signer = ChatwootIdentity::Signer.new(ENV.fetch("CHATWOOT_HMAC_SECRET"))
  #   signer.identifier_hash(current_user.id)
  #
  # @!method self.new(secret)
  #   @param secret [String] the inbox's HMAC secret
  #   @raise [EmptySecretError, TypeError]
  #
  # @!method identifier_hash(identifier)
  #   @param identifier [String, Integer]
  #   @return [String] 64 lowercase hex characters
  #   @raise [EmptyIdentifierError, TypeError, RangeError]
  #
  # @!method verify(identifier, identifier_hash)
  #   @param identifier [String, Integer]
  #   @param identifier_hash [String]
  #   @return [Boolean] constant time; `false` for any malformed candidate
  #   @raise [EmptyIdentifierError, TypeError, RangeError]
  #
  # @!method identifier_hashes(identifiers)
  #   Hashes many identifiers in order. The Array is copied as it was when the call began, then
  #   hashed without the GVL (other Ruby threads keep running) on every core; batches of more
  #   than 65,536 go round by round, so only a few rounds of hashes exist besides the result.
  #   @param identifiers [Array<String, Integer>]
  #   @return [Array<String>]
  #   @raise [EmptyIdentifierError] naming the first empty one, e.g. `identifiers[3]`
  #   @raise [TypeError, RangeError] naming the element at fault
  class Signer
    # @return [String] the class, never the secret
    def inspect
      "#<#{self.class.name} secret=[REDACTED]>"
    end
    alias to_s inspect
  end

  # What {ChatwootIdentity.diagnose} found out.
  #
  # @!method verified?
  #   @return [Boolean] whether Chatwoot would accept the candidate as it is
  #
  # @!method findings
  #   @return [Array<Finding>] every known mistake that explains the candidate; empty when
  #     {#verified?}
  class Diagnosis
  end

  # One reason a hash is rejected.
  #
  # @!method code
  #   @return [String] a stable code, e.g. `"uppercase_hex"`
  #
  # @!method message
  #   @return [String] a sentence a support engineer can paste; never contains the secret
  class Finding
  end

  # Both kinds of diagnosis (a hash's, a webhook signature's) show as their findings' codes;
  # both kinds of finding show as their code, and are their message as text.
  [Diagnosis, WebhookDiagnosis].each do |diagnosis|
    diagnosis.class_eval do
      # @return [String]
      def inspect
        "#<#{self.class.name} verified=#{verified?} findings=#{findings.map(&:code)}>"
      end
      alias_method :to_s, :inspect
    end
  end

  [Finding, WebhookFinding].each do |finding|
    finding.class_eval do
      # @return [String]
      def inspect
        "#<#{self.class.name} code=#{code}>"
      end

      # @return [String] the message
      def to_s
        message
      end
    end
  end
end

# In a Rails app the gem is required after Rails (Bundler.require), so its Railtie hooks in.
require_relative "chatwoot_identity/rails" if defined?(::Rails::Railtie)
