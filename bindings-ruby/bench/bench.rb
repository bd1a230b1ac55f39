# frozen_string_literal: true

# `make bench`: the installed gem against OpenSSL::HMAC.hexdigest (what Chatwoot's server runs),
# measured in the same run. Prints a table; writes JSON to the path given as ARGV[0].

gem "chatwoot_identity"
require "chatwoot_identity"
require "json"
require "openssl"

SECRET = "your-secret-token-for-hmac"
IDENTIFIER = "0f8fad5b-d9cb-469f-a165-70867728950e" # 36 bytes, as in the issue's figure
BATCH_SIZE = 1_000_000
ROUNDS = 5

def now_ns
  Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond)
end

# Best of ROUNDS runs of `iterations` calls, in ns per call: the least disturbed run on a shared
# machine.
def per_call_ns(iterations, rounds: ROUNDS)
  Array.new(rounds) do
    started = now_ns
    iterations.times { yield }
    (now_ns - started).fdiv(iterations)
  end.min
end

def openssl_hexdigest(identifier)
  OpenSSL::HMAC.hexdigest("sha256", SECRET, identifier)
end

signer = ChatwootIdentity::Signer.new(SECRET)
unless ChatwootIdentity.identifier_hash(SECRET, IDENTIFIER) == openssl_hexdigest(IDENTIFIER)
  abort "bench: ChatwootIdentity and OpenSSL disagree; nothing to compare"
end

openssl_single = per_call_ns(100_000) { openssl_hexdigest(IDENTIFIER) }
one_off = per_call_ns(500_000) { ChatwootIdentity.identifier_hash(SECRET, IDENTIFIER) }
prepared = per_call_ns(500_000) { signer.identifier_hash(IDENTIFIER) }

# Each batch is timed in its own forked child, from the same heap: the identifiers and nothing
# else. Both sides create 1,000,000 Strings and pay for the GC runs that triggers; run one after
# the other in one process, the second would also inherit the heap the first one churned.
# (No batch runs in this parent: the thread pool the batch starts would not survive a fork.)
def batch_in_child
  reader, writer = IO.pipe
  pid = fork do
    reader.close
    GC.start
    started = now_ns
    hashes = yield
    elapsed = (now_ns - started).fdiv(BATCH_SIZE)
    writer.write(Marshal.dump([elapsed, hashes.hash]))
    writer.close
    exit!(0)
  end
  writer.close
  result = Marshal.load(reader.read) # written by our own child just above
  Process.wait(pid)
  result
end

identifiers = Array.new(BATCH_SIZE) { |i| format("%08d-d9cb-469f-a165-70867728950e", i) }
GC.start
openssl_batch, expected_digest = batch_in_child { identifiers.map { |id| openssl_hexdigest(id) } }
batch = Array.new(ROUNDS) do
  elapsed, digest = batch_in_child { signer.identifier_hashes(identifiers) }
  abort "bench: batch results differ from OpenSSL" unless digest == expected_digest
  elapsed
end.min

# Webhooks: the straightforward stdlib receiver (Chatwoot's own expression, a constant-time
# compare, the age check) against the gem, on the same request, in the same run.
WEBHOOK_SECRET = "Sx5GdKjW7rvbcaQ8JtUmHn2p"

def stdlib_verify_webhook(body, signature, timestamp, now)
  expected = "sha256=#{OpenSSL::HMAC.hexdigest("SHA256", WEBHOOK_SECRET, "#{timestamp}.#{body}")}"
  expected.bytesize == signature.bytesize && OpenSSL.fixed_length_secure_compare(expected, signature) &&
    (now - Integer(timestamp, 10)).abs <= 300 or raise "bench: the stdlib receiver refused the request"
end

verifier = ChatwootIdentity::WebhookVerifier.new(WEBHOOK_SECRET)
webhook_rows = { "1 KB" => [1024, 0.5, 200_000], "64 KB" => [64 * 1024, 1.0, 5_000] }.flat_map do |label, (size, target, iterations)|
  body = %({"event":"message_created","content":"#{"x" * (size - 40)}"})
  now = 1_767_225_600
  sent = ChatwootIdentity.sign_webhook(WEBHOOK_SECRET, body, now)
  signature, timestamp = sent.signature, sent.timestamp
  env = { "REQUEST_METHOD" => "POST", "CONTENT_TYPE" => "application/json", "HTTP_HOST" => "example.com",
          "HTTP_X_CHATWOOT_SIGNATURE" => signature, "HTTP_X_CHATWOOT_TIMESTAMP" => timestamp,
          "HTTP_X_CHATWOOT_DELIVERY" => sent.delivery_id, "HTTP_USER_AGENT" => "rest-client" }
  stdlib_verify_webhook(body, signature, timestamp, now)
  stdlib = per_call_ns(iterations) { stdlib_verify_webhook(body, signature, timestamp, now) }
  against = "OpenSSL::HMAC.hexdigest + fixed_length_secure_compare"
  [
    ["ChatwootIdentity.verify_webhook (#{label})",
     per_call_ns(iterations) { ChatwootIdentity.verify_webhook(WEBHOOK_SECRET, body, signature: signature, timestamp: timestamp, now: now) }],
    ["WebhookVerifier#verify (#{label})",
     per_call_ns(iterations) { verifier.verify(body, signature: signature, timestamp: timestamp, now: now) }],
    ["WebhookVerifier#verify headers: Rack env (#{label})",
     per_call_ns(iterations) { verifier.verify(body, headers: env, now: now) }]
  ].map { |call, ours| [call, ours, against, stdlib, target] }
end

competitor = "OpenSSL::HMAC.hexdigest"
rows = [
  ["ChatwootIdentity.identifier_hash", one_off, competitor, openssl_single, 0.1],
  ["Signer#identifier_hash", prepared, competitor, openssl_single, 0.07],
  ["Signer#identifier_hashes (1,000,000; ns per id)", batch, "#{competitor} in map", openssl_batch, 0.05],
  *webhook_rows
].map do |call, ours_ns, against, competitor_ns, target|
  ratio = ours_ns / competitor_ns
  {
    "language" => "ruby", "call" => call, "ours_ns" => ours_ns.round(1), "competitor" => against,
    "competitor_ns" => competitor_ns.round(1), "ratio" => ratio.round(4), "target_ratio" => target,
    "met" => ratio <= target
  }
end

puts format("%-52s %12s %-32s %14s %8s %8s %s", "call", "ours ns", "competitor", "competitor ns", "ratio",
            "target", "met")
rows.each do |row|
  puts format("%-52s %12.1f %-32s %14.1f %8.4f %8s %s", row["call"], row["ours_ns"], row["competitor"],
              row["competitor_ns"], row["ratio"], "<=#{row["target_ratio"]}", row["met"] ? "yes" : "NO")
end
puts "ruby #{RUBY_VERSION}, #{Etc.respond_to?(:nprocessors) ? Etc.nprocessors : "?"} cores" if require "etc"

if (path = ARGV[0])
  File.write(path, "#{JSON.pretty_generate(rows)}\n")
  puts "wrote #{path}"
end
