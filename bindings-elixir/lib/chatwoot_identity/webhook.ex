defmodule ChatwootIdentity.Webhook do
  # The options of the webhook functions, on their way to the NIF. Only their shape is checked
  # here (which keys, which combination); the values' types, the header names and every
  # acceptance rule are the NIF's and the core's. A NIF that answers :dirty is called again
  # through its dirty-CPU twin (a large body: see native/.../webhook.rs).
  @moduledoc false

  alias ChatwootIdentity.Native

  @verifier_keys [:tolerance, :check_age]
  @request_keys [:headers, :signature, :timestamp, :now]
  @diagnose_keys [:headers, :signature, :timestamp]

  @doc "What `verify_webhook/3` passes as the verifier: prepared for this call only."
  def one_off(secret, options) do
    {verifier, request} = split(options, "verify_webhook/3")
    {{:prepare, secret, tolerance(verifier), check_age(verifier)}, request}
  end

  @doc "The options of `WebhookVerifier.new/2`."
  def verifier_options(options) do
    verifier = take(options, @verifier_keys, "WebhookVerifier.new/2")
    {tolerance(verifier), check_age(verifier)}
  end

  @doc "The options of `WebhookVerifier.verify/3`."
  def request_options(options), do: take(options, @request_keys, "WebhookVerifier.verify/3")

  def verify(verifier, body, request, function) do
    now = Map.get(request, :now)

    case headers(request, function) do
      {:headers, headers} ->
        case Native.webhook_verify_headers(verifier, body, headers, now) do
          :dirty -> Native.webhook_verify_headers_dirty(verifier, body, headers, now)
          reply -> reply
        end

      {:values, signature, timestamp} ->
        case Native.webhook_verify(verifier, body, signature, timestamp, now) do
          :dirty -> Native.webhook_verify_dirty(verifier, body, signature, timestamp, now)
          reply -> reply
        end
    end
  end

  def sign(secret, body, timestamp) do
    case Native.sign_webhook(secret, body, timestamp) do
      :dirty -> Native.sign_webhook_dirty(secret, body, timestamp)
      reply -> reply
    end
  end

  def diagnose(secret, body, options, token) do
    request = take(options, @diagnose_keys, "diagnose_webhook/4")

    case headers(request, "diagnose_webhook/4") do
      {:headers, headers} ->
        case Native.diagnose_webhook_headers(secret, body, headers, token) do
          :dirty -> Native.diagnose_webhook_headers_dirty(secret, body, headers, token)
          reply -> reply
        end

      {:values, signature, timestamp} ->
        case Native.diagnose_webhook(secret, body, signature, timestamp, token) do
          :dirty -> Native.diagnose_webhook_dirty(secret, body, signature, timestamp, token)
          reply -> reply
        end
    end
  end

  defp split(options, function) do
    all = take(options, @verifier_keys ++ @request_keys, function)
    {Map.take(all, @verifier_keys), Map.drop(all, @verifier_keys)}
  end

  defp tolerance(options), do: Map.get(options, :tolerance, 300)
  defp check_age(options), do: Map.get(options, :check_age, true)

  # EITHER the request's headers OR its two signed values, never both.
  defp headers(%{headers: _, signature: _}, function), do: both(function)
  defp headers(%{headers: _, timestamp: _}, function), do: both(function)
  defp headers(%{headers: headers}, _function), do: {:headers, headers}

  defp headers(%{signature: signature, timestamp: timestamp}, _function),
    do: {:values, signature, timestamp}

  defp headers(%{signature: _}, function),
    do: raise(ArgumentError, "#{function} was given signature: without timestamp:")

  defp headers(%{timestamp: _}, function),
    do: raise(ArgumentError, "#{function} was given timestamp: without signature:")

  defp headers(_request, function) do
    raise ArgumentError,
          "#{function} needs the request's headers: (conn.req_headers) or its " <>
            "signature: and timestamp: values"
  end

  defp both(function) do
    raise ArgumentError,
          "#{function} takes either headers: or signature: and timestamp:, not both"
  end

  # A keyword list of the allowed keys, each at most once, as a map. Errors name keys, never
  # values: a value could be a signature or a header list.
  defp take(options, allowed, function) when is_list(options),
    do: take(options, allowed, function, %{})

  defp take(_options, _allowed, function),
    do: raise(ArgumentError, "#{function} takes a keyword list of options")

  defp take([], _allowed, _function, taken), do: taken

  defp take([{key, value} | rest], allowed, function, taken) when is_atom(key) do
    cond do
      key not in allowed ->
        raise ArgumentError,
              "#{function} has no option #{inspect(key)}; its options are " <>
                Enum.map_join(allowed, ", ", &"#{&1}:")

      Map.has_key?(taken, key) ->
        raise ArgumentError, "#{function} was given the option #{inspect(key)} twice"

      true ->
        take(rest, allowed, function, Map.put(taken, key, value))
    end
  end

  defp take(_options, _allowed, function, _taken),
    do: raise(ArgumentError, "#{function} takes a keyword list of options")
end
