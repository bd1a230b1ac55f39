# frozen_string_literal: true

# Run by leak_test.rb in a fresh process (nothing else has grown or freed the heap there):
# prints how many bytes of resident memory `ARGV[0]` adds after a warm-up.
#   mixed    10,000,000 mixed calls, error paths included: must stay flat
#   control  keeps 200,000 results alive: must show, or the measurement is blind

gem "chatwoot_identity"
require "chatwoot_identity"
require "etc"

module LeakProbe
  SECRET = "your-secret-token-for-hmac"
  IDENTIFIER = "unique-identifier-of-the-user"
  HASH = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"
  CALLS = 10_000_000
  WARM_UP = 500_000
  PAGE_SIZE = Etc.sysconf(Etc::SC_PAGESIZE)
  WIDGET = { base_url: "https://chat.example.com", website_token: "QrtMG8GydFgEy7bVzsLLmHoq" }.freeze

  module_function

  # 100 lambdas, called in turn: hashes and verifications (one-off, Signer, String and Integer
  # identifiers), and 1 call in 25 on an error path or through the widget functions.
  def mixed_calls
    signer = ChatwootIdentity::Signer.new(SECRET)
    user = { identifier: 42, name: "Jane", custom_attributes: { plan: "pro" } }
    common = [
      -> { signer.identifier_hash(IDENTIFIER) },
      -> { signer.identifier_hash(123_456_789) },
      -> { signer.verify(IDENTIFIER, HASH) },
      -> { signer.verify(IDENTIFIER, "not-a-hash") },
      -> { ChatwootIdentity.identifier_hash(SECRET, IDENTIFIER) },
      -> { ChatwootIdentity.verify(SECRET, 2**100, HASH) }
    ]
    rare = [
      -> { rescuing(ChatwootIdentity::EmptyIdentifierError) { signer.identifier_hash("") } },
      -> { rescuing(ChatwootIdentity::EmptySecretError) { ChatwootIdentity.identifier_hash("", "x") } },
      -> { rescuing(TypeError) { signer.verify(nil, HASH) } },
      -> { rescuing(RangeError) { signer.identifier_hash(2**200) } },
      -> { ChatwootIdentity.widget_script(**WIDGET, hmac_secret: signer, user: user, nonce: "abc") },
      -> { ChatwootIdentity.set_user_payload_json(SECRET, user) },
      -> { rescuing(ChatwootIdentity::IncompleteUserError) { ChatwootIdentity.set_user_payload_json(signer, { identifier: 1 }) } },
      -> { rescuing(ChatwootIdentity::InvalidNonceError) { ChatwootIdentity.widget_script(**WIDGET, nonce: "<") } }
    ]
    Array.new(96) { |i| common[i % common.size] } + rare.first(4) +
      Array.new(96) { |i| common[i % common.size] } + rare.last(4)
  end

  def run_calls(calls, count)
    size = calls.size
    index = 0
    while index < count
      calls[index % size].call
      index += 1
    end
  end

  def rescuing(klass)
    yield
    raise "expected #{klass}"
  rescue klass
    nil
  end

  def resident_bytes
    GC.start(full_mark: true, immediate_sweep: true)
    File.read("/proc/self/statm").split[1].to_i * PAGE_SIZE
  end

  def growth(mode)
    calls = mixed_calls
    run_calls(calls, WARM_UP)
    before = resident_bytes
    case mode
    when "mixed" then run_calls(calls, CALLS)
    when "control"
      signer = ChatwootIdentity::Signer.new(SECRET)
      kept = Array.new(200_000) { |i| signer.identifier_hash(i) }
    else raise ArgumentError, "mode: mixed or control"
    end
    resident_bytes - before
  ensure
    kept&.clear
  end
end

puts LeakProbe.growth(ARGV.fetch(0))
