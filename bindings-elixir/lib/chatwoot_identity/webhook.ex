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
    arguments = [verifier, body, signed(request, function), Map.get(request, :now)]
    here_or_dirty(&Native.webhook_verify/4, &Native.webhook_verify_dirty/4, arguments)
  end

  def sign(secret, body, timestamp) do
    here_or_dirty(&Native.sign_webhook/3, &Native.sign_webhook_dirty/3, [secret, body, timestamp])
  end

  def diagnose(secret, body, options, token) do
    request = take(options, @diagnose_keys, "diagnose_webhook/4")
    arguments = [secret, body, signed(request, "diagnose_webhook/4"), token]
    here_or_dirty(&Native.diagnose_webhook/4, &Native.diagnose_webhook_dirty/4, arguments)
  end

  # Every webhook NIF answers :dirty for a body too large to hash on this scheduler; its twin
  # takes the same arguments and does the same work on a dirty CPU scheduler.
  defp here_or_dirty(nif, dirty_twin, arguments) do
    case apply(nif, arguments) do
      :dirty -> apply(dirty_twin, arguments)
      reply -> reply
    end
  end

  defp split(options, function) do
    all = take(options, @verifier_keys ++ @request_keys, function)
    {Map.take(all, @verifier_keys), Map.drop(all, @verifier_keys)}
  end

  defp tolerance(options),
    do: Map.get_lazy(options, :tolerance, &Native.default_webhook_tolerance/0)

  defp check_age(options), do: Map.get(options, :check_age, true)

  # EITHER the request's headers OR its two signed values, never both; the NIF takes the one
  # given, tagged with its form.
  defp signed(%{headers: _, signature: _}, function), do: both(function)
  defp signed(%{headers: _, timestamp: _}, function), do: both(function)
  defp signed(%{headers: headers}, _function), do: {:headers, headers}

  defp signed(%{signature: signature, timestamp: timestamp}, _function),
    do: {:values, signature, timestamp}

  defp signed(%{signature: _}, function),
    do: raise(ArgumentError, "#{function} was given signature: without timestamp:")

  defp signed(%{timestamp: _}, function),
    do: raise(ArgumentError, "#{function} was given timestamp: without signature:")

  defp signed(_request, function) do
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
