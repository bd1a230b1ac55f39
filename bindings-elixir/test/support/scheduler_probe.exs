# Run by concurrency_test.exs in a VM with one normal scheduler: prints how long a batch of
# 2,000,000 identifiers took and the longest gap a ticking process saw meanwhile, in ms.
signer = ChatwootIdentity.Signer.new!("secret")
identifiers = Enum.map(1..2_000_000, &Integer.to_string/1)
parent = self()

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
[_ | _] = ChatwootIdentity.Signer.identifier_hashes!(signer, identifiers)
elapsed = System.monotonic_time(:millisecond) - started
send(ticker, :stop)

receive do
  {:gap, gap} -> IO.puts("#{elapsed} #{gap}")
end
