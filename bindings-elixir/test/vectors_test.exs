defmodule ChatwootIdentity.VectorsTest do
  # One test per shared vector (tests/vectors/*.json), so a failure names its description.
  use ExUnit.Case, async: true

  alias ChatwootIdentity.{Error, Signer}
  alias ChatwootIdentity.Test.Support

  import Support, only: [vector_value: 1]

  for file <- ~w(hash verify error diagnose) do
    vectors = Support.vectors(file)
    if vectors == [], do: raise("#{file}.json has no vectors")

    for {vector, index} <- Enum.with_index(vectors) do
      name = "#{file} #{String.pad_leading("#{index}", 3, "0")} #{vector["description"]}"
      @tag vector: vector
      test name, %{vector: vector} do
        check(
          unquote(file),
          vector,
          vector_value(vector["secret"]),
          vector_value(vector["identifier"])
        )
      end
    end
  end

  defp check("hash", vector, secret, identifier) do
    expected = vector["identifier_hash"]
    assert ChatwootIdentity.identifier_hash(secret, identifier) == {:ok, expected}
    assert ChatwootIdentity.identifier_hash!(secret, identifier) == expected
    signer = Signer.new!(secret)
    assert Signer.identifier_hash(signer, identifier) == {:ok, expected}
    assert Signer.identifier_hashes!(signer, [identifier, identifier]) == [expected, expected]
    assert ChatwootIdentity.identifier_hashes(secret, [identifier]) == {:ok, [expected]}
    assert ChatwootIdentity.verify(secret, identifier, expected) == {:ok, true}
    assert Signer.verify!(signer, identifier, expected)
  end

  defp check("verify", vector, secret, identifier) do
    candidate = vector_value(vector["candidate"])
    expected = vector["verified"]
    assert ChatwootIdentity.verify(secret, identifier, candidate) == {:ok, expected}
    assert ChatwootIdentity.verify!(secret, identifier, candidate) == expected
    assert Signer.verify(Signer.new!(secret), identifier, candidate) == {:ok, expected}
  end

  defp check("error", vector, secret, identifier) do
    code = vector["error"]
    hash = Support.docs_hash()

    calls = [
      identifier_hash: fn -> ChatwootIdentity.identifier_hash(secret, identifier) end,
      verify: fn -> ChatwootIdentity.verify(secret, identifier, hash) end,
      diagnose: fn -> ChatwootIdentity.diagnose(secret, identifier, hash) end,
      batch: fn -> ChatwootIdentity.identifier_hashes(secret, [identifier]) end,
      signer: fn ->
        with {:ok, signer} <- Signer.new(secret), do: Signer.identifier_hash(signer, identifier)
      end
    ]

    for {name, call} <- calls do
      assert {:error, %Error{code: returned}} = call.(), "#{name}"
      assert Atom.to_string(returned) == code, "#{name}"
    end

    raised = assert_raise(Error, fn -> ChatwootIdentity.identifier_hash!(secret, identifier) end)
    assert Atom.to_string(raised.code) == code

    if code == "empty_secret",
      do: assert({:error, %Error{code: :empty_secret}} = Signer.new(secret))
  end

  defp check("diagnose", vector, secret, identifier) do
    candidate = vector_value(vector["candidate"])
    {:ok, diagnosis} = ChatwootIdentity.diagnose(secret, identifier, candidate)
    assert diagnosis.verified == vector["verified"]
    assert Enum.map(diagnosis.findings, &Atom.to_string(&1.code)) == vector["findings"]
    for finding <- diagnosis.findings, do: assert(finding.message =~ ~r/\w/)
  end
end
