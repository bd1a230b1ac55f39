defmodule ChatwootIdentity.WebhookVerifier do
  @moduledoc """
  A webhook's secret, prepared once with its tolerance, for verifying every request Chatwoot
  sends to that webhook (`ChatwootIdentity.verify_webhook/3` prepares it on each call).

  The prepared key lives in native memory, held by the VM as a resource: the struct only refers
  to it, so neither `inspect/2`, a crash report, `:erlang.term_to_binary/1` nor a message to
  another node ever contains the secret. One verifier can be used by any number of processes at
  once; the key is wiped from memory when the last process drops it.

      {:ok, verifier} = ChatwootIdentity.WebhookVerifier.new(System.fetch_env!("CHATWOOT_WEBHOOK_SECRET"))
      {:ok, webhook} = ChatwootIdentity.WebhookVerifier.verify(verifier, body, headers: conn.req_headers)
  """

  alias ChatwootIdentity.{Result, Webhook}

  @enforce_keys [:resource, :tolerance]
  defstruct [:resource, :tolerance]

  @opaque t :: %__MODULE__{resource: reference(), tolerance: non_neg_integer() | :unchecked}

  @doc """
  Prepares `secret` (the webhook's, agent bot's or API inbox's secret in Chatwoot, not the
  inbox's identity-validation `hmac_token`).

  Options:

    * `:tolerance`: how many seconds the timestamp may be from `now`, either way (default
      300). `0` accepts only the current second; it does not turn the check off.
    * `:check_age`: `false` turns the age check off, so that only the signature is verified
      (default `true`). A captured request then stays valid forever: use it only for stored
      requests.

  Returns `{:error, %ChatwootIdentity.Error{code: :empty_secret}}` for an empty secret.
  """
  @spec new(binary(), keyword()) :: {:ok, t()} | {:error, ChatwootIdentity.Error.t()}
  def new(secret, options \\ []) do
    {tolerance, check_age} = Webhook.verifier_options(options)

    with {:ok, resource} <-
           Result.ok(ChatwootIdentity.Native.webhook_verifier_new(secret, tolerance, check_age)) do
      {:ok, struct(resource, tolerance, check_age)}
    end
  end

  @doc "Like `new/2`, but returns the verifier or raises `ChatwootIdentity.Error`."
  @spec new!(binary(), keyword()) :: t()
  def new!(secret, options \\ []) do
    {tolerance, check_age} = Webhook.verifier_options(options)

    resource =
      Result.value!(ChatwootIdentity.Native.webhook_verifier_new(secret, tolerance, check_age))

    struct(resource, tolerance, check_age)
  end

  defp struct(resource, tolerance, true),
    do: %__MODULE__{resource: resource, tolerance: tolerance}

  defp struct(resource, _tolerance, false),
    do: %__MODULE__{resource: resource, tolerance: :unchecked}

  @doc """
  Verifies one request: `body` is the raw request body (a binary, exactly as received), and
  the options say where its signature is:

    * `:headers`: the request's headers, a list of `{name, value}` (Plug's `conn.req_headers`)
      or a map; names in any case. `X-Chatwoot-Delivery` is read from them too.
    * or `:signature` and `:timestamp`: the values of `X-Chatwoot-Signature` and
      `X-Chatwoot-Timestamp` (`nil` or `""` for an absent header).
    * `:now`: the current Unix time in seconds (default: the system clock).

  Returns `{:ok, %ChatwootIdentity.VerifiedWebhook{}}` or `{:error, %ChatwootIdentity.Error{}}`
  with one of the codes `:missing_signature`, `:malformed_signature`, `:missing_timestamp`,
  `:malformed_timestamp`, `:signature_mismatch`, `:stale_timestamp`, `:future_timestamp`.
  A body of 128 KB or more is hashed on a dirty CPU scheduler.
  """
  @spec verify(t(), binary(), keyword()) ::
          {:ok, ChatwootIdentity.VerifiedWebhook.t()} | {:error, ChatwootIdentity.Error.t()}
  def verify(verifier, body, options), do: Result.ok(run(verifier, body, options))

  @doc "Like `verify/3`, but returns the `ChatwootIdentity.VerifiedWebhook` or raises."
  @spec verify!(t(), binary(), keyword()) :: ChatwootIdentity.VerifiedWebhook.t()
  def verify!(verifier, body, options), do: Result.value!(run(verifier, body, options))

  # Anything but a verifier goes to the NIF as it is, which names its type in the ArgumentError.
  defp run(%__MODULE__{resource: resource}, body, options), do: run(resource, body, options)

  defp run(verifier, body, options),
    do:
      Webhook.verify(verifier, body, Webhook.request_options(options), "WebhookVerifier.verify/3")

  defimpl Inspect do
    def inspect(verifier, _opts),
      do:
        "#ChatwootIdentity.WebhookVerifier<secret: redacted, tolerance: #{inspect(verifier.tolerance)}>"
  end
end
