defmodule ChatwootIdentity.SignerTest do
  use ExUnit.Case, async: true

  alias ChatwootIdentity.{Error, Signer}
  alias ChatwootIdentity.Test.Support

  @secret Support.docs_secret()

  test "a Signer gives the one-off functions' answers" do
    {:ok, signer} = Signer.new(@secret)
    assert Signer.identifier_hash(signer, Support.docs_identifier()) == {:ok, Support.docs_hash()}
    assert Signer.verify(signer, Support.docs_identifier(), Support.docs_hash()) == {:ok, true}

    assert Signer.verify!(signer, Support.docs_identifier(), String.upcase(Support.docs_hash())) ==
             false

    assert Signer.identifier_hash!(signer, 42) == ChatwootIdentity.identifier_hash!(@secret, "42")
  end

  test "an empty secret or identifier is the core's error" do
    assert {:error, %Error{code: :empty_secret} = error} = Signer.new("")
    assert error.message =~ "secret must not be empty"
    assert_raise Error, ~r/secret must not be empty/, fn -> Signer.new!("") end
    signer = Signer.new!(@secret)
    assert {:error, %Error{code: :empty_identifier}} = Signer.identifier_hash(signer, "")
    assert {:error, %Error{code: :empty_identifier}} = Signer.verify(signer, "", "x")

    assert_raise Error, ~r/identifier must not be empty/, fn ->
      Signer.identifier_hash!(signer, "")
    end
  end

  # Both sides of the NIF's dirty-scheduler threshold (2048) and the core's parallel one (4096).
  test "a batch keeps the order and matches :crypto, short or long" do
    signer = Signer.new!(@secret)

    for count <- [0, 1, 2047, 2048, 4095, 4096, 20_011] do
      identifiers = for i <- 1..count//1, do: if(rem(i, 3) == 0, do: i, else: "user-#{i}")
      assert {:ok, hashes} = Signer.identifier_hashes(signer, identifiers)
      assert length(hashes) == count

      for {identifier, hash} <- Enum.zip(identifiers, hashes) |> Enum.take_every(97) do
        assert hash == Support.crypto_hash(@secret, identifier)
      end

      assert ChatwootIdentity.identifier_hashes!(@secret, identifiers) == hashes
    end
  end

  test "an empty identifier fails the whole batch, naming its position" do
    signer = Signer.new!(@secret)

    for count <- [10, 10_000] do
      identifiers = List.replace_at(Enum.map(1..count, &"user-#{&1}"), count - 3, "")

      assert {:error, %Error{code: :empty_identifier, message: message}} =
               Signer.identifier_hashes(signer, identifiers)

      assert message =~ "identifiers[#{count - 3}] must not be empty"
      assert_raise Error, fn -> Signer.identifier_hashes!(signer, identifiers) end
    end
  end

  test "inspect shows that it is a Signer, never the secret" do
    signer = Signer.new!(@secret)
    assert inspect(signer) == "#ChatwootIdentity.Signer<secret: redacted>"
    refute inspect(signer, structs: false) =~ @secret
    refute inspect([signer, %{signer: signer}]) =~ @secret
  end

  test "the external term format of a Signer holds a reference, not the secret" do
    signer = Signer.new!(@secret)
    refute :binary.match(:erlang.term_to_binary(signer), @secret) != :nomatch
  end

  test "the prepared key outlives the process that made it" do
    parent = self()
    maker = spawn(fn -> send(parent, {:signer, Signer.new!(@secret)}) end)
    assert_receive {:signer, signer}
    ref = Process.monitor(maker)
    assert_receive {:DOWN, ^ref, :process, ^maker, _}
    :erlang.garbage_collect()
    assert Signer.identifier_hash!(signer, Support.docs_identifier()) == Support.docs_hash()
  end
end
