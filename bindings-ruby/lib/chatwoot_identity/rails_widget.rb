# frozen_string_literal: true

module ChatwootIdentity
  # What `chatwoot_widget_tag` renders with: the inbox's address and token, its secret
  # prepared once as a {Signer}, the widget settings, and how an app's user becomes widget
  # fields. Plain Ruby (no Rails needed), so it is also usable from a Rack app or a job.
  class RailsWidget
    # Raised on first use when the base URL or the website token is not configured.
    class NotConfigured < StandardError; end

    # The user's fields when the app does not configure `user_fields`: its id, and its name
    # and email when it has them.
    DEFAULT_USER_FIELDS = lambda do |user|
      fields = { identifier: user.id }
      fields[:name] = user.name if user.respond_to?(:name)
      fields[:email] = user.email if user.respond_to?(:email)
      fields
    end

    ENVIRONMENT = {
      base_url: "CHATWOOT_BASE_URL",
      website_token: "CHATWOOT_WEBSITE_TOKEN",
      hmac_secret: "CHATWOOT_HMAC_SECRET"
    }.freeze

    # Errors a signed-in user's fields can cause (no name, email or avatar; an identifier that
    # is empty, of a type that is not text, out of range; an unknown field): the page then gets
    # the visitor widget instead of a 500, unless `raise_on_invalid_user`.
    USER_ERRORS = [ChatwootIdentity::IncompleteUserError, ChatwootIdentity::EmptyIdentifierError,
                   ChatwootIdentity::InvalidWidgetRequestError, ChatwootIdentity::WrongTypeError,
                   TypeError, RangeError, ArgumentError].freeze

    # `options` (config.chatwoot_identity) win over the environment variables.
    def self.from_config(options, env, logger: nil, raise_on_invalid_user: true)
      present = ->(text) { text unless text.nil? || text.to_s.empty? }
      value = ->(key) { present.(options[key]) || present.(env[ENVIRONMENT.fetch(key)]) }
      raise_on_invalid_user = options[:raise_on_invalid_user] unless options[:raise_on_invalid_user].nil?
      new(base_url: value.(:base_url), website_token: value.(:website_token), hmac_secret: value.(:hmac_secret),
          settings: options[:settings] || {}, user_fields: options[:user_fields] || DEFAULT_USER_FIELDS,
          logger: logger, raise_on_invalid_user: raise_on_invalid_user)
    end

    # The boot-time check of {Railtie}: every setting the widget needs, named with its
    # environment variable, before any page is served.
    # @raise [NotConfigured]
    def self.check_config(options, env)
      present = ->(key) { [options[key], env[ENVIRONMENT.fetch(key)]].find { |text| !text.to_s.empty? } }
      missing = ENVIRONMENT.keys.reject { |key| present.(key) }
      unless missing.empty?
        names = missing.map { |key| "config.chatwoot_identity.#{key} or #{ENVIRONMENT.fetch(key)}" }
        raise NotConfigured, "Chatwoot widget: set #{names.join(", ")} (or config.chatwoot_identity.enabled = false " \
                             "in environments without Chatwoot)"
      end
      if present.(:hmac_secret).to_s == present.(:website_token).to_s
        raise NotConfigured, "Chatwoot widget: the HMAC secret (config.chatwoot_identity.hmac_secret or " \
                             "CHATWOOT_HMAC_SECRET) is the website token; use the inbox's identity-validation " \
                             "secret (Chatwoot: Settings > Inboxes > Configuration > Identity validation)"
      end
      # The core checks the address, the token and the settings: a visitor snippet renders.
      from_config(options, env).script(user: nil)
    rescue ChatwootIdentity::Error, TypeError => e
      raise NotConfigured, "Chatwoot widget: config.chatwoot_identity is invalid: #{e.message}"
    end

    def initialize(base_url:, website_token:, hmac_secret: nil, settings: {}, user_fields: DEFAULT_USER_FIELDS,
                   logger: nil, raise_on_invalid_user: true)
      @base_url = base_url
      @website_token = website_token
      # Prepared once per process: every page reuses the key setup. This object keeps only the
      # Signer, which never shows the secret.
      @signer = hmac_secret && ChatwootIdentity::Signer.new(hmac_secret)
      @settings = settings
      @user_fields = user_fields
      @logger = logger
      @raise_on_invalid_user = raise_on_invalid_user
      freeze
    end

    # The snippet for `user` (an app's user object, or nil for a visitor) and the request's CSP
    # `nonce`. `fields` override or add to the signed-in user's widget fields; a visitor gets
    # the loader only, so one layout serves both.
    # @return [String] the core's escaped `<script>` element
    def script(user:, nonce: nil, fields: {})
      check_configured
      # `fields` override the mapped ones whether `user_fields` writes `name:` or `"name" =>`.
      widget_user = user && @user_fields.call(user).to_h.transform_keys { |key| key.is_a?(String) ? key.to_sym : key }
                                        .merge(fields)
      render(widget_user, nonce)
    rescue *USER_ERRORS => e
      raise if @raise_on_invalid_user || widget_user.nil?

      # Never a 500 for a user the widget cannot take: the page gets the visitor widget.
      @logger&.warn("Chatwoot widget: rendered for a visitor, as the signed-in user cannot be sent to Chatwoot " \
                    "(#{e.class}: #{e.message})")
      render(nil, nonce)
    end

    def inspect
      "#<#{self.class.name} base_url=#{@base_url.inspect} hmac_secret=[REDACTED]>"
    end
    alias to_s inspect

    private

    def render(widget_user, nonce)
      ChatwootIdentity.widget_script(base_url: @base_url, website_token: @website_token, hmac_secret: @signer,
                                     user: widget_user, nonce: nonce, settings: @settings)
    end

    def check_configured
      { base_url: @base_url, website_token: @website_token }.each do |key, value|
        next if value

        raise NotConfigured, "set config.chatwoot_identity.#{key} or #{ENVIRONMENT.fetch(key)} " \
                             "to render chatwoot_widget_tag"
      end
    end
  end
end
