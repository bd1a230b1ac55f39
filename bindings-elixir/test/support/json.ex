defmodule ChatwootIdentity.Test.JSON do
  # A JSON reader for the tests: Elixir 1.14 has none, and no Hex package can be installed
  # here. It reads the shared vector files and the JSON inside rendered snippets; it is
  # deliberately independent of the package under test. Objects become maps with binary keys.
  @moduledoc false

  def decode!(text) when is_binary(text) do
    {value, rest} = value(skip(text))

    case skip(rest) do
      "" -> value
      other -> raise ArgumentError, "trailing text after JSON: #{String.slice(other, 0, 20)}"
    end
  end

  defp skip(<<c, rest::binary>>) when c in ~c" \t\r\n", do: skip(rest)
  defp skip(text), do: text

  defp value("{" <> rest), do: object(skip(rest), %{})
  defp value("[" <> rest), do: array(skip(rest), [])
  defp value("\"" <> rest), do: string(rest, [])
  defp value("true" <> rest), do: {true, rest}
  defp value("false" <> rest), do: {false, rest}
  defp value("null" <> rest), do: {nil, rest}
  defp value(text), do: number(text)

  defp object("}" <> rest, acc), do: {acc, rest}

  defp object("\"" <> rest, acc) do
    {key, rest} = string(rest, [])
    ":" <> rest = skip(rest)
    {value, rest} = value(skip(rest))
    acc = Map.put(acc, key, value)

    case skip(rest) do
      "," <> rest -> object(skip(rest), acc)
      "}" <> rest -> {acc, rest}
    end
  end

  defp array("]" <> rest, []), do: {[], rest}

  defp array(text, acc) do
    {value, rest} = value(text)

    case skip(rest) do
      "," <> rest -> array(skip(rest), [value | acc])
      "]" <> rest -> {Enum.reverse([value | acc]), rest}
    end
  end

  defp string("\"" <> rest, acc), do: {IO.iodata_to_binary(Enum.reverse(acc)), rest}

  defp string("\\u" <> <<code::binary-4, rest::binary>>, acc) do
    case {String.to_integer(code, 16), rest} do
      {high, "\\u" <> <<low::binary-4, rest::binary>>} when high in 0xD800..0xDBFF ->
        low = String.to_integer(low, 16)
        string(rest, [<<(high - 0xD800) * 0x400 + (low - 0xDC00) + 0x10000::utf8>> | acc])

      {code, rest} ->
        string(rest, [<<code::utf8>> | acc])
    end
  end

  defp string("\\" <> <<c, rest::binary>>, acc) do
    escaped = %{?" => "\"", ?\\ => "\\", ?/ => "/", ?b => "\b", ?f => "\f", ?n => "\n"}
    escaped = Map.merge(escaped, %{?r => "\r", ?t => "\t"})
    string(rest, [Map.fetch!(escaped, c) | acc])
  end

  defp string(<<c::utf8, rest::binary>>, acc), do: string(rest, [<<c::utf8>> | acc])

  defp number(text) do
    [literal] = Regex.run(~r/\A-?\d+(\.\d+)?([eE][-+]?\d+)?/, text, capture: :first)
    rest = binary_part(text, byte_size(literal), byte_size(text) - byte_size(literal))

    case Integer.parse(literal) do
      {integer, ""} -> {integer, rest}
      _ -> {String.to_float(normalise_float(literal)), rest}
    end
  end

  # "1e5" is valid JSON but not an Elixir float literal.
  defp normalise_float(literal) do
    if String.contains?(literal, "."), do: literal, else: String.replace(literal, ~r/[eE]/, ".0e")
  end
end
