# frozen_string_literal: true

require "active_support/ordered_options"
require "rails/railtie"
require_relative "rails_widget"
require_relative "auto_inject"

module ChatwootIdentity
  # Adds `config.chatwoot_identity` and the view helper; builds the process's one
  # {RailsWidget} (so one {Signer}) once the application's configuration is final.
  class Railtie < ::Rails::Railtie
    WEBHOOK_SECRET_ENV = "CHATWOOT_WEBHOOK_SECRET"
    WEBHOOK_LOCK = Mutex.new
    private_constant :WEBHOOK_LOCK

    config.chatwoot_identity = ActiveSupport::OrderedOptions.new

    initializer "chatwoot_identity.view_helper" do
      ActiveSupport.on_load(:action_view) { include ChatwootIdentity::WidgetHelper }
    end

    # `skip_chatwoot_widget` in every controller, at once (controllers of the app may be loaded
    # before the initializers run), and whether auto_inject is on or not: a controller that
    # opts out keeps working in an environment where injection is off.
    ActiveSupport.on_load(:action_controller) { include ChatwootIdentity::Rails::SkipsChatwootWidget }

    # Automatic injection, opt-in per environment (`config.chatwoot_identity.auto_inject = true`
    # in config/application.rb, config/environments/*.rb or config/initializers/*.rb, hence after
    # the app's initializers). Outside Rack::Head, Rack::ConditionalGet and Rack::ETag, so no
    # ETag is computed over an injected page; inside the CSP middleware, which then sends the
    # nonce the snippet carries.
    initializer "chatwoot_identity.auto_inject", after: :load_config_initializers do |app|
      options = app.config.chatwoot_identity
      if options[:auto_inject] && options[:enabled] != false
        visitors = options[:auto_inject_visitors] != false
        app.config.middleware.insert_before(Rack::Head, ChatwootIdentity::Rails::AutoInject, visitors: visitors)
      end
    end

    # The webhook settings, before eager loading (production) loads the controllers: their
    # `verify_chatwoot_webhook secret:/tolerance:` prepares a verifier as the class loads, and
    # must see config.chatwoot_identity.webhook_secret and webhook_tolerance then. (Set in
    # config/application.rb, config/environments/*.rb or config/initializers/*.rb, all read
    # by now.)
    initializer "chatwoot_identity.webhook_options", after: :load_config_initializers do |app|
      ChatwootIdentity::Railtie.webhook_options = app.config.chatwoot_identity
    end

    # The configuration is checked when the app boots, so a missing secret fails the deploy,
    # not every signed-in page. `enabled = false` (e.g. in config/environments/test.rb): nothing
    # is rendered and nothing needs configuring.
    config.after_initialize do |app|
      options = app.config.chatwoot_identity
      ChatwootIdentity::Railtie.current_user = options[:current_user]
      if options[:enabled] == false
        ChatwootIdentity::Railtie.widget = nil
      else
        RailsWidget.check_config(options, ENV)
        raise_on_invalid_user = ::Rails.env.development? || ::Rails.env.test?
        ChatwootIdentity::Railtie.widget = RailsWidget.from_config(options, ENV, logger: ::Rails.logger,
                                                                                 raise_on_invalid_user: raise_on_invalid_user)
      end
      ChatwootIdentity::Railtie.initialized = true
    end

    class << self
      # @return [RailsWidget, nil] set when the application has initialised; nil when
      #   `config.chatwoot_identity.enabled` is false
      def widget
        unless @initialized
          raise ChatwootIdentity::RailsWidget::NotConfigured,
                "chatwoot_widget_tag was called before the Rails application initialised"
        end
        @widget
      end

      attr_writer :widget, :initialized

      # `config.chatwoot_identity.current_user`: a callable given the controller, returning the
      # signed-in user or nil (`->(controller) { Current.user }`); nil: the controller's
      # `current_user` when it has one (Devise's, or the app's own).
      attr_accessor :current_user

      # The signed-in user for `controller`, as configured.
      def current_user_for(controller)
        return current_user.call(controller) if current_user
        return nil if controller.nil? || !controller.respond_to?(:current_user, true)

        controller.send(:current_user)
      end

      # Where {webhook_verifier} reads `webhook_secret` and `webhook_tolerance` from.
      attr_writer :webhook_options

      # Whether the application's configuration has been read (see the webhook_options
      # initializer): before that, a verifier would miss config.chatwoot_identity.
      def webhook_configured?
        !@webhook_options.nil?
      end

      # The process's one {WebhookVerifier} for `config.chatwoot_identity.webhook_secret` (or
      # CHATWOOT_WEBHOOK_SECRET), prepared on first use, so an app that receives no webhooks
      # needs no webhook secret.
      # @return [WebhookVerifier]
      def webhook_verifier
        @webhook_verifier ||= WEBHOOK_LOCK.synchronize do
          @webhook_verifier || build_webhook_verifier(nil, nil)
        end
      end

      # A verifier for `secret` (nil: the configured one) and `tolerance` (nil: the configured
      # one, else 300 seconds).
      # @return [WebhookVerifier]
      def build_webhook_verifier(secret, tolerance)
        options = @webhook_options || {}
        secret ||= [options[:webhook_secret], ENV.fetch(WEBHOOK_SECRET_ENV, nil)].find { |value| !value.to_s.empty? }
        if secret.nil?
          raise ChatwootIdentity::RailsWidget::NotConfigured,
                "set config.chatwoot_identity.webhook_secret or #{WEBHOOK_SECRET_ENV} to verify Chatwoot webhooks " \
                "(the webhook's secret in Chatwoot, not the inbox's identity-validation HMAC token)"
        end
        tolerance ||= options[:webhook_tolerance] || ChatwootIdentity::DEFAULT_TOLERANCE_SECONDS
        ChatwootIdentity::WebhookVerifier.new(secret, tolerance: tolerance)
      end
    end
  end
end
