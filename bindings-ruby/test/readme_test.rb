# frozen_string_literal: true

require_relative "test_helper"

# Runs every ```ruby block of the gem's README and of the repository's README, in order, in one
# fresh binding per file (later blocks may use what earlier ones defined), with the test Rails
# app booted (the Rails examples configure it). A line ending in `# => value` must evaluate to
# that value. Every ```erb block is rendered by that app's controller, for a visitor and for a
# signed-in user.
class ReadmeTest < Minitest::Test
  include TestSupport

  READMES = {
    "gem" => File.expand_path("../README.md", __dir__),
    "root" => File.join(REPOSITORY_ROOT, "README.md")
  }.freeze

  # [first line number, code] for each ```ruby (or other `language`) fence.
  def self.ruby_blocks(markdown, language = "ruby")
    blocks = []
    current = nil
    markdown.each_line.with_index(1) do |line, number|
      if current.nil? && line.match?(/\A```#{language}\s*\z/)
        current = [number + 1, +""]
      elsif current && line.start_with?("```")
        blocks << current
        current = nil
      elsif current
        current[1] << line
      end
    end
    blocks
  end

  def self.with_expectations(code)
    code.gsub(/^(\s*)(\S.*?)\s*# => (.+)$/) { "#{Regexp.last_match(1)}__expect__((#{Regexp.last_match(2)}), (#{Regexp.last_match(3)}))" }
  end

  def test_the_gem_readme_has_ruby_examples
    assert_operator self.class.ruby_blocks(File.read(READMES.fetch("gem"))).size, :>=, 3
  end

  def test_the_block_finder_finds_blocks
    markdown = "text\n```ruby\nx = 1\n```\n```sh\nls\n```\n```ruby\ny = 2 # => 2\n```\n"
    assert_equal [[3, "x = 1\n"], [9, "y = 2 # => 2\n"]], self.class.ruby_blocks(markdown)
    assert_equal "__expect__((y = 2), (2))", self.class.with_expectations("y = 2 # => 2")
  end

  def test_a_wrong_expectation_fails
    assert_raises(Minitest::Assertion) { run_readme_code(new_sandbox, "1 + 1 # => 3", "inline", 1) }
  end

  # One table, every class: a blank line inside it would split it into a table and a paragraph.
  def test_the_error_table_is_one_table_with_every_error_class
    section = File.read(READMES.fetch("gem"))[/^## Errors\n(.*?)^## /m, 1] or flunk "no Errors section"
    tables = section.scan(/(?:^\|.*\n)+/)
    assert_equal 1, tables.size, "the Errors section has #{tables.size} tables"
    classes = ChatwootIdentity::Error.subclasses.map(&:name)
    assert_equal classes.sort, tables.first.scan(/^\| `(ChatwootIdentity::\w+)`/).flatten.sort
  end

  def test_the_gem_readme_has_erb_examples
    assert_operator self.class.ruby_blocks(File.read(READMES.fetch("gem")), "erb").size, :>=, 2
  end

  SIGNED_IN = { "identifier" => "user-1", "name" => "Ada", "email" => "ada@example.com" }.freeze

  READMES.each do |name, path|
    define_method("test_#{name}_readme_examples_run") do
      skip "#{path} does not exist" if name == "root" && !File.exist?(path)
      markdown = File.read(path)
      with_rails_config_restored do |before|
        sandbox = new_sandbox
        self.class.ruby_blocks(markdown).each { |line, code| run_readme_code(sandbox, code, path, line) }
        check_the_rails_config(path) unless Rails.application.config.chatwoot_identity.to_h == before
      end
      self.class.ruby_blocks(markdown, "erb").each { |line, code| render_readme_view(code, "#{path}:#{line}") }
    end
  end

  private

  # Constants a block defines land in the sandbox's singleton class, visible to later blocks of
  # the same README and to nothing else.
  def new_sandbox
    sandbox = Object.new
    test = self
    sandbox.define_singleton_method(:__expect__) do |actual, expected|
      test.assert_equal expected, actual, "README example at #{caller_locations(1, 1).first}"
    end
    sandbox
  end

  def run_readme_code(sandbox, code, path, line)
    with_env("CHATWOOT_HMAC_SECRET" => DOCS_SECRET, "CHATWOOT_WEBSITE_TOKEN" => RAILS_WEBSITE_TOKEN) do
      # A Rails file (`# app/controllers/...`) is evaluated at the top level, as Rails loads it:
      # a controller needs a constant name. It is then served a request.
      if code.start_with?("# app/controllers/")
        TOPLEVEL_BINDING.eval(code, path, line)
        code.include?("ChatwootWebhooksController") ? check_the_webhook_controller(path) : check_the_skipping_controller(path)
      elsif code.start_with?("# test/")
        run_the_readme_test_class(code, path, line)
      else
        sandbox.instance_eval(self.class.with_expectations(code), path, line)
      end
    end
  end

  # The README's webhook controller, run through Rails' stack: a signed request reaches the
  # action (200), an unsigned one is answered 401 and does not.
  def check_the_webhook_controller(path)
    body = %({"event":"message_created"})
    sent = ChatwootIdentity.sign_webhook(RAILS_WEBHOOK_SECRET, body)
    action = ::ChatwootWebhooksController.action(:create)
    env = ->(headers) { Rack::MockRequest.env_for("/chatwoot/webhooks", method: "POST", input: body, **headers) }
    signed = { "HTTP_X_CHATWOOT_SIGNATURE" => sent.signature, "HTTP_X_CHATWOOT_TIMESTAMP" => sent.timestamp }
    assert_equal 200, action.call(env.(signed)).first, "#{path}: the webhook controller"
    status, _, response = action.call(env.({}))
    assert_equal 401, status, path
    assert_equal "missing_signature", JSON.parse(response.body)["error"], path
  end

  # The README's opted-out controller behind the auto-injection middleware: no widget on its
  # pages, where a page of another controller gets one.
  def check_the_skipping_controller(path)
    [[::AdminReportsController, :index, 0], [::AdminReportsController, :show, 0], [::InjectPagesController, :page, 1]]
      .each do |controller, action, widgets|
        _, _, body = ChatwootIdentity::Rails::AutoInject.new(controller.action(action)).call(Rack::MockRequest.env_for("/"))
        html = +""
        body.each { |part| html << part }
        assert_equal widgets, html.scan("var config = ").size, "#{path}: #{controller}##{action}"
      end
  end

  # A README integration test (`# test/...`) is defined as the file is, then its tests are run
  # here (not again by autorun), with the app's secret in the environment, as in the app.
  def run_the_readme_test_class(code, path, line)
    require "action_dispatch/testing/integration"
    before = Minitest::Runnable.runnables.dup
    TOPLEVEL_BINDING.eval(code, path, line)
    defined = Minitest::Runnable.runnables - before
    assert_equal 1, defined.size, path
    klass = defined.first
    Minitest::Runnable.runnables.delete(klass)
    klass.include(WidgetAppSignIn)
    klass.define_method(:app) { Rails.application }
    klass.runnable_methods.each do |name|
      result = with_env("CHATWOOT_HMAC_SECRET" => RAILS_SECRET, "CHATWOOT_TEST_USER_JSON" => nil) { klass.new(name).run }
      assert result.passed?, "#{path}: #{klass}##{name}: #{result.failures.map(&:message).join("\n")}"
    end
  end

  # The app has booted, so what a README sets on config.chatwoot_identity does not change it;
  # it is checked by building a widget from it, then put back.
  def with_rails_config_restored
    options = TestSupport.rails_app.config.chatwoot_identity
    saved = options.to_h
    yield saved
  ensure
    options.clear
    options.update(saved)
  end

  def check_the_rails_config(path)
    options = Rails.application.config.chatwoot_identity
    widget = ChatwootIdentity::RailsWidget.from_config(options, { "CHATWOOT_HMAC_SECRET" => DOCS_SECRET })
    user = Struct.new(:id, :name, :email).new(42, "Ada", "ada@example.com")
    assert_includes widget.script(user: user), openssl_hash(DOCS_SECRET, 42), "the Rails configuration of #{path}"
  end

  def render_readme_view(code, where)
    [nil, SIGNED_IN].each do |user|
      html = with_env("CHATWOOT_TEST_USER_JSON" => user&.to_json) { ApplicationController.render(inline: code) }
      assert_equal 1, html.scan("<script").size, "#{where}: #{html}"
      assert_equal 1, html.scan("</script>").size, where
      hash = openssl_hash(RAILS_SECRET, "user-1")
      if user
        assert_includes(html, hash, where)
      else
        refute_match(/\b\h{64}\b/, html, "#{where}: an anonymous page carries no hash")
        refute JSON.parse(html[/var config = (\{.*\});\n/, 1]).key?("user"), where
      end
    end
  end
end
