# frozen_string_literal: true

require_relative "test_helper"
require "net/http"
require "open3"
require "rbconfig"
require "zlib"
require "chatwoot_identity/test_helpers"

# Automatic injection (ChatwootIdentity::Rails::AutoInject) in front of the real test Rails app,
# over loopback. Each rule is a check, and each check also runs against a copy of the installed
# auto_inject.rb with that rule taken out (a mutant), where it must fail: so every check can
# fail. The Railtie's own insertion is checked in a booted app of its own at the end.
class RailsInjectTest < Minitest::Test
  include TestSupport
  include ChatwootIdentity::TestHelpers

  SOURCE = File.join(Gem.loaded_specs.fetch("chatwoot_identity").gem_dir, "lib", "chatwoot_identity", "auto_inject.rb")
  USER = { "identifier" => "user-42", "name" => "Jane" }.freeze
  PAGE = "<!doctype html><html><head><title>t</title></head><body><h1>inject</h1></body></html>"
  BOOT = File.expand_path("support/boot_app.rb", __dir__)

  # The middleware as installed, or with `from` (which must be in its source) replaced by `to`.
  def self.middleware(mutation)
    return ChatwootIdentity::Rails::AutoInject if mutation.nil?

    source = File.read(SOURCE)
    klass = source[/^    class AutoInject\b.*?^    end\n/m] or raise "no AutoInject class in #{SOURCE}"
    from, to = mutation
    raise "the mutant's code is no longer in auto_inject.rb: #{from}" unless klass.include?(from)

    @mutants = (@mutants || 0) + 1
    name = "AutoInjectMutant#{@mutants}"
    # A mutant may leave a variable unused; that warning is the point, not news.
    verbose, $VERBOSE = $VERBOSE, nil
    ChatwootIdentity::Rails.module_eval(klass.sub("class AutoInject", "class #{name}").sub(from, to), SOURCE)
    $VERBOSE = verbose
    ChatwootIdentity::Rails.const_get(name)
  end

  def setup
    TestSupport.rails_app
  end

  # Serves the app behind `middleware`; yields get(path, headers, user:) -> Net::HTTPResponse.
  def with_app(middleware, **options)
    serve_over_loopback(middleware.new(Rails.application, **options)) do |base|
      yield(lambda do |path, headers = {}, user: USER, csp: false|
        with_env("CHATWOOT_TEST_USER_JSON" => user&.to_json, "CHATWOOT_TEST_CSP" => csp ? "1" : nil) do
          uri = URI("#{base}#{path}")
          # identity: Net::HTTP would otherwise ask for gzip and inflate what it gets.
          Net::HTTP.start(uri.host, uri.port) { |http| http.get(uri.request_uri, { "Accept-Encoding" => "identity" }.merge(headers)) }
        end
      end)
    end
  end

  def snippets(body)
    body.scan(/^  var config = /).size
  end

  def page_config(body)
    JSON.parse(body[/^  var config = (.*);$/, 1] || flunk("no widget config in #{body[0, 300]}"))
  end

  RULES = {
    "inserts_the_users_snippet_before_the_last_body_end_and_fixes_content_length" => [
      ['name.casecmp?("Content-Length") ? injected.bytesize.to_s : value', "value"],
      lambda do |get|
        response = get.("/inject/page?length=1")
        body = response.body
        assert_equal 200, response.code.to_i, body
        assert_equal 1, snippets(body)
        assert body.start_with?(PAGE.delete_suffix("</body></html>") + "<script>"), body[0, 200]
        assert body.end_with?("</script></body></html>"), body[-60..]
        assert_equal "text/html; charset=utf-8", response["Content-Type"]
        assert_equal body.bytesize, Integer(response["Content-Length"])
        assert_chatwoot_identifies body, identifier: "user-42", hmac_secret: RAILS_SECRET
      end
    ],
    "drops_etag_and_last_modified_of_an_injected_page" => [
      ['next if name.casecmp?("ETag") || name.casecmp?("Last-Modified")', "next if false"],
      lambda do |get|
        response = get.("/inject/page")
        assert_equal 1, snippets(response.body)
        assert_nil response["ETag"]
        assert_nil response["Last-Modified"]
      end
    ],
    "never_into_a_response_that_is_not_html" => [
      ['return false unless type.to_s.casecmp?("text/html")', ""],
      lambda do |get|
        assert_equal PAGE, get.("/inject/text").body
        assert_equal({ "page" => PAGE }, JSON.parse(get.("/inject/json").body))
      end
    ],
    "never_into_html_that_is_not_utf8" => [
      ["return false unless charset.nil? || charset.last.to_s.delete('\"').strip.match?(UTF8)", ""],
      lambda do |get|
        response = get.("/inject/latin1")
        assert_match(%r{\Atext/html; charset=iso-8859-1\z}i, response["Content-Type"])
        assert_equal PAGE, response.body
      end
    ],
    "never_into_a_request_that_is_not_for_a_page" => [
      ["snippet = page_request?(env) && ", "snippet = "],
      lambda do |get|
        assert_equal PAGE, get.("/inject/page", { "X-Requested-With" => "XMLHttpRequest" }).body
        assert_equal PAGE, get.("/inject/page", { "Accept" => "application/json" }).body
        assert_equal PAGE, get.("/inject/page", { "Sec-Fetch-Dest" => "empty" }).body
        assert_equal 1, snippets(get.("/inject/page", { "Accept" => "text/html", "Sec-Fetch-Dest" => "document" }).body)
      end
    ],
    "never_into_action_controller_live" => [
      ["return nil if controller.is_a?(ActionController::Live)", ""],
      lambda do |get|
        assert_equal "<!doctype html><html><body><h1>live</h1></body></html>", get.("/inject/live").body
      end
    ],
    "never_into_a_chunked_response_render_stream" => [
      ['return false if header(headers, "Transfer-Encoding").to_s.downcase.include?("chunked")', ""],
      lambda do |get|
        response = get.("/inject/streamed")
        assert_equal "chunked", response["Transfer-Encoding"]
        assert_equal "<!doctype html><html><head><title>t</title></head><body><h1>streamed</h1>\n</body></html>\n", response.body
      end
    ],
    "never_into_a_file_body" => [
      ["return nil if body.respond_to?(:to_path)", ""],
      lambda { |get| assert_equal "#{PAGE}\n", get.("/inject/file").body }
    ],
    "never_into_a_compressed_body" => [
      ['return false unless coding.empty? || coding.casecmp?("identity")', ""],
      lambda do |get|
        response = get.("/inject/deflate")
        sent = InjectPagesController.stored_deflate
        # The premise: these compressed bytes look like a UTF-8 page with a </body>.
        assert sent.dup.force_encoding(Encoding::UTF_8).valid_encoding?
        assert_includes sent, "</body>"
        assert_equal "deflate", response["Content-Encoding"]
        assert_equal sent.b, response.body.b
        assert_includes Zlib::Inflate.inflate(response.body), "<h1>xxx"
      end
    ],
    "never_into_a_download" => [
      ['!header(headers, "Content-Disposition").to_s.downcase.start_with?("attachment")', "true"],
      lambda { |get| assert_equal PAGE, get.("/inject/download").body }
    ],
    "skip_chatwoot_widget_in_the_controller_or_the_action" => [
      ["return false if env[SKIP]", ""],
      lambda do |get|
        assert_equal PAGE, get.("/inject/skipped").body
        assert_equal PAGE, get.("/inject/skipped_here").body
        assert_equal 1, snippets(get.("/inject/page").body)
      end
    ],
    "the_snippet_carries_the_requests_csp_nonce" => [
      ["nonce: ActionDispatch::Request.new(env).content_security_policy_nonce", "nonce: nil"],
      lambda do |get|
        response = get.("/inject/page", csp: true)
        nonce = response["Content-Security-Policy"][/'nonce-([^']+)'/, 1] or flunk response["Content-Security-Policy"]
        assert_includes response.body, %(<script nonce="#{nonce}">)
      end
    ],
    "a_visitor_gets_the_anonymous_widget" => [
      ["return nil if user.nil? && !@visitors", "return nil if user.nil?"],
      lambda do |get|
        body = get.("/inject/page", user: nil).body
        assert_equal 1, snippets(body)
        assert_chatwoot_anonymous body
      end
    ]
  }.freeze

  RULES.each do |name, (mutation, check)|
    define_method("test_#{name}") { with_app(self.class.middleware(nil)) { |get| instance_exec(get, &check) } }

    define_method("test_#{name}_fails_without_the_rule") do
      mutant = self.class.middleware(mutation)
      # A mutant's response may also be broken beyond reading (a chunked body with a snippet
      # inserted): that is a failure too.
      assert_raises(Minitest::Assertion, Net::HTTPBadResponse) { with_app(mutant) { |get| instance_exec(get, &check) } }
    end
  end

  # A body produced while it is sent (an Enumerator here, as a middleware between this one and
  # the controller could return): never read whole. Controllers' own bodies are RackBody, so this
  # app stands in for the controller, over loopback all the same.
  STREAMING_APP = lambda do |env|
    env["action_controller.instance"] = InjectPagesController.new
    [200, { "Content-Type" => "text/html; charset=utf-8" }, ["<html><body>", "</body></html>"].each]
  end

  def streaming_body_check(middleware)
    serve_over_loopback(middleware.new(STREAMING_APP)) do |base|
      assert_equal "<html><body></body></html>", with_env("CHATWOOT_TEST_USER_JSON" => USER.to_json) { http_get("#{base}/").last }
    end
  end

  def test_never_reads_a_body_that_is_not_whole
    streaming_body_check(ChatwootIdentity::Rails::AutoInject)
  end

  def test_never_reads_a_body_that_is_not_whole_fails_without_the_rule
    mutant = self.class.middleware(["return nil unless whole?(body)", ""])
    assert_raises(Minitest::Assertion) { streaming_body_check(mutant) }
  end

  # In development (this process's app) a user the widget cannot take raises, as
  # chatwoot_widget_tag does; the app's body is closed first.
  def test_an_error_rendering_the_snippet_releases_the_body
    closed = false
    body = ["<html><body></body></html>"]
    body.define_singleton_method(:close) { closed = true }
    app = lambda do |env|
      env["action_controller.instance"] = InjectPagesController.new
      [200, { "Content-Type" => "text/html" }, body]
    end
    with_env("CHATWOOT_TEST_USER_JSON" => JSON.generate("identifier" => "u-1")) do
      assert_raises(ChatwootIdentity::IncompleteUserError) do
        ChatwootIdentity::Rails::AutoInject.new(app).call(Rack::MockRequest.env_for("/"))
      end
    end
    assert closed
  end

  def test_logged_out_mode_off_injects_for_signed_in_users_only
    with_app(ChatwootIdentity::Rails::AutoInject, visitors: false) do |get|
      assert_equal PAGE, get.("/inject/page", user: nil).body
      assert_chatwoot_identifies get.("/inject/page").body, identifier: "user-42", hmac_secret: RAILS_SECRET
    end
  end

  # The core's rule, through the middleware: a page that printed chatwoot_widget_tag, or holds
  # Chatwoot's own snippet, is left alone.
  def test_never_a_second_widget
    with_app(ChatwootIdentity::Rails::AutoInject) do |get|
      assert_equal 1, snippets(get.("/inject/printed").body)
      assert_equal InjectPagesController::PASTED, get.("/inject/pasted").body
    end
  end

  # The Railtie inserts the middleware only with auto_inject = true, here set in the app's
  # config/initializers (test/support/widget_app/config/initializers/chatwoot_identity.rb), as
  # the README shows; in its place, no ETag is computed over the injected page (Rack::ETag is
  # inside it) and the page is the user's.
  def test_the_railtie_inserts_it_when_auto_inject_is_on
    config = { "base_url" => RAILS_BASE_URL, "website_token" => RAILS_WEBSITE_TOKEN, "hmac_secret" => RAILS_SECRET }
    on, off = %w[1 0].map do |auto_inject|
      Thread.new do
        env = { "CHATWOOT_TEST_CONFIG" => JSON.generate(config), "RAILS_ENV" => "production",
                "CHATWOOT_TEST_AUTO_INJECT" => auto_inject,
                "CHATWOOT_TEST_PATH" => "/inject/page", "CHATWOOT_TEST_USER_JSON" => JSON.generate(USER) }
        output, errors, status = Open3.capture3(env, RbConfig.ruby, BOOT)
        assert status.success?, errors
        JSON.parse(output.lines.last)
      end
    end.map(&:value)
    assert_equal 200, on.fetch("status"), on["boot_error"]
    assert_chatwoot_identifies on.fetch("body"), identifier: "user-42", hmac_secret: RAILS_SECRET
    assert_nil on.fetch("headers")["etag"]
    assert_equal PAGE, off.fetch("body")
    refute_nil off.fetch("headers")["etag"], "the page has an ETag without injection"
  end
end
