# frozen_string_literal: true

require "active_support/ordered_options"
require "rails/railtie"
require_relative "rails_widget"

module ChatwootIdentity
  # Adds `config.chatwoot_identity` and the view helper; builds the process's one
  # {RailsWidget} (so one {Signer}) once the application's configuration is final.
  class Railtie < ::Rails::Railtie
    config.chatwoot_identity = ActiveSupport::OrderedOptions.new

    initializer "chatwoot_identity.view_helper" do
      ActiveSupport.on_load(:action_view) { include ChatwootIdentity::WidgetHelper }
    end

    config.after_initialize do |app|
      ChatwootIdentity::Railtie.widget = RailsWidget.from_config(app.config.chatwoot_identity, ENV)
    end

    class << self
      # @return [RailsWidget] set when the application has initialised
      def widget
        @widget or raise ChatwootIdentity::RailsWidget::NotConfigured,
                         "chatwoot_widget_tag was called before the Rails application initialised"
      end

      attr_writer :widget
    end
  end
end
