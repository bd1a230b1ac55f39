defmodule ChatwootIdentity.ConcurrencyTest do
  # One Signer shared by many processes at once, on every scheduler; and a long batch that runs
  # on a dirty scheduler, so processes on the normal ones keep running meanwhile.
  use ExUnit.Case, async: true

  alias ChatwootIdentity.Signer
  alias ChatwootIdentity.Test.Support

  @secret Support.docs_secret()

  test "200 processes share one Signer, and every hash is right" do
    signer = Signer.new!(@secret)

    results =
      1..200
      |> Task.async_stream(
        fn worker ->
          for i <- 1..500 do
            identifier = "user-#{worker}-#{i}"
            {:ok, hash} = Signer.identifier_hash(signer, identifier)
            {:ok, true} = Signer.verify(signer, identifier, hash)
            {identifier, hash}
          end
        end,
        max_concurrency: 200,
        ordered: false
      )
      |> Enum.flat_map(fn {:ok, pairs} -> pairs end)

    assert length(results) == 100_000

    for {identifier, hash} <- Enum.take_every(results, 101) do
      assert hash == Support.crypto_hash(@secret, identifier)
    end
  end

  test "200 processes share one WebhookVerifier, small bodies and dirty-scheduler ones" do
    verifier = ChatwootIdentity.WebhookVerifier.new!(@secret)
    big = :binary.copy("b", 200_000)

    1..200
    |> Task.async_stream(
      fn worker ->
        for i <- 1..100 do
          body =
            if rem(i, 25) == 0, do: big <> "#{worker}-#{i}", else: ~s({"id":"#{worker}-#{i}"})

          signed = ChatwootIdentity.sign_webhook!(@secret, body, 1_767_225_600 + i)

          {:ok, webhook} =
            ChatwootIdentity.WebhookVerifier.verify(verifier, body,
              headers: signed.headers,
              now: 1_767_225_600
            )

          {:error, %{code: :signature_mismatch}} =
            ChatwootIdentity.WebhookVerifier.verify(verifier, body <> "!",
              headers: signed.headers,
              now: 1_767_225_600
            )

          {webhook.age, webhook.delivery_id == signed.delivery_id}
        end
      end,
      max_concurrency: 200,
      timeout: 60_000
    )
    |> Enum.each(fn {:ok, results} ->
      assert results == for(i <- 1..100, do: {-i, true})
    end)
  end

  test "batches from many processes at once, short and long, keep their own order" do
    signer = Signer.new!(@secret)

    1..16
    |> Task.async_stream(
      fn worker ->
        identifiers = Enum.map(1..(worker * 1500), &"w#{worker}-#{&1}")
        {identifiers, Signer.identifier_hashes!(signer, identifiers)}
      end,
      max_concurrency: 16,
      timeout: 60_000
    )
    |> Enum.each(fn {:ok, {identifiers, hashes}} ->
      assert length(hashes) == length(identifiers)

      for {identifier, hash} <- Enum.zip(identifiers, hashes) |> Enum.take_every(211) do
        assert hash == Support.crypto_hash(@secret, identifier)
      end
    end)
  end

  # In a VM with one normal scheduler, a ticker process measures the longest gap between its
  # ticks while the work runs: a batch of 2,000,000 identifiers (had it run on that one
  # scheduler, the ticker would have stalled for the whole batch), and 1,000 batches of 2,000
  # on the normal scheduler (each reports its share of the timeslice, so the VM switches).
  # Work that blocked the scheduler would stall the ticker on every run; a machine that pauses
  # the whole VM (a shared CI host) does so only now and then, so the best of three runs counts.
  @tag timeout: 300_000
  test "a long batch leaves the normal scheduler free, and short ones share it" do
    for mode <- ["batch", "chunks"] do
      runs = Enum.map(1..3, fn _ -> probe(mode) end)
      {elapsed, gap} = Enum.min_by(runs, fn {elapsed, gap} -> gap / elapsed end)
      assert elapsed > 100, "#{mode}: the work took #{elapsed} ms: too short to tell"

      assert gap < elapsed / 4,
             "#{mode}: the ticker waited #{gap} ms during #{elapsed} ms at best"
    end
  end

  # `{elapsed, longest gap}` in ms of one run of the probe in its own one-scheduler VM.
  defp probe(mode) do
    {output, 0} = run_vm(["+S", "1:1"], ["test/support/scheduler_probe.exs", mode])
    [elapsed, gap] = output |> String.split() |> Enum.take(-2) |> Enum.map(&String.to_integer/1)
    {elapsed, gap}
  end

  defp run_vm(erl_flags, arguments) do
    ebin = Path.join(Mix.Project.app_path(), "ebin")
    System.cmd("elixir", ["--erl", Enum.join(erl_flags, " "), "-pa", ebin | arguments])
  end
end
