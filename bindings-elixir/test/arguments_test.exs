defmodule ChatwootIdentity.ArgumentsTest do
  # A value of the wrong type raises ArgumentError naming the parameter, in every function and
  # both forms; the NIF itself never raises, whatever it is given, and the VM keeps running.
  use ExUnit.Case, async: true

  alias ChatwootIdentity.{Error, Native, Signer}
  alias ChatwootIdentity.Test.Support

  @secret Support.docs_secret()
  @hash Support.docs_hash()

  # One of each kind of term that is neither a binary nor an integer.
  defp wrong_terms do
    [
      {nil, "nil"},
      {true, "a boolean"},
      {:user, "an atom"},
      {4.2, "a float"},
      {~c"user-42", "a list (a charlist? use a double-quoted string)"},
      {[], "an empty list"},
      {{"user", 42}, "a tuple"},
      {%{id: 42}, "a map"},
      {%URI{}, "a URI struct"},
      {self(), "a pid"},
      {make_ref(), "a reference"},
      {&String.upcase/1, "a function"},
      {<<1::3>>, "a bitstring"},
      {hd(Port.list()), "a port"}
    ]
  end

  test "every identifier parameter takes binaries and integers only" do
    signer = Signer.new!(@secret)

    calls = [
      &ChatwootIdentity.identifier_hash(@secret, &1),
      &ChatwootIdentity.identifier_hash!(@secret, &1),
      &ChatwootIdentity.verify(@secret, &1, @hash),
      &ChatwootIdentity.verify!(@secret, &1, @hash),
      &ChatwootIdentity.diagnose(@secret, &1, @hash),
      &ChatwootIdentity.diagnose!(@secret, &1, @hash),
      &Signer.identifier_hash(signer, &1),
      &Signer.identifier_hash!(signer, &1),
      &Signer.verify(signer, &1, @hash),
      &Signer.verify!(signer, &1, @hash)
    ]

    for call <- calls, {term, kind} <- wrong_terms() do
      error = assert_raise ArgumentError, fn -> call.(term) end
      assert error.message == "identifier must be a binary or an integer, got #{kind}"
    end
  end

  test "every secret and candidate parameter takes binaries only" do
    signer = Signer.new!(@secret)

    secret_calls = [
      &ChatwootIdentity.identifier_hash(&1, "user"),
      &ChatwootIdentity.identifier_hash!(&1, "user"),
      &ChatwootIdentity.verify(&1, "user", @hash),
      &ChatwootIdentity.diagnose(&1, "user", @hash),
      &ChatwootIdentity.identifier_hashes(&1, ["user"]),
      &Signer.new/1,
      &Signer.new!/1
    ]

    candidate_calls = [
      &ChatwootIdentity.verify(@secret, "user", &1),
      &ChatwootIdentity.verify!(@secret, "user", &1),
      &ChatwootIdentity.diagnose(@secret, "user", &1),
      &Signer.verify(signer, "user", &1)
    ]

    for {calls, parameter} <- [{secret_calls, "secret"}, {candidate_calls, "identifier_hash"}],
        call <- calls,
        {term, kind} <- [{42, "an integer"} | wrong_terms()] do
      error = assert_raise ArgumentError, fn -> call.(term) end
      assert error.message == "#{parameter} must be a binary, got #{kind}"
    end
  end

  test "a Signer parameter takes a Signer only" do
    Support.assert_refused(
      [
        &Signer.identifier_hash(&1, "user"),
        &Signer.verify!(&1, "user", @hash),
        &Signer.identifier_hashes(&1, ["user"])
      ],
      [@secret, %{resource: make_ref()}, make_ref(), nil],
      ~r/^signer must be a ChatwootIdentity.Signer, got /
    )
  end

  test "integers are hashed as their decimal text from -2**127 to 2**128-1" do
    for integer <- [
          0,
          42,
          -7,
          2 ** 63,
          -(2 ** 63) - 1,
          2 ** 64,
          2 ** 100,
          -(2 ** 127),
          2 ** 128 - 1
        ] do
      expected = Support.crypto_hash(@secret, Integer.to_string(integer))
      assert ChatwootIdentity.identifier_hash(@secret, integer) == {:ok, expected}, "#{integer}"
    end

    for integer <- [2 ** 128, -(2 ** 127) - 1, -(2 ** 128), 2 ** 1000, -(2 ** 1000)] do
      error =
        assert_raise ArgumentError, fn -> ChatwootIdentity.identifier_hash(@secret, integer) end

      assert error.message =~ "identifier is out of range: integer identifiers from -2**127"
    end
  end

  test "binaries are hashed as their bytes: not UTF-8, NUL, whitespace and all" do
    for identifier <- [<<255, 0, 254>>, "with\0nul", " padded\n", "ÉMILE@example.com"] do
      expected = Support.crypto_hash(@secret, identifier)

      assert ChatwootIdentity.identifier_hash!(<<0, 1, 2>> <> @secret, identifier) ==
               Support.crypto_hash(<<0, 1, 2>> <> @secret, identifier)

      assert ChatwootIdentity.identifier_hash!(@secret, identifier) == expected
    end
  end

  test "a sub-binary of a larger binary is hashed as the part it is" do
    <<_::binary-3, identifier::binary-7, _::binary>> = "xx-user-42-yy"
    assert identifier == "user-42"

    assert ChatwootIdentity.identifier_hash!(@secret, identifier) ==
             Support.crypto_hash(@secret, "user-42")
  end

  test "a batch names the element of the wrong type, and takes proper lists only" do
    signer = Signer.new!(@secret)

    for {term, kind} <- wrong_terms(), size <- [3, 5000] do
      identifiers = List.duplicate("ok", size) ++ [term]
      error = assert_raise ArgumentError, fn -> Signer.identifier_hashes(signer, identifiers) end
      assert error.message == "identifiers[#{size}] must be a binary or an integer, got #{kind}"
    end

    error = assert_raise ArgumentError, fn -> Signer.identifier_hashes(signer, ["a" | "b"]) end
    assert error.message == "identifiers must be a proper list"
    error = assert_raise ArgumentError, fn -> Signer.identifier_hashes(signer, "a") end
    assert error.message == "identifiers must be a list, got a binary"
    error = assert_raise ArgumentError, fn -> Signer.identifier_hashes(signer, [2 ** 200]) end
    assert error.message =~ "identifiers[0] is out of range"
  end

  test "the NIF answers a tuple for any term, and never raises" do
    terms = [@secret, 42, Signer.new!(@secret).resource] ++ Enum.map(wrong_terms(), &elem(&1, 0))

    for {name, arity} <- Native.__info__(:functions),
        name not in [
          :load_nif,
          :error_codes,
          :finding_codes,
          :webhook_finding_codes,
          :default_webhook_tolerance
        ],
        arguments <- combinations(terms, arity) do
      reply = apply(Native, name, arguments)

      assert match?({:ok, _}, reply) or match?({:error, %Error{}}, reply) or
               match?({:argument_error, message} when is_binary(message), reply) or
               reply == :dirty,
             "#{name}/#{arity}: #{inspect(reply)}"
    end
  end

  # Every term in each position, and the first term elsewhere: as many calls as terms per
  # position, not terms to the power of the arity.
  defp combinations(terms, arity) do
    for position <- 0..(arity - 1), term <- terms do
      List.replace_at(List.duplicate(hd(terms), arity), position, term)
    end
  end
end
