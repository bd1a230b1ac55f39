defmodule ChatwootIdentity.SecrecyTest do
  # The secret never shows in anything printed, logged, raised or reported: inspect, error
  # messages, stacktraces (a NIF's frame would carry its arguments, which is why no NIF
  # raises) and the crash reports of processes that die holding a Signer or calling with the
  # secret.
  use ExUnit.Case, async: false

  import ExUnit.CaptureLog

  alias ChatwootIdentity.{Signer, WebhookVerifier}
  alias ChatwootIdentity.Test.Support

  @secret Support.canary_secret()
  @widget [base_url: "https://chat.example.com", website_token: "QrtMG8GydFgEy7bVzsLLmHoq"]
  @user %{identifier: "user", name: "Jane"}

  # Every failing call that is given the secret, as a binary and in a Signer, in each
  # position where a mistake could put it.
  defp failing_calls do
    signer = Signer.new!(@secret)
    atom = String.to_atom(@secret)

    calls =
      [
        fn -> ChatwootIdentity.identifier_hash!(@secret, "") end,
        fn -> ChatwootIdentity.identifier_hash!(@secret, 4.2) end,
        fn -> ChatwootIdentity.identifier_hash!(atom, "user") end,
        fn -> ChatwootIdentity.identifier_hash!("", @secret) end,
        fn -> ChatwootIdentity.identifier_hash!(@secret, 2 ** 300) end,
        fn -> ChatwootIdentity.verify!(@secret, "user", atom) end,
        fn -> ChatwootIdentity.diagnose!(@secret, nil, "x") end,
        fn -> ChatwootIdentity.identifier_hashes!(@secret, ["ok", ""]) end,
        fn -> ChatwootIdentity.identifier_hashes!(@secret, ["ok", atom]) end,
        fn -> Signer.new!(atom) end,
        fn -> Signer.identifier_hash!(@secret, "user") end,
        fn -> Signer.identifier_hash!(signer, "") end,
        fn -> Signer.identifier_hashes!(signer, [@secret, :x]) end,
        fn -> ChatwootIdentity.widget_script!(@widget ++ [hmac_secret: atom, user: @user]) end,
        fn ->
          ChatwootIdentity.widget_script!(@widget ++ [base_url: "https://u:#{@secret}@x.com"])
        end,
        fn -> ChatwootIdentity.reset_script!(nonce: @secret <> "<") end
      ] ++ webhook_calls(atom)

    widget =
      for hmac_secret <- [@secret, signer],
          user <- [
            %{identifier: "user"},
            %{@user | identifier: ""},
            Map.put(@user, :name, 1),
            Map.put(@user, :x, 1),
            Map.put(@user, :custom_attributes, %{n: self()})
          ] do
        [
          fn ->
            ChatwootIdentity.widget_script!(@widget ++ [hmac_secret: hmac_secret, user: user])
          end,
          fn -> ChatwootIdentity.set_user_payload!(hmac_secret, user) end
        ]
      end

    calls ++ List.flatten(widget)
  end

  # The webhook functions, given the secret as the key and where a mistake could put it (a
  # header value, the identity token, a one-off verifier's tuple).
  defp webhook_calls(atom) do
    verifier = WebhookVerifier.new!(@secret)
    body = ~s({"event":"message_created"})
    signed = ChatwootIdentity.sign_webhook!(@secret, body, 1_767_225_600)

    [
      fn -> ChatwootIdentity.verify_webhook!(@secret, body, headers: signed.headers) end,
      fn -> ChatwootIdentity.verify_webhook!(@secret, body <> " ", headers: signed.headers) end,
      fn -> ChatwootIdentity.verify_webhook!(@secret, 4.2, headers: signed.headers) end,
      fn -> ChatwootIdentity.verify_webhook!(atom, body, headers: []) end,
      fn -> ChatwootIdentity.verify_webhook!(@secret, body, headers: [], tolerance: -1) end,
      fn ->
        ChatwootIdentity.verify_webhook!(@secret, body,
          headers: [{"x-chatwoot-signature", @secret}]
        )
      end,
      fn ->
        ChatwootIdentity.verify_webhook!(@secret, body, signature: @secret, timestamp: @secret)
      end,
      fn -> ChatwootIdentity.verify_webhook!(@secret, body, headers: [], signature: @secret) end,
      fn -> WebhookVerifier.new!(atom) end,
      fn -> WebhookVerifier.new!(@secret, check_age: @secret) end,
      fn -> WebhookVerifier.verify!(verifier, body, headers: %{@secret => 1}) end,
      fn ->
        WebhookVerifier.verify!(verifier, body, signature: signed.signature, timestamp: "1")
      end,
      fn -> WebhookVerifier.verify!(@secret, body, headers: signed.headers) end,
      fn -> ChatwootIdentity.sign_webhook!(@secret, 42) end,
      fn -> ChatwootIdentity.sign_webhook!(@secret, body, @secret) end,
      fn -> ChatwootIdentity.diagnose_webhook!(@secret, :body, headers: []) end,
      fn -> ChatwootIdentity.diagnose_webhook!("", body, [headers: signed.headers], @secret) end,
      fn -> ChatwootIdentity.diagnose_webhook!(@secret, body, [headers: []], atom) end
    ]
  end

  test "no exception, message or stacktrace holds the secret" do
    for call <- failing_calls() do
      {exception, stacktrace} =
        try do
          call.()
          flunk("expected an exception")
        rescue
          exception -> {exception, __STACKTRACE__}
        end

      text = Exception.format(:error, exception, stacktrace) <> inspect(exception)
      refute text =~ @secret, text

      # No frame carries arguments: a NIF's would, and one of them would be the secret.
      assert Enum.all?(stacktrace, fn {_, _, arity, _} -> is_integer(arity) end), text
    end
  end

  test "a process that crashes calling with the secret reports no secret" do
    for call <- failing_calls() do
      log = capture_log(fn -> crash(call) end)
      assert log =~ "terminating" or log =~ "raised", log
      refute log =~ @secret, log
    end
  end

  # A GenServer that holds a value and dies running `call` on it: its crash report prints the
  # state, so it shows what a log would of a Signer or a WebhookVerifier an application holds.
  defmodule Holder do
    use GenServer
    def init(held), do: {:ok, %{held: held}}

    def handle_call({:crash, call}, _from, state), do: {:reply, call.(state.held), state}
  end

  defp holder_crash_log(held, call) do
    {:ok, pid} = GenServer.start(Holder, held)

    capture_log(fn ->
      catch_exit(GenServer.call(pid, {:crash, call}))
      Process.sleep(50)
    end)
  end

  test "a GenServer that dies holding a Signer reports it redacted" do
    log = holder_crash_log(Signer.new!(@secret), &Signer.identifier_hash!(&1, ""))

    assert log =~ "#ChatwootIdentity.Signer<secret: redacted>", log
    refute log =~ @secret
  end

  test "a GenServer that dies holding a WebhookVerifier reports it redacted" do
    verifier = WebhookVerifier.new!(@secret, tolerance: 60)
    log = holder_crash_log(verifier, &WebhookVerifier.verify!(&1, "{}", headers: []))

    assert log =~ "#ChatwootIdentity.WebhookVerifier<secret: redacted, tolerance: 60>", log
    assert log =~ "missing_signature" or log =~ "X-Chatwoot-Signature", log
    refute log =~ @secret
  end

  test "what the webhook functions return holds no secret, and inspect hides the replay key" do
    verifier = WebhookVerifier.new!(@secret)
    body = ~s({"event":"message_created"})
    signed = ChatwootIdentity.sign_webhook!(@secret, body)
    webhook = WebhookVerifier.verify!(verifier, body, headers: signed.headers)

    assert inspect(webhook) ==
             "#ChatwootIdentity.VerifiedWebhook<[timestamp: #{webhook.timestamp}, age: #{webhook.age}, " <>
               "delivery_id: #{inspect(signed.delivery_id)}], replay_key: redacted>"

    refute inspect(webhook) =~ webhook.replay_key
    assert inspect(WebhookVerifier.new!(@secret, check_age: false)) =~ "tolerance: :unchecked"

    diagnoses =
      for token <- [nil, @secret],
          candidate <- [
            signed.signature,
            @secret,
            "sha256=" <> @secret,
            String.upcase(signed.signature)
          ] do
        ChatwootIdentity.diagnose_webhook!(
          @secret,
          body,
          [signature: candidate, timestamp: signed.timestamp],
          token
        )
      end

    texts = [
      inspect(verifier),
      inspect(verifier, structs: false),
      inspect(signed),
      inspect(webhook),
      inspect(diagnoses)
    ]

    for text <- texts, do: refute(text =~ @secret, text)
    assert :binary.match(:erlang.term_to_binary(verifier), @secret) == :nomatch
  end

  test "what the functions return holds no secret" do
    signer = Signer.new!(@secret)
    {:safe, html} = ChatwootIdentity.widget_script!(@widget ++ [hmac_secret: signer, user: @user])
    payload = ChatwootIdentity.set_user_payload!(@secret, @user)

    texts =
      [html, inspect(payload), inspect(signer), inspect(signer, structs: false)] ++
        for candidate <- [
              @secret,
              " #{@secret}",
              ChatwootIdentity.identifier_hash!("user", @secret),
              "nope"
            ] do
          inspect(ChatwootIdentity.diagnose!(@secret, "user", candidate))
        end

    for text <- texts, do: refute(text =~ @secret, text)
    assert :binary.match(:erlang.term_to_binary(signer), @secret) == :nomatch
  end

  test "the canary would be found if it leaked" do
    assert capture_log(fn -> crash(fn -> raise ArgumentError, @secret end) end) =~ @secret
  end

  defp crash(call) do
    {:ok, pid} = Task.start(call)
    ref = Process.monitor(pid)
    assert_receive {:DOWN, ^ref, :process, ^pid, _}, 5000
    # The report is written by the logger process after the exit.
    Process.sleep(20)
  end
end
