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

    # `options` (config.chatwoot_identity) win over the environment variables.
    def self.from_config(options, env)
      present = ->(text) { text unless text.nil? || text.to_s.empty? }
      value = ->(key) { present.(options[key]) || present.(env[ENVIRONMENT.fetch(key)]) }
      new(base_url: value.(:base_url), website_token: value.(:website_token), hmac_secret: value.(:hmac_secret),
          settings: options[:settings] || {}, user_fields: options[:user_fields] || DEFAULT_USER_FIELDS)
    end

    def initialize(base_url:, website_token:, hmac_secret: nil, settings: {}, user_fields: DEFAULT_USER_FIELDS)
      @base_url = base_url
      @website_token = website_token
      # Prepared once per process: every page reuses the key setup. This object keeps only the
      # Signer, which never shows the secret.
      @signer = hmac_secret && ChatwootIdentity::Signer.new(hmac_secret)
      @settings = settings
      @user_fields = user_fields
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
      ChatwootIdentity.widget_script(base_url: @base_url, website_token: @website_token, hmac_secret: @signer,
                                     user: widget_user, nonce: nonce, settings: @settings)
    end

    def inspect
      "#<#{self.class.name} base_url=#{@base_url.inspect} hmac_secret=[REDACTED]>"
    end
    alias to_s inspect

    private

    def check_configured
      { base_url: @base_url, website_token: @website_token }.each do |key, value|
        next if value

        raise NotConfigured, "set config.chatwoot_identity.#{key} or #{ENVIRONMENT.fetch(key)} " \
                             "to render chatwoot_widget_tag"
      end
    end
  end
end
