defmodule ChatwootIdentity.Signer do
  @moduledoc """
  An inbox's HMAC secret, prepared once: each hash then skips the key setup that
  `ChatwootIdentity.identifier_hash/2` repeats, and costs about half as much.

  The prepared key lives in native memory, held by the VM as a resource: the struct only
  refers to it, so neither `inspect/2`, a crash report, `:erlang.term_to_binary/1` nor a
  message to another node ever contains the secret. One Signer can be used by any number of
  processes at once; the key is wiped from memory when the last process drops it.

      {:ok, signer} = ChatwootIdentity.Signer.new(System.fetch_env!("CHATWOOT_HMAC_SECRET"))
      {:ok, hash} = ChatwootIdentity.Signer.identifier_hash(signer, user.id)

  Identifiers are binaries (their bytes, exactly as given) or integers (their decimal text,
  as Chatwoot's `to_s` renders them; -2**127 to 2**128-1). Anything else raises
  `ArgumentError` naming the parameter.
  """

  alias ChatwootIdentity.{Native, Result}

  @enforce_keys [:resource]
  defstruct [:resource]

  @opaque t :: %__MODULE__{resource: reference()}

  @doc """
  Prepares `secret` (the inbox's HMAC secret, a binary).

  Returns `{:error, %ChatwootIdentity.Error{code: :empty_secret}}` for an empty one.
  """
  @spec new(binary()) :: {:ok, t()} | {:error, ChatwootIdentity.Error.t()}
  def new(secret) do
    with {:ok, resource} <- Result.ok(Native.signer_new(secret)) do
      {:ok, %__MODULE__{resource: resource}}
    end
  end

  @doc "Like `new/1`, but returns the Signer or raises `ChatwootIdentity.Error`."
  @spec new!(binary()) :: t()
  def new!(secret), do: %__MODULE__{resource: Result.value!(Native.signer_new(secret))}

  @doc """
  The `identifier_hash` Chatwoot expects for `identifier`: 64 lowercase hex characters.

  Returns `{:error, %ChatwootIdentity.Error{code: :empty_identifier}}` for an empty one.
  """
  @spec identifier_hash(t(), ChatwootIdentity.user_identifier()) ::
          {:ok, String.t()} | {:error, ChatwootIdentity.Error.t()}
  def identifier_hash(%__MODULE__{resource: resource}, identifier),
    do: Result.ok(Native.signer_identifier_hash(resource, identifier))

  # Anything else goes to the NIF as it is, which names its type in the ArgumentError.
  def identifier_hash(other, identifier),
    do: Result.ok(Native.signer_identifier_hash(other, identifier))

  @doc "Like `identifier_hash/2`, but returns the hash or raises `ChatwootIdentity.Error`."
  @spec identifier_hash!(t(), ChatwootIdentity.user_identifier()) :: String.t()
  def identifier_hash!(%__MODULE__{resource: resource}, identifier),
    do: Result.value!(Native.signer_identifier_hash(resource, identifier))

  def identifier_hash!(other, identifier),
    do: Result.value!(Native.signer_identifier_hash(other, identifier))

  @doc """
  Whether Chatwoot would accept `identifier_hash` for `identifier`: `{:ok, true}` exactly
  when it is the 64 lowercase hex characters Chatwoot computes, compared in constant time.
  Anything else (uppercase, whitespace, another length, Base64) is `{:ok, false}`, as
  Chatwoot rejects it too; `ChatwootIdentity.diagnose/3` tells why.
  """
  @spec verify(t(), ChatwootIdentity.user_identifier(), binary()) ::
          {:ok, boolean()} | {:error, ChatwootIdentity.Error.t()}
  def verify(%__MODULE__{resource: resource}, identifier, identifier_hash),
    do: Result.ok(Native.signer_verify(resource, identifier, identifier_hash))

  def verify(other, identifier, identifier_hash),
    do: Result.ok(Native.signer_verify(other, identifier, identifier_hash))

  @doc "Like `verify/3`, but returns the boolean or raises `ChatwootIdentity.Error`."
  @spec verify!(t(), ChatwootIdentity.user_identifier(), binary()) :: boolean()
  def verify!(%__MODULE__{resource: resource}, identifier, identifier_hash),
    do: Result.value!(Native.signer_verify(resource, identifier, identifier_hash))

  def verify!(other, identifier, identifier_hash),
    do: Result.value!(Native.signer_verify(other, identifier, identifier_hash))

  @doc """
  The hashes of many identifiers, in order, on every core.

  A long list is hashed on a dirty CPU scheduler, so it never holds up the schedulers that
  run other processes; a short one stays on the caller's scheduler, where the move would
  cost more than the hashing. An empty identifier fails the whole batch, naming its
  position (`identifiers[3] must not be empty: ...`); an element of another type raises
  `ArgumentError` naming it.
  """
  @spec identifier_hashes(t(), [ChatwootIdentity.user_identifier()]) ::
          {:ok, [String.t()]} | {:error, ChatwootIdentity.Error.t()}
  def identifier_hashes(signer, identifiers), do: Result.ok(hashes(signer, identifiers))

  @doc "Like `identifier_hashes/2`, but returns the list or raises `ChatwootIdentity.Error`."
  @spec identifier_hashes!(t(), [ChatwootIdentity.user_identifier()]) :: [String.t()]
  def identifier_hashes!(signer, identifiers), do: Result.value!(hashes(signer, identifiers))

  defp hashes(%__MODULE__{resource: resource}, identifiers), do: hashes(resource, identifiers)

  defp hashes(resource, identifiers) do
    # The NIF measures the list and answers :dirty when it is too long for a normal scheduler.
    case Native.signer_identifier_hashes(resource, identifiers) do
      :dirty -> Native.signer_identifier_hashes_dirty(resource, identifiers)
      reply -> reply
    end
  end

  defimpl Inspect do
    def inspect(_signer, _opts), do: "#ChatwootIdentity.Signer<secret: redacted>"
  end
end
