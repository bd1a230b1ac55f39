# Run by leak_test.exs in a fresh VM (nothing else has grown or freed memory there): prints how
# many bytes of resident memory and of :erlang.memory(:total) the mode adds after a warm-up.
#   mixed    10,000,000 mixed calls, error paths included: must stay flat
#   control  keeps 100,000 results and 20,000 Signers alive: must show, or the measure is blind
defmodule LeakProbe do
  alias ChatwootIdentity.Signer

  @secret "your-secret-token-for-hmac"
  @identifier "unique-identifier-of-the-user"
  @hash "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"
  @widget [base_url: "https://chat.example.com", website_token: "QrtMG8GydFgEy7bVzsLLmHoq"]
  @calls 10_000_000
  @warm_up 500_000

  # About 100 calls, made in turn: hashes and verifications (one-off, Signer, binary and
  # integer identifiers, small batches), and 5 in 100 on an error path, through the widget or
  # through the test kit.
  def mixed_calls do
    signer = Signer.new!(@secret)
    user = %{identifier: 42, name: "Jane", custom_attributes: %{plan: "pro"}}

    common = [
      fn -> Signer.identifier_hash(signer, @identifier) end,
      fn -> Signer.identifier_hash(signer, 123_456_789) end,
      fn -> Signer.verify(signer, @identifier, @hash) end,
      fn -> Signer.verify(signer, @identifier, "not-a-hash") end,
      fn -> ChatwootIdentity.identifier_hash(@secret, @identifier) end,
      fn -> ChatwootIdentity.verify(@secret, 2 ** 100, @hash) end,
      fn -> Signer.identifier_hashes(signer, ["a", "b", 3]) end,
      fn -> ChatwootIdentity.diagnose(@secret, @identifier, String.upcase(@hash)) end
    ]

    page = ChatwootIdentity.widget_script!(@widget ++ [hmac_secret: signer, user: user])
    payload = ChatwootIdentity.set_user_payload!(signer, user)

    rare = [
      fn ->
        {:ok, _} = ChatwootIdentity.Testing.check_page_identity(page, 42, @secret, name: "Jane")
      end,
      fn ->
        {:ok, _} = ChatwootIdentity.Testing.check_payload_identity(payload, 42, "another")
      end,
      fn -> {:error, _} = Signer.identifier_hash(signer, "") end,
      fn -> {:error, _} = ChatwootIdentity.identifier_hash("", "x") end,
      fn -> rescuing(fn -> Signer.verify(signer, nil, @hash) end) end,
      fn -> rescuing(fn -> Signer.identifier_hash(signer, 2 ** 200) end) end,
      fn ->
        ChatwootIdentity.widget_script!(
          @widget ++ [hmac_secret: signer, user: user, nonce: "abc"]
        )
      end,
      fn -> ChatwootIdentity.set_user_payload!(@secret, user) end,
      fn -> {:error, _} = ChatwootIdentity.set_user_payload(signer, %{identifier: 1}) end,
      fn ->
        {:error, %{code: :invalid_widget_request}} =
          ChatwootIdentity.widget_script(@widget ++ [hmac_secret: signer, user: %{nmae: self()}])
      end
    ]

    calls =
      Enum.map(0..95, &Enum.at(common, rem(&1, length(common)))) ++
        Enum.take(rare, 5) ++
        Enum.map(0..95, &Enum.at(common, rem(&1, length(common)))) ++ Enum.drop(rare, 5)

    List.to_tuple(calls)
  end

  def run(_calls, 0), do: :ok

  def run(calls, count) do
    elem(calls, rem(count, tuple_size(calls))).()
    run(calls, count - 1)
  end

  defp rescuing(call) do
    call.()
    raise "expected an ArgumentError"
  rescue
    ArgumentError -> nil
  end

  def measure do
    for pid <- Process.list(), do: :erlang.garbage_collect(pid)
    page_size = 4096
    [_, resident | _] = File.read!("/proc/self/statm") |> String.split()
    {String.to_integer(resident) * page_size, :erlang.memory(:total)}
  end

  def growth(mode) do
    calls = mixed_calls()
    run(calls, @warm_up)
    {rss, total} = measure()

    kept =
      case mode do
        "mixed" ->
          run(calls, @calls)

        "control" ->
          signer = Signer.new!(@secret)
          hashes = Enum.map(1..100_000, &Signer.identifier_hash!(signer, &1))
          {hashes, Enum.map(1..20_000, fn _ -> Signer.new!(@secret) end)}
      end

    {rss_after, total_after} = measure()
    # Keeps `kept` alive until both measures are taken.
    _ = :erlang.phash2(kept)
    {rss_after - rss, total_after - total}
  end
end

[mode] = System.argv()
{rss, total} = LeakProbe.growth(mode)
IO.puts("#{rss} #{total}")
