# frozen_string_literal: true

# A minimal Rails application with a page that renders `chatwoot_widget_tag` through a
# controller and a view, as an app would. The Rails tests and `make widget-page-server` use it
# with the installed gem.
#
# Configured from the environment (read at boot): CHATWOOT_BASE_URL, CHATWOOT_WEBSITE_TOKEN,
# CHATWOOT_HMAC_SECRET (the gem's own fallbacks for config.chatwoot_identity). Read per request,
# as a test harness needs: CHATWOOT_TEST_USER_JSON (the signed-in user; absent means a
# visitor) and CHATWOOT_TEST_CSP ("1": a strict script-src with a fresh nonce per request).
#
# The caller sets anything else on `WidgetApp.config` and then runs `WidgetApp.initialize!`.

require "json"
require "securerandom"
require "zlib"
# Rails 6.1's own files warn under `ruby -w`; the suite's warnings are for this gem's code.
verbose, $VERBOSE = $VERBOSE, nil
require "action_controller/railtie"
require "action_view/railtie"
require "rails-html-sanitizer"
$VERBOSE = verbose
gem "chatwoot_identity"
# Explicit, as the test suite has loaded the gem before Rails (an app's Bundler.require loads
# it after Rails, and the Railtie then comes with `require "chatwoot_identity"`).
require "chatwoot_identity/rails"

# The user model of the app: what `current_user` returns once someone has signed in.
WidgetAppUser = Struct.new(:id, :name, :email, :custom_attributes, keyword_init: true) do
  def self.from_json(text)
    fields = JSON.parse(text)
    new(id: fields.fetch("identifier"), name: fields["name"], email: fields["email"],
        custom_attributes: fields["custom_attributes"])
  end
end

# Stand-ins for an app's own `sign_in` and `users` fixtures, which the README's Minitest and
# RSpec examples call: signing in puts the user where the app's `current_user` reads it.
module WidgetAppSignIn
  def sign_in(user)
    ENV["CHATWOOT_TEST_USER_JSON"] = JSON.generate("identifier" => user.id, "name" => user.name, "email" => user.email)
  end

  def users(_name)
    WidgetAppUser.new(id: "user-7", name: "Ada", email: "ada@example.com")
  end
end

class WidgetApp < Rails::Application
  config.root = File.join(__dir__, "widget_app")
  # As in production when asked for: the controllers in widget_app/app load while the app boots.
  config.eager_load = ENV["CHATWOOT_TEST_EAGER_LOAD"] == "1"
  config.consider_all_requests_local = true
  config.secret_key_base = SecureRandom.hex(32)
  config.hosts.clear
  config.logger = Logger.new(nil)
  config.cache_store = :null_store
  config.action_controller.allow_forgery_protection = false

  # A nonce only when the page is served with a policy, so the visitor page without CSP shows
  # the helper without one.
  config.content_security_policy_nonce_generator = lambda do |_request|
    SecureRandom.base64(16) if ENV["CHATWOOT_TEST_CSP"] == "1"
  end
  config.content_security_policy_nonce_directives = %w[script-src]
  config.content_security_policy do |policy|
    policy.script_src :strict_dynamic
    policy.object_src :none
    policy.base_uri :none
  end

  # How this app's user becomes widget fields: the default (id, name, email) plus its custom
  # attributes.
  config.chatwoot_identity.user_fields = lambda do |user|
    { identifier: user.id, name: user.name, email: user.email, custom_attributes: user.custom_attributes }
  end

  routes.append do
    root to: "pages#show"
    get "/override", to: "pages#override"
    get "/visitor", to: "pages#visitor"
    post "/chatwoot/webhooks", to: "recording_webhooks#create"
    %w[page printed pasted json text latin1 download file deflate streamed skipped skipped_here].each do |action|
      get "/inject/#{action}", to: "inject_pages##{action}"
    end
    get "/inject/live", to: "live_pages#show"
    get "/testkit/escaped", to: "testkit_pages#escaped"
    get "/testkit/twice", to: "testkit_pages#twice"
    post "/chatwoot/other", to: "recording_webhooks#other"
    get "/chatwoot/tolerant", to: "tolerant_webhooks#show"
  end
end

class ApplicationController < ActionController::Base
  # The policy only when asked for, so both kinds of page can be served by one process.
  content_security_policy false, if: -> { ENV["CHATWOOT_TEST_CSP"] != "1" }

  helper_method :current_user

  # A stand-in for the app's authentication: the user given in the environment is signed in.
  def current_user
    json = ENV.fetch("CHATWOOT_TEST_USER_JSON", "")
    json.empty? ? nil : WidgetAppUser.from_json(json)
  end
