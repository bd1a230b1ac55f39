defmodule ChatwootIdentity.Test.Support do
  # Shared by the suite: the repository's vectors, and the independent implementation the
  # expected hashes come from (OTP's :crypto, as Chatwoot's documentation now shows it).
  @moduledoc false

  import ExUnit.Assertions

  alias ChatwootIdentity.Test.JSON

  @root System.get_env("CHATWOOT_IDENTITY_ROOT") || Path.expand("../../..", __DIR__)

  def root, do: @root
  def docs_secret, do: "your-secret-token-for-hmac"
  def docs_identifier, do: "unique-identifier-of-the-user"
  def docs_hash, do: "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"

  # Distinctive enough that finding it in any output can only mean a leak.
  def canary_secret, do: "canary-s3cr3t-9f4e2b7d-do-not-print"

  def vectors_path(name), do: Path.join([@root, "tests", "vectors", "#{name}.json"])

  def vectors(name),
    do: name |> vectors_path() |> File.read!() |> JSON.decode!() |> Map.fetch!("vectors")

  @doc "tests/vectors/webhook.json: its `vectors` and its `diagnose` cases."
  def webhook_vectors,
    do: "webhook" |> vectors_path() |> File.read!() |> JSON.decode!()

  @doc "A webhook vector's value: a value as below, or the rule of a large body."
  def webhook_value(%{"repeat" => %{"prefix" => prefix, "unit" => unit} = rule}),
    do: prefix <> String.duplicate(unit, rule["times"]) <> rule["suffix"]

  def webhook_value(value), do: vector_value(value)

  @doc "A vector value as tests/vectors/README.md defines it."
  def vector_value(%{"utf8" => text}), do: text
  def vector_value(%{"hex" => hex}), do: Base.decode16!(hex, case: :mixed)
  def vector_value(%{"integer" => decimal}), do: String.to_integer(decimal)

  @doc "HMAC-SHA256 hex by OTP's :crypto: what the package must agree with."
  def crypto_hash(secret, identifier) do
    :crypto.mac(:hmac, :sha256, secret, to_string(identifier)) |> Base.encode16(case: :lower)
  end

  @doc "The JSON document a widget snippet carries (`var config = ...;`), decoded."
  def snippet_config({:safe, html}), do: snippet_config(IO.iodata_to_binary(html))

  def snippet_config(html) when is_binary(html) do
    [_, json] = Regex.run(~r/var config = (.*);\n/, html)
    JSON.decode!(json)
  end

  @doc "Each call refuses each term with an ArgumentError whose message matches `message`."
  def assert_refused(calls, terms, message) do
    for term <- terms, call <- calls do
      error = assert_raise ArgumentError, fn -> call.(term) end
      assert error.message =~ message
    end
  end
end
