# frozen_string_literal: true

module ChatwootIdentity
  # `chatwoot_widget_tag`, included in every view by the {Railtie}.
  module WidgetHelper
    # The Chatwoot widget for this page: the loader for a visitor, and `setUser` with its
    # `identifier_hash` for a signed-in `user`. `fields` override or add to that user's widget
    # fields (`name:`, `email:`, `custom_attributes:`, ...) and are ignored for a visitor. The
    # request's `content_security_policy_nonce` goes on the element when the app has a nonce
    # generator.
    #
    # @example app/views/layouts/application.html.erb
    #   <%= chatwoot_widget_tag %>
    #   <%= chatwoot_widget_tag(user: current_account, custom_attributes: { plan: current_account.plan }) %>
    # @return [ActiveSupport::SafeBuffer] safe as is: the core escaped every value for a
    #   script element
    #
    # The default user is `config.chatwoot_identity.current_user` called with the controller, or
    # the controller's `current_user`. With `config.chatwoot_identity.enabled = false` it renders
    # nothing. A user the widget cannot take (no name, email or avatar; an identifier that is not
    # text or an Integer) gets the visitor widget and a warning in the log, outside development
    # and test, where it raises.
    def chatwoot_widget_tag(user: :current, **fields)
      widget = ChatwootIdentity::Railtie.widget
      return "".html_safe if widget.nil?

      user = ChatwootIdentity::Railtie.current_user_for(respond_to?(:controller) ? controller : nil) if user == :current
      nonce = (content_security_policy_nonce if respond_to?(:content_security_policy_nonce, true))
      # html_safe without escaping: the snippet is code, and the core already JSON-encoded and
      # escaped every value in it for a script element.
      widget.script(user: user, nonce: nonce, fields: fields).html_safe
    end
  end
end
