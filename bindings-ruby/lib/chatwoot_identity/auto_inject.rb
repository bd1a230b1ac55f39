# frozen_string_literal: true

require "action_controller"
require "active_support/concern"

module ChatwootIdentity
  module Rails
    # Automatic injection, opt-in: the Rack middleware the {Railtie} inserts when
    # `config.chatwoot_identity.auto_inject = true`. It adds the widget snippet for the
    # request's user to the HTML pages the app's controllers render, so no layout needs
    # `chatwoot_widget_tag`.
    #
    # This class decides which responses are pages: a controller's response to a request for a
    # document (not XHR, `fetch`, or `Accept: application/json`), `text/html` in UTF-8, whole
    # (never `ActionController::Live`, `render stream: true`, a file, or any body it cannot
    # read at once), not compressed, not a download. Where the snippet goes in the page, and
    # whether it goes in at all (no `</body>`, a widget already there, this gem's or Chatwoot's
    # own), is the core's rule, {ChatwootIdentity.insert_widget}. An injected response gets its
    # `Content-Length` fixed and loses `ETag` and `Last-Modified`: the page now holds one user's
    # widget, and a 304 would show another user the widget of the one before.
    class AutoInject
      # The Rack env key a request sets (to anything truthy) to get no widget; the controller
      # methods of {SkipsChatwootWidget} set it.
      SKIP = "chatwoot_identity.skip_widget"
      # `Sec-Fetch-Dest` values of a request for a document.
      DOCUMENT_DESTINATIONS = %w[document iframe frame embed object].freeze
      UTF8 = /\Autf-?8\z/i

      # @param app [#call] the rest of the Rack stack
      # @param visitors [Boolean] whether a visitor (no signed-in user) gets the widget too
      #   (`config.chatwoot_identity.auto_inject_visitors`, default true)
      # @param widget [#call] returns the {RailsWidget} (nil: the widget is disabled)
      def initialize(app, visitors: true, widget: -> { ChatwootIdentity::Railtie.widget })
        @app = app
        @visitors = visitors
        @widget = widget
      end

      def call(env)
        status, headers, body = @app.call(env)
        begin
          snippet = page_request?(env) && page_headers?(headers) && snippet_for(env, body)
        rescue StandardError
          # A user the widget cannot take raises (in development and test): the body the app
          # made is released before the error goes up the stack.
          body.close if body.respond_to?(:close)
          raise
        end
        return [status, headers, body] unless snippet

        html = read_whole(body)
        return [status, headers, [html]] unless html.valid_encoding?

        injected = ChatwootIdentity.insert_widget(html, snippet)
        return [status, headers, [html]] if injected.nil?

        [status, injected_headers(headers, injected), [injected]]
      end

      private

      def page_request?(env)
        return false if env[SKIP]
        return false if env["HTTP_X_REQUESTED_WITH"].to_s.casecmp?("XMLHttpRequest")

        destination = env["HTTP_SEC_FETCH_DEST"].to_s.downcase
        return false unless destination.empty? || DOCUMENT_DESTINATIONS.include?(destination)

        accept = env["HTTP_ACCEPT"].to_s.downcase
        accept.empty? || accept.match?(%r{(\A|[\s,])(text/html|application/xhtml\+xml|\*/\*)\s*(;|,|\z)})
      end

      def page_headers?(headers)
        type, *parameters = header(headers, "Content-Type").to_s.split(";").map(&:strip)
        return false unless type.to_s.casecmp?("text/html")

        charset = parameters.map { |parameter| parameter.split("=", 2) }.find { |key, _| key.strip.casecmp?("charset") }
        return false unless charset.nil? || charset.last.to_s.delete('"').strip.match?(UTF8)

        coding = header(headers, "Content-Encoding").to_s.strip
        return false unless coding.empty? || coding.casecmp?("identity")
        return false if header(headers, "Transfer-Encoding").to_s.downcase.include?("chunked")

        !header(headers, "Content-Disposition").to_s.downcase.start_with?("attachment")
      end

      # The snippet for the controller's user, or nil when this response gets none. Only a
      # controller's whole response: the user, the opt-out and the body are known there.
      def snippet_for(env, body)
        controller = env["action_controller.instance"]
        return nil if controller.nil?
        return nil if controller.is_a?(ActionController::Live)
        return nil unless whole?(body)
        return nil if body.respond_to?(:to_path)

        widget = @widget.call
        return nil if widget.nil?

        user = ChatwootIdentity::Railtie.current_user_for(controller)
        return nil if user.nil? && !@visitors

        widget.script(user: user, nonce: ActionDispatch::Request.new(env).content_security_policy_nonce)
      end

      # An Array, or a controller's body (Rails' own middlewares wrap it in Rack::BodyProxy):
      # bodies that hold the whole text already. Anything else may be produced while it is
      # sent.
      def whole?(body)
        body = body.instance_variable_get(:@body) while body.is_a?(Rack::BodyProxy)
        body.is_a?(Array) || body.is_a?(ActionDispatch::Response::RackBody)
      end

      def read_whole(body)
        html = +""
        body.each { |part| html << part }
        html.force_encoding(Encoding::UTF_8)
      ensure
        body.close if body.respond_to?(:close)
      end

      def injected_headers(headers, injected)
        fixed = {}
        headers.each do |name, value|
          next if name.casecmp?("ETag") || name.casecmp?("Last-Modified")

          fixed[name] = name.casecmp?("Content-Length") ? injected.bytesize.to_s : value
        end
        fixed
      end

      def header(headers, name)
        headers.each { |key, value| return value if key.casecmp?(name) }
        nil
      end
    end

    # In every controller (the {Railtie} includes it, whether or not `auto_inject` is on, so a
    # controller keeps working in environments where it is off): the per-request opt-out of
    # {AutoInject}, as `skip_after_action` is for intercom-rails.
    #
    #   class AdminController < ApplicationController
    #     skip_chatwoot_widget                    # every action
    #     skip_chatwoot_widget only: :dashboard   # before_action options: only, except, if, unless
    #   end
    #
    #   def show
    #     skip_chatwoot_widget! if @report.embedded?   # in an action, for this request
    #   end
    module SkipsChatwootWidget
      extend ActiveSupport::Concern

      class_methods do
        # No widget for these actions' responses.
        def skip_chatwoot_widget(**options)
          before_action(**options) { |controller| controller.skip_chatwoot_widget! }
        end
      end

      # No widget for this request's response.
      def skip_chatwoot_widget!
        request.set_header(AutoInject::SKIP, true)
      end
    end
  end
end
