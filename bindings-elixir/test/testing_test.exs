defmodule ChatwootIdentity.TestingTest do
  # The test kit as an application's suite uses it: the right page passes, each wrong one
  # fails with its problem's code and message, and no failure shows the secret.
  use ExUnit.Case, async: true

  import ChatwootIdentity.Testing

  alias ChatwootIdentity.{Error, PageCheck, PageProblem, PageUser, PageWidget, Signer}
  alias ChatwootIdentity.Test.Support

  @base_url "https://chat.example.com"
  @token "QrtMG8GydFgEy7bVzsLLmHoq"
  @secret Support.docs_secret()
  @canary "leak-canary-secret-7Hq2Zx9Pw"
  @user %{identifier: "user-42", name: "Jane Doe", email: "jane@example.com"}

  # What a Plug.Conn is to the kit after a request: a struct with the response's body.
  defmodule Conn do
    defstruct [:resp_body]
  end

  defp page(options) do
    {:safe, snippet} =
      ChatwootIdentity.widget_script!([base_url: @base_url, website_token: @token] ++ options)

    ["<html><body><main>Dashboard</main>", snippet, "</body></html>"]
  end

  defp signed_page(user, secret \\ @secret), do: page(hmac_secret: secret, user: user)

  defp failure(fun) do
    error = assert_raise ExUnit.AssertionError, fun
    error.message
  end

  test "the right page passes and returns what the page holds" do
    user = Map.put(@user, :custom_attributes, %{plan: "pro"})

    check =
      assert_chatwoot_identifies(signed_page(user), identifier: "user-42", hmac_secret: @secret)

    assert %PageCheck{passed: true, problems: [], message: ""} = check

    assert %PageWidget{snippets: 1, resets: 0, escaped_snippets: 0, base_url: @base_url} =
             check.widget

    assert %PageUser{identifier: "user-42", attributes: attributes} = check.widget.user
    assert attributes["email"] == "jane@example.com"
    assert attributes["custom_attributes"] == %{"plan" => "pro"}
    assert check.widget.user.identifier_hash == attributes["identifier_hash"]

    # Fields compare by value; a template rendered as {:safe, iodata} and a conn are pages too.
    assert_chatwoot_identifies({:safe, signed_page(user)},
      hmac_secret: @secret,
      identifier: "user-42",
      email: "jane@example.com",
      custom_attributes: %{plan: "pro"}
    )

    conn = %Conn{resp_body: IO.iodata_to_binary(signed_page(user))}
    assert_chatwoot_identifies(conn, identifier: "user-42", hmac_secret: @secret)
  end

  test "an integer identifier is its decimal text" do
    page = signed_page(%{identifier: 42, name: "Ada"})
    assert_chatwoot_identifies(page, identifier: 42, hmac_secret: @secret)
    assert_chatwoot_identifies(page, identifier: "42", hmac_secret: @secret)
  end

  test "each wrong page fails with its code, and the message never holds the secret" do
    right = signed_page(@user, @canary)
    # What a template that escapes the snippet as text (no {:safe, _}) puts on the page.
    escaped =
      right
      |> IO.iodata_to_binary()
      |> String.replace(["&", "<", ">", "\""], fn
        "&" -> "&amp;"
        "<" -> "&lt;"
        ">" -> "&gt;"
        "\"" -> "&quot;"
      end)

    cases = [
      {"<html><body></body></html>", "user-42", :no_widget},
      {[right, right], "user-42", :several_widgets},
      {escaped, "user-42", :escaped_widget},
      {page([]), "user-42", :anonymous},
      {right, "user-43", :wrong_identifier},
      {signed_page(@user, "another-secret"), "user-42", :hash_mismatch}
    ]

    for {html, identifier, code} <- cases do
      assert {:ok, %PageCheck{passed: false, problems: problems}} =
               check_page_identity(html, identifier, @canary)

      assert code in Enum.map(problems, fn %PageProblem{code: code} -> code end),
             "#{code}: #{inspect(problems)}"

      message =
        failure(fn ->
          assert_chatwoot_identifies(html, identifier: identifier, hmac_secret: @canary)
        end)

      assert message =~ ~s(Expected the page to identify "#{identifier}" to Chatwoot.\n)
      refute message =~ @canary
    end

    message =
      failure(fn ->
        assert_chatwoot_identifies(right,
          identifier: "user-42",
          hmac_secret: @canary,
          email: "ada@example.com"
        )
      end)

    assert message =~ "email"
    refute message =~ @canary
  end

  test "a hash made another way is explained with diagnose's findings" do
    {:ok, lowercase} = ChatwootIdentity.identifier_hash(@secret, "user-42")
    html = IO.iodata_to_binary(signed_page(@user))
    html = String.replace(html, lowercase, String.upcase(lowercase))
    assert {:ok, check} = check_page_identity(html, "user-42", @secret)
    assert [%PageProblem{code: :hash_mismatch, message: message}] = check.problems
    assert message =~ "uppercase"
  end

  test "the page after logout, and an anonymous visitor's, identify nobody" do
    {:safe, reset} = ChatwootIdentity.reset_script!()
    assert %PageCheck{passed: true} = assert_chatwoot_anonymous(["<body>", reset, "</body>"])
    assert_chatwoot_anonymous(page([]))

    message = failure(fn -> assert_chatwoot_anonymous(signed_page(@user)) end)
    assert message =~ "Expected the page to identify nobody to Chatwoot.\n"
    assert message =~ ~s("user-42")

    assert [%PageProblem{code: :unexpected_user}] =
             check_page_anonymous(signed_page(@user)).problems
  end

  test "a set-user payload is checked as a map, as its JSON text, or from a conn" do
    signer = Signer.new!(@secret)
    payload = ChatwootIdentity.set_user_payload!(signer, @user)
    json = ChatwootIdentity.set_user_payload_json!(signer, @user)

    for sent <- [payload, json, %Conn{resp_body: json}] do
      assert %PageCheck{passed: true} =
               assert_chatwoot_payload_identifies(sent,
                 identifier: "user-42",
                 hmac_secret: @secret,
                 name: "Jane Doe"
               )
    end

    message =
      failure(fn ->
        assert_chatwoot_payload_identifies(
          Map.put(payload, "identifier_hash", String.duplicate("0", 64)),
          identifier: "user-42",
          hmac_secret: @secret
        )
      end)

    assert message =~ "Expected the page to identify \"user-42\""

    assert {:ok, %PageCheck{problems: [%PageProblem{code: :malformed_payload}]}} =
             check_payload_identity("[]", "user-42", @secret)
  end

  test "bad arguments are errors naming what is wrong, never passing checks" do
    assert {:error, %Error{code: :empty_secret}} = check_page_identity(page([]), "u", "")

    assert {:error, %Error{code: :invalid_widget_request, message: "fields: " <> _}} =
             check_page_identity(page([]), "u", @secret, [1, 2])

    assert_raise ArgumentError, ~r/:identifier and :hmac_secret/, fn ->
      assert_chatwoot_identifies(page([]), identifier: "u")
    end

    assert_raise ArgumentError, ~r/^hmac_secret must be a binary/, fn ->
      check_page_identity(page([]), "u", :secret)
    end

    assert_raise ArgumentError, ~r/^html must be a binary/, fn -> check_page_anonymous(42) end
  end

  test "read_page and insert_widget are the core's, for a Plug that injects the widget" do
    {:safe, snippet} = ChatwootIdentity.widget_script!(base_url: @base_url, website_token: @token)

    assert %PageWidget{snippets: 1, user: nil} =
             ChatwootIdentity.read_page(["<body>", snippet, "</body>"])

    assert ChatwootIdentity.read_page("<p>no widget</p>") ==
             %PageWidget{snippets: 0, resets: 0, escaped_snippets: 0}

    html = ChatwootIdentity.insert_widget("<html><body><p>hi</p></body></html>", {:safe, snippet})
    assert html == "<html><body><p>hi</p>" <> IO.iodata_to_binary(snippet) <> "</body></html>"
    assert ChatwootIdentity.insert_widget(html, snippet) == nil
    assert ChatwootIdentity.insert_widget("<p>a fragment</p>", snippet) == nil
  end
end
