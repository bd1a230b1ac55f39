defmodule ChatwootIdentity.LeakTest do
  # 10,000,000 calls of every kind, error paths included, leave the VM's memory where it was
  # after a warm-up: nothing the NIF allocates (Rust strings, terms, Signers, key states)
  # outlives its call. Two measures: the OS's resident set (what Rust's allocator holds) and
  # :erlang.memory(:total) (what the VM's allocators hold). Each is taken in a fresh VM
  # (support/leak_probe.exs): in this one, memory freed by earlier tests would hide growth.
  use ExUnit.Case, async: true

  # "A few MB": room for the allocators' jitter, far below what the control keeps.
  @allowed_growth 4 * 1024 * 1024

  @moduletag timeout: 300_000

  test "10,000,000 mixed calls keep resident and VM memory flat" do
    {rss, vm} = probe("mixed")
    assert rss < @allowed_growth, "resident memory grew by #{div(rss, 1024)} KiB"
    assert vm < @allowed_growth, ":erlang.memory(:total) grew by #{div(vm, 1024)} KiB"
  end

  # The measures see a leak of the size they guard against: results and Signers kept alive.
  test "the measures detect retained results and Signers" do
    {rss, vm} = probe("control")
    assert rss > @allowed_growth, "resident memory grew by only #{div(rss, 1024)} KiB"
    assert vm > @allowed_growth, ":erlang.memory(:total) grew by only #{div(vm, 1024)} KiB"
  end

  defp probe(mode) do
    ebin = Path.join(Mix.Project.app_path(), "ebin")
    {output, 0} = System.cmd("elixir", ["-pa", ebin, "test/support/leak_probe.exs", mode])
    output |> String.split() |> Enum.take(-2) |> Enum.map(&String.to_integer/1) |> List.to_tuple()
  end
end
