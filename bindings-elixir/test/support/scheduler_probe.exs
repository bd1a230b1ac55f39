# Run by concurrency_test.exs in a VM with one normal scheduler: prints how long the work took
# and the longest gap a ticking process saw meanwhile, in ms.
#   batch   one batch of 2,000,000 identifiers (on a dirty CPU scheduler: no long gap)
#   chunks  1,000 batches of 2,000 (each on the normal scheduler; a NIF that did not report
#           its share of the timeslice would starve the ticker for hundreds of ms)
signer = ChatwootIdentity.Signer.new!("secret")
parent = self()

work =
  case System.argv() do
    ["batch"] ->
      identifiers = Enum.map(1..2_000_000, &Integer.to_string/1)
      fn -> ChatwootIdentity.Signer.identifier_hashes!(signer, identifiers) end

    ["chunks"] ->
      identifiers = Enum.map(1..2_000, &Integer.to_string/1)

      fn ->
        Enum.each(1..1_000, fn _ ->
          ChatwootIdentity.Signer.identifier_hashes!(signer, identifiers)
        end)
      end
  end

tick = fn tick, last, gap ->
  receive do
    :stop -> send(parent, {:gap, gap})
  after
    1 ->
      now = System.monotonic_time(:millisecond)
      tick.(tick, now, max(gap, now - last))
  end
end

ticker = spawn(fn -> tick.(tick, System.monotonic_time(:millisecond), 0) end)
Process.sleep(20)
started = System.monotonic_time(:millisecond)
work.()
elapsed = System.monotonic_time(:millisecond) - started
send(ticker, :stop)

receive do
  {:gap, gap} -> IO.puts("#{elapsed} #{gap}")
end