end

class PagesController < ApplicationController
  layout false

  def show; end

  # Fields given to the helper override the mapped ones.
  def override; end

  # A page that never signs anyone in, whoever is logged in.
  def visitor; end
end

# Chatwoot's webhooks, verified by the gem's concern. Every request the action handles is
# recorded in RECEIVED, so a test can see what reached it (and that nothing else did).
class RecordingWebhooksController < ActionController::Base
  include ChatwootIdentity::Rails::VerifiesChatwootWebhooks

  RECEIVED = Queue.new

  # CSRF protection on, as in any app: the concern lifts it for the verified action only.
  self.allow_forgery_protection = true
  protect_from_forgery with: :exception
  verify_chatwoot_webhook only: :create

  def create
    RECEIVED << { body: chatwoot_webhook_body, event: chatwoot_event, delivery_id: chatwoot_webhook.delivery_id,
                  age: chatwoot_webhook.age, raw_post: request.raw_post }
    render json: { received: chatwoot_event["event"], delivery_id: chatwoot_webhook.delivery_id }
  end

  # Not a webhook action: a POST without a CSRF token is still refused.
  def other
    RECEIVED << { other: true }
    head :ok
  end
end

# Pages for automatic injection (test/rails_inject_test.rb): one per kind of response the
# middleware must tell apart.
class InjectPagesController < ApplicationController
  PAGE = "<!doctype html><html><head><title>t</title></head><body><h1>inject</h1></body></html>"
  PASTED = %(<html><body><script>window.chatwootSDK.run({ websiteToken: "x", baseUrl: "y" })</script></body></html>)

  # The opt-out, as an app writes it; skipped_here opts out from inside the action.
  skip_chatwoot_widget only: :skipped

  # ETag and Last-Modified, as `fresh_when`/`stale?` set them for a cacheable page.
  def page
    return unless stale?(etag: "inject-v1", last_modified: Time.utc(2026, 1, 1))

    # As Rack::ContentLength or a cached page sets it.
    response.headers["Content-Length"] = PAGE.bytesize.to_s if params[:length]
    render html: PAGE.html_safe
  end

  def printed
    render inline: "<html><body><%= chatwoot_widget_tag %></body></html>"
  end

  def pasted
    render html: PASTED.html_safe
  end

  def json
    render json: { page: PAGE }
  end

  def text
    render plain: PAGE
  end

  def latin1
    response.charset = "ISO-8859-1"
    render html: PAGE.html_safe
  end

  def download
    send_data PAGE, type: "text/html", disposition: "attachment", filename: "page.html"
  end

  # send_file: the body is the file, sent by the server as it reads it.
  def file
    send_file File.join(Rails.root, "files/page.html"), type: "text/html", disposition: "inline"
  end

  # `Content-Encoding: deflate` with stored (level 0) blocks: the compressed bytes hold the
  # page's text, `</body>` included, and at this length they are valid UTF-8; inserting into
  # them would break the stream.
  def self.stored_deflate
    @stored_deflate ||= (16_300..16_500).lazy.map { |n| Zlib::Deflate.deflate(PAGE.sub("<h1>", "<h1>#{"x" * n}"), 0) }
                                        .find { |bytes| bytes.dup.force_encoding(Encoding::UTF_8).valid_encoding? }
  end

  def deflate
    response.headers["Content-Encoding"] = "deflate"
    send_data self.class.stored_deflate, type: "text/html; charset=utf-8", disposition: "inline"
  end

  # `render stream: true`: Transfer-Encoding: chunked, the layout sent in parts.
  def streamed
    render stream: true, layout: "streamed"
  end

  def skipped
    render html: PAGE.html_safe
  end

  def skipped_here
    skip_chatwoot_widget!
    render html: PAGE.html_safe
  end
end

# ActionController::Live: the page is written while the response is already on its way.
class LivePagesController < ApplicationController
  include ActionController::Live

  def show
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    response.stream.write("<!doctype html><html><body><h1>live</h1>")
    response.stream.write("</body></html>")
  ensure
    response.stream.close
  end
end

# Pages a test kit must reject (test/test_kit_test.rb): mistakes an integrator makes.
class TestkitPagesController < ApplicationController
  # The snippet through <%= %> without html_safe: ERB escapes it, the browser shows it as text.
  def escaped
    render inline: "<html><body><%= ChatwootIdentity::Railtie.widget.script(user: current_user) %></body></html>"
  end

  # The helper in the layout and again in the view.
  def twice
    render inline: "<html><body><%= chatwoot_widget_tag %><%= chatwoot_widget_tag %></body></html>"
  end
end
