defmodule ChatwootIdentity.ErrorsTest do
  use ExUnit.Case, async: true

  alias ChatwootIdentity.{Error, Finding}
  alias ChatwootIdentity.Test.Support

  test "the code lists are the core's, as atoms" do
    codes = ChatwootIdentity.error_codes()
    assert :empty_secret in codes and :empty_identifier in codes and :invalid_nonce in codes
    assert codes == Enum.uniq(codes)
    findings = ChatwootIdentity.finding_codes()
    assert hd(findings) == :empty_hash and List.last(findings) == :unknown_secret
    assert Enum.all?(codes ++ findings, &Regex.match?(~r/^[a-z0-9_]+$/, Atom.to_string(&1)))
  end

  # The README's tables are the contract users read; every code in them exists, and back.
  test "the README's error and finding tables list exactly the core's codes" do
    readme = File.read!(Path.join(Support.root(), "README.md"))
    errors = table_codes(readme, "## Errors")
    findings = table_codes(readme, "## What `diagnose` recognises")

    assert Enum.sort(errors) ==
             Enum.sort(Enum.map(ChatwootIdentity.error_codes(), &Atom.to_string/1))

    assert Enum.sort(findings) ==
             Enum.sort(Enum.map(ChatwootIdentity.finding_codes(), &Atom.to_string/1))
  end

  defp table_codes(readme, heading) do
    [_, section] = String.split(readme, heading <> "\n", parts: 2)
    [table | _] = String.split(section, "\n\n## ", parts: 2)

    for [cell] <- Regex.scan(~r/^\| (`.+?`) \|/m, table, capture: :all_but_first),
        [code] <- Regex.scan(~r/`([a-z0-9_]+)`/, cell, capture: :all_but_first),
        do: code
  end

  test "an Error is an exception carrying the core's code and message" do
    {:error, error} = ChatwootIdentity.identifier_hash("", "user")
    assert %Error{code: :empty_secret, wrong_type: false} = error
    assert Exception.exception?(error)
    assert Exception.message(error) == error.message
    assert error.message =~ "secret must not be empty"
    assert_raise Error, error.message, fn -> raise error end
  end

  test "the bang functions raise the same Error the others return" do
    for {plain, bang} <- [
          {fn -> ChatwootIdentity.identifier_hash("s", "") end,
           fn -> ChatwootIdentity.identifier_hash!("s", "") end},
          {fn -> ChatwootIdentity.verify("", "u", "h") end,
           fn -> ChatwootIdentity.verify!("", "u", "h") end},
          {fn -> ChatwootIdentity.diagnose("s", "", "h") end,
           fn -> ChatwootIdentity.diagnose!("s", "", "h") end},
          {fn -> ChatwootIdentity.identifier_hashes("s", ["a", ""]) end,
           fn -> ChatwootIdentity.identifier_hashes!("s", ["a", ""]) end}
        ] do
      {:error, error} = plain.()
      assert assert_raise(Error, bang) == error
    end
  end

  test "diagnose returns structs with the shared finding codes and their sentences" do
    secret = Support.docs_secret()
    swapped = ChatwootIdentity.identifier_hash!(Support.docs_identifier(), secret)
    diagnosis = ChatwootIdentity.diagnose!(secret, Support.docs_identifier(), swapped <> "\n")
    assert %ChatwootIdentity.Diagnosis{verified: false, findings: findings} = diagnosis

    assert [%Finding{code: :surrounding_whitespace}, %Finding{code: :key_and_identifier_swapped}] =
             findings

    assert Enum.all?(findings, &(&1.code in ChatwootIdentity.finding_codes()))
    assert Enum.all?(findings, &String.ends_with?(&1.message, "."))

    assert ChatwootIdentity.diagnose(secret, Support.docs_identifier(), Support.docs_hash()) ==
             {:ok, %ChatwootIdentity.Diagnosis{verified: true, findings: []}}
  end
end
