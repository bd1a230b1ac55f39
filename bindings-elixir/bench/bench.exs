# `make bench`: the package against :crypto.mac + Base.encode16(case: :lower) (what Chatwoot's
# documentation should show for Elixir), measured in the same run. Prints a table; writes JSON
# rows in the format of the other bindings to the path given as the first argument.
defmodule Bench do
  alias ChatwootIdentity.Signer

  @secret "your-secret-token-for-hmac"
  # 36 bytes, as in the other bindings' figures.
  @identifier "0f8fad5b-d9cb-469f-a165-70867728950e"
  @batch_size 1_000_000

  def secret, do: @secret
  def identifier, do: @identifier

  def crypto_hex(identifier),
    do: :crypto.mac(:hmac, :sha256, @secret, identifier) |> Base.encode16(case: :lower)

  # One loop per call measured, so each iteration is the call itself and not a closure call.
  def crypto_loop(0), do: :ok
  def crypto_loop(n), do: crypto_hex(@identifier) && crypto_loop(n - 1)

  def one_off_loop(0), do: :ok

  def one_off_loop(n) do
    {:ok, _} = ChatwootIdentity.identifier_hash(@secret, @identifier)
    one_off_loop(n - 1)
  end

  def signer_loop(_signer, 0), do: :ok

  def signer_loop(signer, n) do
    {:ok, _} = Signer.identifier_hash(signer, @identifier)
    signer_loop(signer, n - 1)
  end

  # Webhooks: the straightforward stdlib verification (HMAC of timestamp "." body, lowercase
  # hex, constant-time compare) against WebhookVerifier.verify/3 and verify_webhook/3, over
  # the same body and headers.
  @webhook_secret "Sx5GdKjW7rvbcaQ8JtUmHn2p"
  @webhook_timestamp "1767225600"
  @webhook_now 1_767_225_601

  def webhook_body(size), do: :binary.copy("x", size)

  def webhook_signature(body),
    do: ChatwootIdentity.sign_webhook!(@webhook_secret, body, 1_767_225_600).signature

  def crypto_webhook(body, signature) do
    expected = :crypto.mac(:hmac, :sha256, @webhook_secret, [@webhook_timestamp, ".", body])
    :crypto.hash_equals("sha256=" <> Base.encode16(expected, case: :lower), signature)
  end

  def crypto_webhook_loop(_body, _signature, 0), do: :ok

  def crypto_webhook_loop(body, signature, n) do
    true = crypto_webhook(body, signature)
    crypto_webhook_loop(body, signature, n - 1)
  end

  def verifier_loop(_verifier, _body, _signature, 0), do: :ok

  def verifier_loop(verifier, body, signature, n) do
    {:ok, _} =
      ChatwootIdentity.WebhookVerifier.verify(verifier, body,
        signature: signature,
        timestamp: @webhook_timestamp,
        now: @webhook_now
      )

    verifier_loop(verifier, body, signature, n - 1)
  end

  def one_off_webhook_loop(_body, _signature, 0), do: :ok

  def one_off_webhook_loop(body, signature, n) do
    {:ok, _} =
      ChatwootIdentity.verify_webhook(@webhook_secret, body,
        signature: signature,
        timestamp: @webhook_timestamp,
        now: @webhook_now
      )

    one_off_webhook_loop(body, signature, n - 1)
  end

  def webhook_verifier, do: ChatwootIdentity.WebhookVerifier.new!(@webhook_secret)

  # Best of `rounds` runs, in ns per call: the least disturbed run on a shared machine.
  def per_call_ns(iterations, rounds, run) do
    Enum.map(1..rounds, fn _ ->
      started = System.monotonic_time(:nanosecond)
      run.(iterations)
      (System.monotonic_time(:nanosecond) - started) / iterations
    end)
    |> Enum.min()
  end

  # Each batch runs in its own fresh process, which builds the identifiers and collects its
  # garbage before the clock starts: both sides create 1,000,000 binaries in a heap of the
  # same size, and neither inherits the other's garbage.
  def batch_ns(hash_all) do
    parent = self()

    spawn_link(fn ->
      identifiers = Enum.map(1..@batch_size, &batch_identifier/1)
      :erlang.garbage_collect()
      started = System.monotonic_time(:nanosecond)
      hashes = hash_all.(identifiers)
      elapsed = (System.monotonic_time(:nanosecond) - started) / @batch_size
      send(parent, {:batch, elapsed, :erlang.phash2(hashes)})
    end)

    receive do
      {:batch, elapsed, digest} -> {elapsed, digest}
    end
  end

  defp batch_identifier(i),
    do: String.pad_leading(Integer.to_string(i), 8, "0") <> "-d9cb-469f-a165-70867728950e"

  def row(call, ours, against, theirs, target) do
    ratio = ours / theirs

    %{
      "language" => "elixir",
      "call" => call,
      "ours_ns" => Float.round(ours, 1),
      "competitor" => against,
      "competitor_ns" => Float.round(theirs, 1),
      "ratio" => Float.round(ratio, 4),
      "target_ratio" => target,
      "met" => ratio <= target
    }
  end

  # The rows are flat maps of text, numbers and booleans: enough JSON for them.
  def to_json(rows) do
    keys = ~w(language call ours_ns competitor competitor_ns ratio target_ratio met)

    body =
      Enum.map_join(rows, ",\n", fn row ->
        fields = Enum.map_join(keys, ",\n", &~s(    "#{&1}": #{json_value(row[&1])}))
        "  {\n" <> fields <> "\n  }"
      end)

    "[\n" <> body <> "\n]\n"
  end

  defp json_value(value) when is_binary(value), do: inspect(value)
  defp json_value(value) when is_boolean(value) or is_number(value), do: to_string(value)
end

signer = ChatwootIdentity.Signer.new!(Bench.secret())

unless ChatwootIdentity.identifier_hash!(Bench.secret(), Bench.identifier()) ==
         Bench.crypto_hex(Bench.identifier()) do
  raise "bench: ChatwootIdentity and :crypto disagree; nothing to compare"
end

# Rounds of ours and of the competitor alternate, and each keeps its best round: on a shared
# machine, load that comes and goes then weighs on both sides alike.
min_of = fn rounds, key -> rounds |> Enum.map(&Map.fetch!(&1, key)) |> Enum.min() end

single =
  for _ <- 1..5 do
    %{
      crypto: Bench.per_call_ns(200_000, 1, &Bench.crypto_loop/1),
      one_off: Bench.per_call_ns(1_000_000, 1, &Bench.one_off_loop/1),
      prepared: Bench.per_call_ns(1_000_000, 1, &Bench.signer_loop(signer, &1))
    }
  end

batches =
  for _ <- 1..3 do
    {theirs, expected} = Bench.batch_ns(fn ids -> Enum.map(ids, &Bench.crypto_hex/1) end)
    {ours, digest} = Bench.batch_ns(&ChatwootIdentity.Signer.identifier_hashes!(signer, &1))
    if digest != expected, do: raise("bench: batch results differ from :crypto")
    %{crypto: theirs, ours: ours}
  end

webhooks =
  for {size, iterations} <- [{1024, 100_000}, {65_536, 3_000}] do
    body = Bench.webhook_body(size)
    signature = Bench.webhook_signature(body)
    verifier = Bench.webhook_verifier()
    true = Bench.crypto_webhook(body, signature)

    rounds =
      for _ <- 1..5 do
        %{
          crypto:
            Bench.per_call_ns(iterations, 1, &Bench.crypto_webhook_loop(body, signature, &1)),
          verifier:
            Bench.per_call_ns(iterations, 1, &Bench.verifier_loop(verifier, body, signature, &1)),
          one_off:
            Bench.per_call_ns(iterations, 1, &Bench.one_off_webhook_loop(body, signature, &1))
        }
      end

    {size, rounds}
  end

crypto_single = min_of.(single, :crypto)
one_off = min_of.(single, :one_off)
prepared = min_of.(single, :prepared)
crypto_batch = min_of.(batches, :crypto)
batch = min_of.(batches, :ours)

competitor = ":crypto.mac + Base.encode16"

rows =
  [
    Bench.row("ChatwootIdentity.identifier_hash/2", one_off, competitor, crypto_single, 0.25),
    Bench.row("Signer.identifier_hash/2", prepared, competitor, crypto_single, 0.15),
    Bench.row(
      "Signer.identifier_hashes/2 (1,000,000; ns per id)",
      batch,
      "#{competitor} in Enum.map",
      crypto_batch,
      0.1
    )
  ] ++
    Enum.flat_map(webhooks, fn {size, rounds} ->
      {label, target} = if size == 1024, do: {"1 KB", 0.5}, else: {"64 KB", 1.0}
      stdlib = ":crypto.mac + Base.encode16 + :crypto.hash_equals"
      crypto = min_of.(rounds, :crypto)

      [
        Bench.row(
          "WebhookVerifier.verify/3 (#{label} body)",
          min_of.(rounds, :verifier),
          stdlib,
          crypto,
          target
        ),
        Bench.row(
          "verify_webhook/3 (#{label} body)",
          min_of.(rounds, :one_off),
          stdlib,
          crypto,
          target
        )
      ]
    end)

IO.puts(
  :io_lib.format("~-50s ~12s ~-42s ~14s ~8s ~8s ~s", [
    "call",
    "ours ns",
    "competitor",
    "competitor ns",
    "ratio",
    "target",
    "met"
  ])
)

for row <- rows do
  IO.puts(
    :io_lib.format("~-50s ~12.1f ~-42s ~14.1f ~8.4f ~8s ~s", [
      row["call"],
      row["ours_ns"],
      row["competitor"],
      row["competitor_ns"],
      row["ratio"],
      "<=#{row["target_ratio"]}",
      if(row["met"], do: "yes", else: "NO")
    ])
  )
end

IO.puts(
  "Elixir #{System.version()}, OTP #{:erlang.system_info(:otp_release)}, " <>
    "#{System.schedulers_online()} schedulers, #{:erlang.system_info(:dirty_cpu_schedulers)} dirty CPU"
)

case System.argv() do
  [path] ->
    File.write!(path, Bench.to_json(rows))
    IO.puts("wrote #{path}")

  [] ->
    :ok
end
