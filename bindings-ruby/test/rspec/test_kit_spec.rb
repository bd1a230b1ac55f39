# frozen_string_literal: true

# Run by test/test_kit_test.rb with Debian's `rspec`: the matchers in request-spec style, against
# the test Rails app (test/support/widget_app.rb) through Rails' integration session, as
# rspec-rails' request specs drive it. The examples named "deliberately fails" must fail.
require_relative "rails_helper"
require "chatwoot_identity/rspec"

SECRET = RSPEC_SECRET

RSpec.describe "the Chatwoot widget on the app's pages" do
  def get_page(path, user)
    ENV["CHATWOOT_TEST_USER_JSON"] = user && JSON.generate(user)
    session = ActionDispatch::Integration::Session.new(Rails.application)
    session.get(path)
    session.response
  ensure
    ENV.delete("CHATWOOT_TEST_USER_JSON")
  end

  let(:ada) { { "identifier" => "user-7", "name" => "Ada", "email" => "ada@example.com" } }

  it "identifies the signed-in user" do
    response = get_page("/", ada)
    expect(response.body).to identify_chatwoot_user("user-7", hmac_secret: SECRET)
    expect(response).to identify_chatwoot_user("user-7", hmac_secret: SECRET, fields: { email: "ada@example.com" })
  end

  it "does not identify someone else, or with another secret" do
    body = get_page("/", ada).body
    expect(body).not_to identify_chatwoot_user("user-8", hmac_secret: SECRET)
    expect(body).not_to identify_chatwoot_user("user-7", hmac_secret: "another-secret")
  end

  it "explains a failure with the core's problem messages" do
    body = get_page("/", ada).body
    expect { expect(body).to identify_chatwoot_user("user-8", hmac_secret: SECRET) }
      .to raise_error(RSpec::Expectations::ExpectationNotMetError, /another identifier.*user-7/m)
    expect { expect(body).to be_chatwoot_anonymous }
      .to raise_error(RSpec::Expectations::ExpectationNotMetError, /user-7/)
  end

  it "renders the visitor widget for a visitor" do
    expect(get_page("/", nil).body).to be_chatwoot_anonymous
    expect(get_page("/", nil).body).not_to identify_chatwoot_user("user-7", hmac_secret: SECRET)
  end

  it "rejects pages without a widget, escaped or doubled" do
    %w[/inject/page /testkit/escaped /testkit/twice].each do |path|
      expect(get_page(path, ada).body).not_to identify_chatwoot_user("user-7", hmac_secret: SECRET)
    end
  end

  it "checks a set-user payload" do
    payload = ChatwootIdentity.set_user_payload(SECRET, { identifier: 42, name: "Ada" })
    expect(payload).to identify_chatwoot_user(42, hmac_secret: SECRET, payload: true)
    expect(payload.merge("identifier_hash" => "0" * 64)).not_to identify_chatwoot_user(42, hmac_secret: SECRET, payload: true)
  end

  it "deliberately fails: the hash does not verify with this secret" do
    expect(get_page("/", ada).body).to identify_chatwoot_user("user-7", hmac_secret: "another-secret")
  end

  it "deliberately fails: a signed-in page is not anonymous" do
    expect(get_page("/", ada)).to be_chatwoot_anonymous
  end
end
