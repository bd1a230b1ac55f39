# frozen_string_literal: true

require_relative "test_helper"
require "open3"
require "rbconfig"
require "tmpdir"
require_relative "readme_test"
TestSupport.rails_app
require "action_dispatch/testing/integration"
require "chatwoot_identity/test_helpers"

# The test kit as an integrator uses it: Minitest assertions in an ActionDispatch::IntegrationTest
# against the test Rails app's real pages, right ones and deliberately wrong ones.
class TestKitTest < ActionDispatch::IntegrationTest
  include TestSupport
  include ChatwootIdentity::TestHelpers

  USER = { "identifier" => "user-7", "name" => "Ada Lovelace", "email" => "ada@example.com",
           "custom_attributes" => { "plan" => "pro" } }.freeze

  def app
    Rails.application
  end

  def get_as(path, user)
    with_env("CHATWOOT_TEST_USER_JSON" => user&.to_json) { get path }
    assert_response :success
    response
  end

  # The failure, and the codes of the core's problems behind it.
  def failure(&block)
    error = assert_raises(Minitest::Assertion, &block)
    refute_includes error.message, RAILS_SECRET
    error.message
  end

  def codes(html, identifier: "user-7", secret: RAILS_SECRET)
    ChatwootIdentity.check_page_identity(html, identifier: identifier, hmac_secret: secret)
                    .fetch("problems").map { |problem| problem.fetch("code") }
  end

  test "a signed-in page identifies the user, with its fields" do
    check = assert_chatwoot_identifies get_as("/", USER), identifier: "user-7", hmac_secret: RAILS_SECRET,
                                                           fields: { email: "ada@example.com", custom_attributes: { plan: "pro" } }
    assert_equal "user-7", check.dig("widget", "user", "identifier")
    assert_chatwoot_identifies response.body, identifier: "user-7", hmac_secret: RAILS_SECRET
  end

  test "the wrong identifier fails and names both" do
    message = failure { assert_chatwoot_identifies get_as("/", USER), identifier: "user-8", hmac_secret: RAILS_SECRET }
    assert_includes message, "another identifier"
    assert_includes message, "user-7"
    assert_equal %w[wrong_identifier], codes(response.body, identifier: "user-8")
  end

  test "the wrong secret fails with the diagnosis" do
    message = failure { assert_chatwoot_identifies get_as("/", USER), identifier: "user-7", hmac_secret: "another-secret" }
    assert_includes message, "does not verify with this HMAC secret"
    assert_equal %w[hash_mismatch], codes(response.body, secret: "another-secret")
  end

  test "a field that differs fails" do
    message = failure do
      assert_chatwoot_identifies get_as("/", USER), identifier: "user-7", hmac_secret: RAILS_SECRET,
                                                    fields: { email: "grace@example.com" }
    end
    assert_includes message, "grace@example.com"
  end

  test "an escaped snippet, two widgets, no widget fail with their reason" do
    message = failure { assert_chatwoot_identifies get_as("/testkit/escaped", USER), identifier: "user-7", hmac_secret: RAILS_SECRET }
    assert_includes message, "HTML-escaped"
    assert_includes codes(response.body), "escaped_widget"
    message = failure { assert_chatwoot_identifies get_as("/testkit/twice", USER), identifier: "user-7", hmac_secret: RAILS_SECRET }
    assert_includes message, "more than once"
    assert_includes codes(response.body), "several_widgets"
    message = failure { assert_chatwoot_identifies get_as("/inject/page", USER), identifier: "user-7", hmac_secret: RAILS_SECRET }
    assert_includes message, "no Chatwoot widget"
    assert_equal %w[no_widget], codes(response.body)
  end

  test "anonymous pages: a visitor passes, a signed-in user does not" do
    assert_chatwoot_anonymous get_as("/", nil)
    assert_chatwoot_anonymous get_as("/visitor", USER)
    message = failure { assert_chatwoot_identifies get_as("/", nil), identifier: "user-7", hmac_secret: RAILS_SECRET }
    assert_includes message, "anonymous visitor"
    message = failure { assert_chatwoot_anonymous get_as("/", USER) }
    assert_includes message, "user-7"
    failure { assert_chatwoot_anonymous get_as("/inject/page", nil) }
  end

  test "a set-user payload, as Hash or JSON" do
    payload = ChatwootIdentity.set_user_payload(RAILS_SECRET, { identifier: 42, name: "Ada" })
    assert_chatwoot_payload_identifies payload, identifier: 42, hmac_secret: RAILS_SECRET, fields: { name: "Ada" }
    assert_chatwoot_payload_identifies JSON.generate(payload), identifier: "42", hmac_secret: RAILS_SECRET
    failure { assert_chatwoot_payload_identifies payload.merge("identifier_hash" => "0" * 64), identifier: 42, hmac_secret: RAILS_SECRET }
    failure { assert_chatwoot_payload_identifies "[]", identifier: 42, hmac_secret: RAILS_SECRET }
  end

  test "bad arguments are typed errors naming them" do
    assert_raises(ChatwootIdentity::EmptySecretError) { assert_chatwoot_identifies "<p></p>", identifier: "u", hmac_secret: "" }
    error = assert_raises(TypeError) { assert_chatwoot_identifies "<p></p>", identifier: "u", hmac_secret: nil }
    assert_includes error.message, "hmac_secret"
    error = assert_raises(TypeError) { assert_chatwoot_identifies 5, identifier: "u", hmac_secret: "s" }
    assert_includes error.message, "Integer"
    error = assert_raises(ChatwootIdentity::WrongTypeError) do
      assert_chatwoot_identifies "<p></p>", identifier: "u", hmac_secret: "s", fields: { at: Time.now }
    end
    assert_includes error.message, "fields.at"
  end

  # The RSpec matchers, in one real `rspec` run (Debian's ruby-rspec): rspec/test_kit_spec.rb,
  # whose "deliberately fails" examples must fail with the core's explanation, and the README's
  # ```rspec example as pasted, which must pass.
  test "the rspec matchers in a real rspec run" do
    spec = File.expand_path("rspec/test_kit_spec.rb", __dir__)
    readme = ReadmeTest.ruby_blocks(File.read(File.expand_path("../README.md", __dir__)), "rspec")
    assert_equal 1, readme.size
    readme_spec = File.join(Dir.mktmpdir("chatwoot-readme-spec"), "chatwoot_widget_spec.rb")
    File.write(readme_spec, readme.first.last)
    rspec = Gem.bin_path("rspec-core", "rspec")
    output, errors, status = Open3.capture3(RbConfig.ruby, rspec, "-I", File.expand_path("rspec", __dir__),
                                            "--format", "json", spec, readme_spec)
    readme_examples = JSON.parse(output[/\{.*\}/m] || flunk(errors))["examples"].select { |example| example["file_path"].include?("chatwoot_widget_spec") }
    assert_equal 2, readme_examples.size, output
    assert readme_examples.all? { |example| example["status"] == "passed" }, output
    result = JSON.parse(output[/\{.*\}/m] || flunk("#{output}\n#{errors}"))
    failed = result.fetch("examples").reject { |example| example.fetch("status") == "passed" }
    assert_equal 2, failed.size, output
    assert failed.all? { |example| example.fetch("description").start_with?("deliberately fails") }, output
    messages = failed.map { |example| example.dig("exception", "message") }
    assert messages.any? { |message| message.include?("does not verify with this HMAC secret") }, messages.inspect
    assert messages.any? { |message| message.include?("identifies a user where an anonymous visitor was expected") }, messages.inspect
    assert_operator result.dig("summary", "example_count"), :>=, 10
    refute status.success?
  end
end
