defmodule ChatwootIdentity.Widget do
  # The widget functions' arguments, on their way to the NIF. Only the options are known here
  # (they are the functions' parameters); what a user or the settings may hold is the core's
  # serde types', read from the maps by rustler's serde support.
  @moduledoc false

  alias ChatwootIdentity.{Native, Signer}

  @script_options [:base_url, :website_token, :hmac_secret, :user, :nonce, :settings]

  def script(options) do
    options = options!(options, @script_options, "widget_script/1")

    for required <- [:base_url, :website_token], not Map.has_key?(options, required) do
      raise ArgumentError, "widget_script/1 needs the option #{inspect(required)}"
    end

    Native.widget_script(
      options.base_url,
      options.website_token,
      secret(Map.get(options, :hmac_secret)),
      fields(Map.get(options, :user)),
      Map.get(options, :nonce),
      fields(Map.get(options, :settings))
    )
  end

  def reset(options) do
    options = options!(options, [:nonce], "reset_script/1")
    Native.reset_script(Map.get(options, :nonce))
  end

  def payload(secret, user), do: Native.set_user_payload(secret(secret), fields(user))

  def payload_json(secret, user), do: Native.set_user_payload_json(secret(secret), fields(user))

  # A keyword list of known options, each at most once. Messages name options, never values:
  # one of them is the secret.
  defp options!(options, known, function) do
    unless is_list(options) and Enum.all?(options, &match?({key, _} when is_atom(key), &1)) do
      raise ArgumentError, "#{function} takes a keyword list of options"
    end

    Enum.reduce(options, %{}, fn {key, value}, seen ->
      cond do
        key not in known ->
          raise ArgumentError,
                "#{function} has no option #{inspect(key)} (its options: #{Enum.map_join(known, ", ", &inspect/1)})"

        Map.has_key?(seen, key) ->
          raise ArgumentError, "#{function} was given the option #{inspect(key)} twice"

        true ->
          Map.put(seen, key, value)
      end
    end)
  end

  defp secret(%Signer{resource: resource}), do: resource
  defp secret(secret), do: secret

  # rustler's serde support reads map keys only when they are binaries: atom keys become their
  # names, at every level; keyword lists are read as maps. Structs are left alone (rustler reads
  # their fields), and so is every other value: its type is checked against the core's.
  defp fields(%_{} = struct), do: struct

  defp fields(map) when is_map(map),
    do: Map.new(map, fn {key, value} -> {key_name(key), fields(value)} end)

  defp fields([{key, _} | _] = list) when is_atom(key) do
    if Keyword.keyword?(list), do: fields(Map.new(list)), else: list
  end

  defp fields(other), do: other

  defp key_name(key) when is_atom(key) and key not in [nil, true, false], do: Atom.to_string(key)
  defp key_name(key), do: key
end
