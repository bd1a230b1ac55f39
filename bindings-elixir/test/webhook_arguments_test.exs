defmodule ChatwootIdentity.WebhookArgumentsTest do
  # Every parameter and option of the webhook functions refuses a value of the wrong type with
  # an ArgumentError naming it (never its value), in every function and both forms; options
  # of the wrong shape are refused the same way; the NIFs never raise.
  use ExUnit.Case, async: true

  alias ChatwootIdentity.{Error, WebhookVerifier}
  alias ChatwootIdentity.Test.Support

  @secret "webhook-secret"
  @body ~s({"event":"message_created"})
  @now 1_767_225_600

  setup_all do
    signed = ChatwootIdentity.sign_webhook!(@secret, @body, @now)
    %{signed: signed, verifier: WebhookVerifier.new!(@secret)}
  end

  defp wrong_terms do
    [
      {true, "a boolean"},
      {:value, "an atom"},
      {4.2, "a float"},
      {~c"sha256=", "a list (a charlist? use a double-quoted string)"},
      {{"a", "b"}, "a tuple"},
      {%{a: 1}, "a map"},
      {%URI{}, "a URI struct"},
      {self(), "a pid"},
      {make_ref(), "a reference"},
      {&String.upcase/1, "a function"},
      {<<1::3>>, "a bitstring"}
    ]
  end

  # Every verify call, one-off and prepared, in both forms, with one parameter replaced.
  defp verify_calls(signed, verifier, replace) do
    values = %{signature: signed.signature, timestamp: signed.timestamp, now: @now}
    values = Map.merge(values, replace)
    two = [signature: values.signature, timestamp: values.timestamp, now: values.now]
    headers = [headers: Map.get(replace, :headers, signed.headers), now: values.now]
    body = Map.get(replace, :body, @body)
    secret = Map.get(replace, :secret, @secret)

    [
      fn -> ChatwootIdentity.verify_webhook(secret, body, two) end,
      fn -> ChatwootIdentity.verify_webhook!(secret, body, headers) end,
      fn -> WebhookVerifier.verify(verifier, body, two) end,
      fn -> WebhookVerifier.verify!(verifier, body, headers) end
    ]
  end

  # Every other parameter of whole seconds given `term`: its name, what it must be, the call.
  defp seconds_calls(verifier, term) do
    unix = "Unix seconds (an integer) or nil"

    [
      {"tolerance", "an integer of seconds",
       fn -> WebhookVerifier.new(@secret, tolerance: term) end},
      {"tolerance", "an integer of seconds",
       fn -> ChatwootIdentity.verify_webhook(@secret, @body, headers: [], tolerance: term) end},
      {"now", unix, fn -> WebhookVerifier.verify(verifier, @body, headers: [], now: term) end},
      {"timestamp", unix, fn -> ChatwootIdentity.sign_webhook(@secret, @body, term) end}
    ]
  end

  test "the body is a binary, in every function", %{signed: signed, verifier: verifier} do
    for {term, kind} <- [
          {nil, "nil"},
          {42, "an integer"},
          {["{}"], "a list (a charlist? use a double-quoted string)"} | wrong_terms()
        ] do
      calls =
        verify_calls(signed, verifier, %{body: term}) ++
          [
            fn -> ChatwootIdentity.sign_webhook(@secret, term) end,
            fn -> ChatwootIdentity.diagnose_webhook(@secret, term, headers: signed.headers) end,
            fn ->
              ChatwootIdentity.diagnose_webhook!(@secret, term, signature: "", timestamp: "")
            end
          ]

      for call <- calls do
        error = assert_raise ArgumentError, call
        assert error.message == "body must be a binary (the raw request body), got #{kind}"
      end
    end
  end

  test "the secret is a binary, in every function", %{signed: signed} do
    for {term, kind} <- [{nil, "nil"}, {42, "an integer"} | wrong_terms()] do
      calls = [
        fn -> ChatwootIdentity.verify_webhook(term, @body, headers: signed.headers) end,
        fn -> ChatwootIdentity.verify_webhook!(term, @body, signature: "", timestamp: "") end,
        fn -> WebhookVerifier.new(term) end,
        fn -> WebhookVerifier.new!(term, tolerance: 10) end,
        fn -> ChatwootIdentity.sign_webhook(term, @body) end,
        fn -> ChatwootIdentity.diagnose_webhook(term, @body, headers: []) end
      ]

      for call <- calls do
        error = assert_raise ArgumentError, call
        assert error.message == "secret must be a binary, got #{kind}"
      end
    end
  end

  test "the two values are binaries or nil", %{signed: signed, verifier: verifier} do
    for parameter <- [:signature, :timestamp],
        {term, kind} <- [{42, "an integer"} | wrong_terms()] do
      diagnose = fn ->
        options = Keyword.put([signature: "", timestamp: ""], parameter, term)
        ChatwootIdentity.diagnose_webhook(@secret, @body, options)
      end

      for call <- [
            diagnose | Enum.take_every(verify_calls(signed, verifier, %{parameter => term}), 2)
          ] do
        error = assert_raise ArgumentError, call
        assert error.message == "#{parameter} must be a binary or nil, got #{kind}"
      end
    end

    # nil is an absent header, as "" is.
    assert {:error, %Error{code: :missing_signature}} =
             ChatwootIdentity.verify_webhook(@secret, @body, signature: nil, timestamp: nil)

    assert {:error, %Error{code: :missing_timestamp}} =
             WebhookVerifier.verify(verifier, @body, signature: signed.signature, timestamp: nil)
  end

  test "headers are a list of {name, value} binaries or a map", %{
    signed: signed,
    verifier: verifier
  } do
    cases = [
      {"x",
       "headers must be a list of {name, value} tuples (conn.req_headers) or a map, got a binary"},
      {nil,
       "headers must be a list of {name, value} tuples (conn.req_headers) or a map, got nil"},
      {%URI{},
       "headers must be a list of {name, value} tuples (conn.req_headers) or a map, got a URI struct"},
      {[{"a", "b"} | {"c", "d"}], "headers must be a proper list"},
      {[{"a", "b"}, {"c", "d", "e"}], "headers[1] must be a {name, value} tuple, got a tuple"},
      {[{"a", "b"}, "c: d"], "headers[1] must be a {name, value} tuple, got a binary"},
      {[{"a", "b"}, ["c", "d"]],
       "headers[1] must be a {name, value} tuple, got a list (a charlist? use a double-quoted string)"},
      {[{:"x-chatwoot-signature", "v"}], "headers[0]'s name must be a binary, got an atom"},
      {[{"x-chatwoot-timestamp", 1_767_225_600}],
       "headers[0]'s value must be a binary, got an integer"},
      {%{"x-chatwoot-timestamp" => 1}, "headers' values must be a binary, got an integer"},
      {%{x_chatwoot_timestamp: "1"}, "headers' names must be a binary, got an atom"},
      {%{"x-chatwoot-timestamp" => ["1" | "2"]},
       "a list of values in headers must be a proper list"},
      {%{"x-chatwoot-timestamp" => ["1", :two]}, "headers' values must be a binary, got an atom"}
    ]

    for {headers, message} <- cases do
      calls =
        Enum.drop_every(verify_calls(signed, verifier, %{headers: headers}), 2) ++
          [fn -> ChatwootIdentity.diagnose_webhook(@secret, @body, headers: headers) end]

      for call <- calls do
        error = assert_raise ArgumentError, call
        assert error.message == message
      end
    end
  end

  test "every header pair reaches the core: a map's list of values is one pair each", %{
    signed: signed
  } do
    [{_, timestamp}, {_, signature}, {_, delivery}] = signed.headers

    map = %{
      "x-chatwoot-signature" => [signature],
      "x-chatwoot-timestamp" => timestamp,
      "x-chatwoot-delivery" => delivery
    }

    assert {:ok, webhook} =
             ChatwootIdentity.verify_webhook(@secret, @body, headers: map, now: @now)

    assert webhook.delivery_id == delivery

    twice = %{map | "x-chatwoot-signature" => [signature, signature]}

    assert {:error, %Error{code: :malformed_signature}} =
             ChatwootIdentity.verify_webhook(@secret, @body, headers: twice, now: @now)

    # Plug's req_headers: a repeated header is two pairs, and the core refuses it.
    repeated = [{"x-chatwoot-signature", signature} | signed.headers]

    assert {:error, %Error{code: :malformed_signature}} =
             ChatwootIdentity.verify_webhook(@secret, @body, headers: repeated, now: @now)

    assert {:error, %Error{code: :missing_signature}} =
             ChatwootIdentity.verify_webhook(@secret, @body, headers: [], now: @now)

    assert {:error, %Error{code: :missing_signature}} =
             ChatwootIdentity.verify_webhook(@secret, @body, headers: %{}, now: @now)
  end

  test "now, tolerance and timestamps are whole seconds", %{signed: signed, verifier: verifier} do
    for {term, kind} <- [{"1767225600", "a binary"} | wrong_terms()] do
      for call <- verify_calls(signed, verifier, %{now: term}) do
        error = assert_raise ArgumentError, call
        assert error.message == "now must be Unix seconds (an integer) or nil, got #{kind}"
      end

      for {parameter, expected, call} <- seconds_calls(verifier, term) do
        error = assert_raise ArgumentError, call
        assert error.message == "#{parameter} must be #{expected}, got #{kind}"
      end
    end

    for term <- [-1, 2 ** 64, -(2 ** 70)],
        {parameter, _, call} <- seconds_calls(verifier, term) do
      error = assert_raise ArgumentError, call
      assert error.message == "#{parameter} is out of range: whole seconds from 0 to 2**64-1"
    end

    # The extremes that are in range are taken: 2**64-1 as now is a stale request, not a crash.
    assert {:error, %Error{code: :stale_timestamp}} =
             WebhookVerifier.verify(verifier, @body, headers: signed.headers, now: 2 ** 64 - 1)

    assert {:ok, _} =
             ChatwootIdentity.verify_webhook(@secret, @body,
               headers: signed.headers,
               now: 0,
               tolerance: 2 ** 64 - 1
             )

    # The largest timestamp a verifier reads (18 digits) is the largest one signed.
    assert {:ok, signed} = ChatwootIdentity.sign_webhook(@secret, @body, 10 ** 18 - 1)
    assert signed.timestamp == "999999999999999999"

    assert {:error, %Error{code: :malformed_timestamp}} =
             ChatwootIdentity.sign_webhook(@secret, @body, 10 ** 18)
  end

  test "check_age is a boolean" do
    for {term, kind} <- [{nil, "nil"}, {1, "an integer"}, {"false", "a binary"}, {:no, "an atom"}] do
      error = assert_raise ArgumentError, fn -> WebhookVerifier.new(@secret, check_age: term) end
      assert error.message == "check_age must be a boolean, got #{kind}"
    end
  end

  test "identity_hmac_token is a binary or nil" do
    for {term, kind} <- [{42, "an integer"} | wrong_terms()] do
      error =
        assert_raise ArgumentError, fn ->
          ChatwootIdentity.diagnose_webhook(@secret, @body, [signature: "", timestamp: ""], term)
        end

      assert error.message == "identity_hmac_token must be a binary, got #{kind}"
    end
  end

  test "a verifier parameter takes a WebhookVerifier only", %{signed: signed} do
    signer = ChatwootIdentity.Signer.new!(@secret)

    Support.assert_refused(
      [
        &WebhookVerifier.verify(&1, @body, headers: signed.headers),
        &WebhookVerifier.verify!(&1, @body, signature: "", timestamp: "")
      ],
      [@secret, %{resource: make_ref()}, signer, signer.resource, nil],
      ~r/^verifier must be a ChatwootIdentity.WebhookVerifier, got /
    )
  end

  test "options of the wrong shape name the key, never a value", %{
    signed: signed,
    verifier: verifier
  } do
    both = [headers: signed.headers, signature: signed.signature, timestamp: signed.timestamp]

    cases = [
      {fn -> ChatwootIdentity.verify_webhook(@secret, @body, both) end,
       "verify_webhook/3 takes either headers: or signature: and timestamp:, not both"},
      {fn ->
         WebhookVerifier.verify(verifier, @body, headers: [], signature: signed.signature)
       end,
       "WebhookVerifier.verify/3 takes either headers: or signature: and timestamp:, not both"},
      {fn -> ChatwootIdentity.diagnose_webhook(@secret, @body, headers: [], timestamp: "1") end,
       "diagnose_webhook/4 takes either headers: or signature: and timestamp:, not both"},
      {fn -> ChatwootIdentity.verify_webhook(@secret, @body, now: @now) end,
       "verify_webhook/3 needs the request's headers: (conn.req_headers) or its signature: and timestamp: values"},
      {fn -> ChatwootIdentity.verify_webhook(@secret, @body, signature: signed.signature) end,
       "verify_webhook/3 was given signature: without timestamp:"},
      {fn -> WebhookVerifier.verify(verifier, @body, timestamp: signed.timestamp) end,
       "WebhookVerifier.verify/3 was given timestamp: without signature:"},
      {fn -> ChatwootIdentity.verify_webhook(@secret, @body, headers: [], now: 1, now: 2) end,
       "verify_webhook/3 was given the option :now twice"},
      {fn -> ChatwootIdentity.verify_webhook(@secret, @body, header: signed.headers) end,
       "verify_webhook/3 has no option :header; its options are tolerance:, check_age:, headers:, signature:, timestamp:, now:"},
      {fn -> WebhookVerifier.verify(verifier, @body, headers: [], tolerance: 5) end,
       "WebhookVerifier.verify/3 has no option :tolerance; its options are headers:, signature:, timestamp:, now:"},
      {fn -> WebhookVerifier.new(@secret, now: 5) end,
       "WebhookVerifier.new/2 has no option :now; its options are tolerance:, check_age:"},
      {fn -> ChatwootIdentity.diagnose_webhook(@secret, @body, headers: [], now: 5) end,
       "diagnose_webhook/4 has no option :now; its options are headers:, signature:, timestamp:"},
      {fn -> ChatwootIdentity.verify_webhook(@secret, @body, signed.headers) end,
       "verify_webhook/3 takes a keyword list of options"},
      {fn -> ChatwootIdentity.verify_webhook(@secret, @body, %{headers: []}) end,
       "verify_webhook/3 takes a keyword list of options"},
      {fn -> WebhookVerifier.new(@secret, [:tolerance]) end,
       "WebhookVerifier.new/2 takes a keyword list of options"}
    ]

    for {call, message} <- cases do
      error = assert_raise ArgumentError, call
      assert error.message == message
      refute error.message =~ signed.signature
    end
  end

  test "the webhook NIFs answer a tuple for any term, and never raise", %{verifier: verifier} do
    plain =
      [@secret, 42, nil, [{"a", "b"}], verifier.resource, {:prepare, @secret, 300, true}] ++
        Enum.map(wrong_terms(), &elem(&1, 0))

    # The signed headers in both tagged forms, holding every term in each place.
    signed =
      Enum.flat_map(plain, &[{:headers, &1}, {:values, &1, ""}, {:values, "", &1}]) ++
        [{:headers}, {:values, "", "", ""}, {:other, ""}]

    terms = plain ++ signed

    natives =
      for {name, arity} <- ChatwootIdentity.Native.__info__(:functions),
          name |> Atom.to_string() |> String.contains?("webhook"),
          arity > 0,
          do: {name, arity}

    assert length(natives) == 7

    for {name, arity} <- natives, position <- 0..(arity - 1), term <- terms do
      arguments = List.replace_at(List.duplicate(hd(terms), arity), position, term)
      reply = apply(ChatwootIdentity.Native, name, arguments)

      assert match?({:ok, _}, reply) or match?({:error, %Error{}}, reply) or
               match?({:argument_error, message} when is_binary(message), reply),
             "#{name}/#{arity}: #{inspect(reply)}"
    end
  end

  test "a body from 128 KB is hashed on a dirty scheduler, with the same answers", %{
    verifier: verifier
  } do
    for size <- [128 * 1024 - 1, 128 * 1024, 3 * 1024 * 1024] do
      body = :binary.copy("x", size)
      signed = ChatwootIdentity.sign_webhook!(@secret, body, @now)
      expected = :crypto.mac(:hmac, :sha256, @secret, [signed.timestamp, ".", body])
      assert signed.signature == "sha256=" <> Base.encode16(expected, case: :lower)

      assert {:ok, %{age: 1}} =
               WebhookVerifier.verify(verifier, body, headers: signed.headers, now: @now + 1)

      assert {:ok, %{age: 0}} =
               ChatwootIdentity.verify_webhook(@secret, body,
                 signature: signed.signature,
                 timestamp: signed.timestamp,
                 now: @now
               )

      assert {:error, %Error{code: :signature_mismatch}} =
               WebhookVerifier.verify(verifier, body <> "x", headers: signed.headers, now: @now)

      assert ChatwootIdentity.diagnose_webhook!(@secret, body, headers: signed.headers).verified
    end

    values = {:values, "", ""}
    small = ChatwootIdentity.Native.webhook_verify(verifier.resource, "{}", values, @now)
    assert {:error, %Error{code: :missing_signature}} = small
    big = :binary.copy("x", 128 * 1024)
    assert ChatwootIdentity.Native.webhook_verify(verifier.resource, big, values, @now) == :dirty

    assert ChatwootIdentity.Native.diagnose_webhook(@secret, :binary.copy("x", 3000), values, nil) ==
             :dirty
  end
end
