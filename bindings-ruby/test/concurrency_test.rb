# frozen_string_literal: true

require_relative "test_helper"

class ConcurrencyTest < Minitest::Test
  include TestSupport

  THREADS = 8
  PER_THREAD = 10_000
  BATCH = 5_000 # above the size from which the GVL is released

  def test_eight_threads_share_one_signer_and_every_result_is_right
    signer = ChatwootIdentity::Signer.new(DOCS_SECRET)
    threads = Array.new(THREADS) do |thread|
      Thread.new do
        mismatches = []
        PER_THREAD.times do |i|
          identifier = i.even? ? "user-#{thread}-#{i}" : (thread * 1_000_000) + i
          expected = openssl_hash(DOCS_SECRET, identifier)
          mismatches << identifier unless signer.identifier_hash(identifier) == expected
          mismatches << identifier unless signer.verify(identifier, expected)
        end
        batch = Array.new(BATCH) { |i| "batch-#{thread}-#{i}" }
        expected = batch.map { |id| openssl_hash(DOCS_SECRET, id) }
        mismatches << :batch unless signer.identifier_hashes(batch) == expected
        mismatches
      end
    end
    results = threads.map(&:value)
    assert_equal Array.new(THREADS) { [] }, results
  end

  def test_a_million_identifiers_in_one_batch_equal_the_per_item_hashes
    signer = ChatwootIdentity::Signer.new(DOCS_SECRET)
    identifiers = Array.new(1_000_000) { |i| i % 10 == 3 ? i : "user-#{i}@example.com" }
    batch = signer.identifier_hashes(identifiers)
    assert_equal identifiers.size, batch.size
    per_item = identifiers.map { |id| signer.identifier_hash(id) }
    assert batch == per_item, "batch differs from per-item hashes"
    [0, 3, 4095, 4096, 500_000, 999_999].each do |index|
      assert_equal openssl_hash(DOCS_SECRET, identifiers[index]), batch[index], "index #{index}"
    end
  end

  # A thread inside a blocking region (GVL released) shows as "sleep" to other threads, which
  # then run freely: the watcher sees it hundreds of thousands of times. With the GVL held
  # throughout, the watcher could look only at the rare moments the VM itself yields (measured:
  # 0 or 1 times in 10 batches).
  def test_a_large_batch_releases_the_gvl_while_hashing
    signer = ChatwootIdentity::Signer.new(DOCS_SECRET)
    identifiers = Array.new(400_000) { |i| "user-#{i}" }
    caller_thread = Thread.current
    sightings = 0
    done = false
    watcher = Thread.new do
      until done || sightings >= 100
        top = caller_thread.backtrace_locations(0, 1)&.first
        sightings += 1 if caller_thread.status == "sleep" && top&.label == "identifier_hashes"
      end
    end
    10.times { signer.identifier_hashes(identifiers) if sightings < 100 }
    done = true
    watcher.join
    assert_operator sightings, :>=, 100, "other threads barely ran while identifier_hashes was hashing"
  end

  # Thread#raise (what Timeout uses) must reach a thread busy with batches as an ordinary Ruby
  # exception once the call returns, never by unwinding through the extension.
  def test_an_exception_raised_into_a_hashing_thread_arrives_cleanly
    signer = ChatwootIdentity::Signer.new(DOCS_SECRET)
    identifiers = Array.new(200_000) { |i| "user-#{i}" }
    rounds = 0
    worker = Thread.new do
      loop do
        signer.identifier_hashes(identifiers)
        rounds += 1
      end
    end
    Thread.pass until rounds.positive? && worker.status == "sleep"
    worker.raise(IOError, "stop")
    error = assert_raises(IOError) { worker.join }
    assert_equal "stop", error.message
    assert_equal DOCS_HASH, signer.identifier_hash(DOCS_IDENTIFIER)
  end
end
