# Chatwoot's documented Elixir snippet, in the form that runs on OTP 24 and later
# (`:crypto.hmac/3` was removed): :crypto.mac(:hmac, :sha256, key, identifier).
# Reads "secret_hex identifier_hex" lines on stdin, prints one identifier_hash per line.
IO.stream(:stdio, :line)
|> Enum.each(fn line ->
  [key, identifier] =
    line |> String.split() |> Enum.map(&Base.decode16!(&1, case: :mixed))

  :crypto.mac(:hmac, :sha256, key, identifier)
  |> Base.encode16(case: :lower)
  |> IO.puts()
end)
