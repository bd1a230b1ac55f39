# frozen_string_literal: true

require_relative "test_helper"
require "open3"
require "rbconfig"

# 10,000,000 calls of every kind, error paths included, leave resident memory where it was
# after a warm-up: nothing the extension allocates (Rust strings, exceptions, Signers, key
# states) outlives its call. Measured in a fresh process (support/leak_probe.rb): in this one,
# heap freed by earlier tests would hide growth.
class LeakTest < Minitest::Test
  # "A few MB": room for the allocator's and the Ruby heap's jitter, far below what keeping
  # one result in fifty of the 10,000,000 calls would add (the control).
  ALLOWED_GROWTH = 4 * 1024 * 1024

  def test_ten_million_mixed_calls_keep_resident_memory_flat
    growth = probe("mixed")
    assert_operator growth, :<, ALLOWED_GROWTH, "RSS grew by #{growth / 1024} KiB over 10,000,000 calls"
  end

  # The measurement sees a leak of the size it guards against: 200,000 results kept alive.
  def test_the_measurement_detects_retained_results
    growth = probe("control")
    assert_operator growth, :>, ALLOWED_GROWTH, "RSS grew by only #{growth / 1024} KiB"
  end

  private

  def probe(mode)
    script = File.expand_path("support/leak_probe.rb", __dir__)
    output, status = Open3.capture2e(RbConfig.ruby, script, mode)
    assert status.success?, output
    Integer(output.strip.lines.last, 10)
  end
end
