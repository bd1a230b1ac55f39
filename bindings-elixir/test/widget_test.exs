defmodule ChatwootIdentity.WidgetTest do
  # widget_script / set_user_payload / reset_script: the options reach the core as given, the
  # snippet's JSON holds exactly the values passed, and each bad value fails its own way.
  use ExUnit.Case, async: true

  alias ChatwootIdentity.{Error, Signer}
  alias ChatwootIdentity.Test.{SafeEngine, Support}

  import Support, only: [snippet_config: 1, vector_value: 1]

  @base_url "https://chat.example.com"
  @token "QrtMG8GydFgEy7bVzsLLmHoq"
  @secret Support.docs_secret()
  @user %{identifier: "user-42", name: "Jane Doe", email: "jane@example.com"}

  defp script(options),
    do: ChatwootIdentity.widget_script!([base_url: @base_url, website_token: @token] ++ options)

  test "a visitor gets the loader only, as safe HTML" do
    assert {:safe, html} = script([])
    assert html =~ ~r/\A<script>\n/
    assert snippet_config(html) == %{"baseUrl" => @base_url, "websiteToken" => @token}
    assert html =~ "/packs/js/sdk.js"

    assert ChatwootIdentity.widget_script(base_url: @base_url, website_token: @token, user: nil) ==
             {:ok, {:safe, html}}
  end

  # The expected hash of each identifier is the vector's, computed by Chatwoot's documented
  # snippets in six languages; widget users are text (UTF-8) or integers of up to 128 bits.
  test "a signed-in user gets setUser with the hash of the shared vectors" do
    vectors =
      for vector <- Support.vectors("hash"),
          identifier = vector_value(vector["identifier"]),
          (is_binary(identifier) and String.valid?(identifier)) or
            (is_integer(identifier) and identifier in -(2 ** 127)..(2 ** 128 - 1)),
          do: {vector_value(vector["secret"]), identifier, vector["identifier_hash"]}

    assert length(vectors) > 20

    for {secret, identifier, expected} <- vectors, hmac_secret <- [secret, Signer.new!(secret)] do
      user = %{@user | identifier: identifier}
      config = snippet_config(script(hmac_secret: hmac_secret, user: user))
      assert config["user"]["identifier"] == to_string(identifier)
      assert config["user"]["attributes"]["identifier_hash"] == expected

      payload = ChatwootIdentity.set_user_payload!(hmac_secret, user)
      assert %{"identifier" => text, "identifier_hash" => ^expected} = payload
      assert text == to_string(identifier)
    end
  end

  test "every user field reaches the widget, with string or atom keys, map or keyword list" do
    user =
      Map.merge(@user, %{
        avatar_url: "https://example.com/a.png",
        phone_number: "+15550001111",
        description: "d",
        country_code: "FR",
        city: "Paris",
        company_name: "ACME",
        social_profiles: %{:github => "jane", "twitter" => "@jane"},
        custom_attributes: %{plan: "pro", seats: 3, ratio: 0.5, trial: false}
      })

    config = snippet_config(script(hmac_secret: @secret, user: user))
    attributes = config["user"]["attributes"]

    assert Map.pop(attributes, "identifier_hash") |> elem(1) == %{
             "name" => "Jane Doe",
             "email" => "jane@example.com",
             "avatar_url" => "https://example.com/a.png",
             "phone_number" => "+15550001111",
             "description" => "d",
             "country_code" => "FR",
             "city" => "Paris",
             "company_name" => "ACME",
             "social_profiles" => %{"github" => "jane", "twitter" => "@jane"},
             "custom_attributes" => %{
               "plan" => "pro",
               "seats" => 3,
               "ratio" => 0.5,
               "trial" => false
             }
           }

    with_atoms = script(hmac_secret: @secret, user: @user)

    with_strings =
      script(hmac_secret: @secret, user: Map.new(@user, fn {k, v} -> {"#{k}", v} end))

    as_keywords =
      script(hmac_secret: Signer.new!(@secret), user: Enum.to_list(@user) ++ [city: nil])

    assert with_atoms == with_strings and with_strings == as_keywords
  end

  test "the nonce goes on the element and the SDK's, and settings become chatwootSettings" do
    settings = [
      position: :left,
      type: "expanded_bubble",
      dark_mode: :auto,
      locale: "pt_BR",
      launcher_title: "Chat",
      hide_message_bubble: false,
      use_browser_language: true,
      show_popout_button: nil
    ]

    {:safe, html} = script(nonce: "r4nd0m+/=", settings: settings)
    assert html =~ ~r/\A<script nonce="r4nd0m\+\/=">\n/
    config = snippet_config(html)
    assert config["nonce"] == "r4nd0m+/="

    assert config["settings"] == %{
             "position" => "left",
             "type" => "expanded_bubble",
             "darkMode" => "auto",
             "locale" => "pt_BR",
             "launcherTitle" => "Chat",
             "hideMessageBubble" => false,
             "useBrowserLanguage" => true
           }

    assert script(settings: Map.new(settings)) == script(settings: settings)
  end

  @hostile [
    "</script><script>window.trap()</script>",
    "</SCRIPT >",
    "<!--",
    "<script>",
    "]]>",
    ~S('"\'\"\\),
    "\u2028\u2029",
    "emoji 😀👨‍👩",
    "&amp;&lt;",
    String.duplicate("x", 100_000),
    "\0\t\r\n"
  ]

  test "hostile values cannot end the element, and arrive unchanged" do
    for value <- @hostile do
      user = %{identifier: value, name: value, email: value, custom_attributes: %{value => value}}
      {:safe, html} = script(hmac_secret: @secret, user: user, settings: %{launcher_title: value})
      assert length(Regex.scan(~r{</script}i, html)) == 1, String.slice(value, 0, 40)
      refute html =~ "<!--"
      refute html =~ ~r/[\x{2028}\x{2029}]/u
      config = snippet_config(html)
      assert config["user"]["identifier"] == value
      assert config["user"]["attributes"]["name"] == value
      assert config["user"]["attributes"]["custom_attributes"] == %{value => value}
      assert config["settings"]["launcherTitle"] == value

      assert config["user"]["attributes"]["identifier_hash"] ==
               Support.crypto_hash(@secret, value)
    end
  end

  test "a Phoenix template outputs the snippet as it is, and escapes everything else" do
    template = ~S"<body><%= @greeting %><%= ChatwootIdentity.widget_script!(@widget) %></body>"
    widget = [base_url: @base_url, website_token: @token, hmac_secret: @secret, user: @user]
    page = SafeEngine.render(template, greeting: "<b>hi</b>", widget: widget)
    {:safe, html} = ChatwootIdentity.widget_script!(widget)
    assert page == "<body>&lt;b&gt;hi&lt;/b&gt;" <> html <> "</body>"
  end

  test "set_user_payload is the map an app hands to setUser; the JSON form is the same" do
    payload = ChatwootIdentity.set_user_payload!(@secret, %{@user | identifier: 42})

    assert payload == %{
             "identifier" => "42",
             "identifier_hash" => Support.crypto_hash(@secret, "42"),
             "name" => "Jane Doe",
             "email" => "jane@example.com"
           }

    {:ok, json} =
      ChatwootIdentity.set_user_payload_json(Signer.new!(@secret), %{@user | identifier: "42"})

    assert ChatwootIdentity.Test.JSON.decode!(json) == payload

    assert ChatwootIdentity.set_user_payload(@secret, Enum.to_list(@user)) ==
             {:ok, ChatwootIdentity.set_user_payload!(@secret, @user)}
  end

  test "a custom attribute may be any integer of up to 128 bits, as the core keeps it" do
    user = Map.put(@user, :custom_attributes, %{seats: 2 ** 100})
    {:ok, json} = ChatwootIdentity.set_user_payload_json(@secret, user)
    assert json =~ ~s("seats":#{2 ** 100})

    # The map is built from the core's value, not from parsed JSON, so no digit is lost there.
    for seats <- [2 ** 64 + 1, -(2 ** 63) - 1, 2 ** 127 - 1, -(2 ** 127)] do
      user = Map.put(@user, :custom_attributes, %{seats: seats})
      {:ok, payload} = ChatwootIdentity.set_user_payload(@secret, user)
      assert payload["custom_attributes"]["seats"] === seats
    end
  end

  test "reset_script logs the user out, with or without a nonce" do
    {:safe, html} = ChatwootIdentity.reset_script!()
    assert html =~ "window.$chatwoot.reset()"
    assert html =~ ~r/\A<script>\n/

    assert {:ok, {:safe, "<script nonce=\"abc\">\n" <> _}} =
             ChatwootIdentity.reset_script(nonce: "abc")

    assert ChatwootIdentity.reset_script!(nonce: nil) == {:safe, html}
  end

  test "a value the core refuses is its error, with its code" do
    signed = [hmac_secret: @secret]

    cases = [
      {[base_url: "ftp://x", website_token: @token], :invalid_base_url, "base_url"},
      {[base_url: @base_url, website_token: "short"], :invalid_website_token, "website_token"},
      {[nonce: "a\"b"], :invalid_nonce, "nonce"},
      {[user: @user], :missing_secret, "secret is required"},
      {[hmac_secret: "", user: @user], :empty_secret, "secret must not be empty"},
      {signed ++ [user: %{identifier: "x"}], :incomplete_user, "user needs"},
      {signed ++ [user: %{@user | identifier: ""}], :empty_identifier, "identifier must not"}
    ]

    for {options, code, message} <- cases do
      options = Keyword.merge([base_url: @base_url, website_token: @token], options)
      assert {:error, %Error{code: ^code} = error} = ChatwootIdentity.widget_script(options)
      assert error.message =~ message
      assert_raise Error, fn -> ChatwootIdentity.widget_script!(options) end
    end

    assert {:error, %Error{code: :invalid_nonce}} = ChatwootIdentity.reset_script(nonce: "<x>")

    assert {:error, %Error{code: :incomplete_user}} =
             ChatwootIdentity.set_user_payload(@secret, %{identifier: 1})
  end

  # The shape errors an Elixir value can make beyond JSON's: each is the core's
  # :invalid_widget_request naming the path, with wrong_type exactly for a value of the wrong
  # type; the same error is returned and raised.
  test "a request of another shape is the core's error, naming the path" do
    base = [base_url: @base_url, website_token: @token]
    signed = base ++ [hmac_secret: @secret]
    user = &(signed ++ [user: Map.merge(@user, &1)])
    attribute = &user.(%{custom_attributes: %{at: &1}})

    wrong_types = [
      {user.(%{name: <<255>>}), "user.name: invalid type: non-UTF-8, expected a string"},
      {user.(%{email: 42}), "user.email: invalid type: integer, expected a string"},
      {attribute.({"pro", 1}), "user.custom_attributes.at: invalid type: Tuple, expected text"},
      {attribute.(self()), "user.custom_attributes.at: invalid type: pid, expected text"},
      {attribute.(make_ref()), "user.custom_attributes.at: invalid type: reference, expected"},
      {attribute.(&String.upcase/1), "user.custom_attributes.at: invalid type: function"},
      {attribute.(~U[2024-01-01 00:00:00Z]), "user.custom_attributes.at: invalid type: DateTime"},
      {attribute.(%URI{}), "user.custom_attributes.at: invalid type: URI, expected text"},
      {attribute.(<<1::3>>), "user.custom_attributes.at: invalid type: bitstring, expected"},
      {attribute.([:a | :b]), "user.custom_attributes.at: invalid type: improper, expected"},
      {user.(%{social_profiles: %{github: 1}}),
       "user.social_profiles.github: invalid type: integer"},
      {attribute.(deep(100_000)), "user.custom_attributes.at: invalid type: sequence"},
      {user.(%{custom_attributes: [1, 2]}), "user.custom_attributes: invalid type: sequence"},
      {user.(%{custom_attributes: %{1 => "x"}}),
       "user.custom_attributes.?: invalid type: integer"},
      {signed ++ [user: "user-42"], "user: invalid type: string, expected struct WidgetUser"},
      {signed ++ [user: ["user-42", "Jane"]], "user: invalid type: sequence, expected struct"},
      {signed ++ [user: {:user, 42}], "user: invalid type: Tuple, expected struct WidgetUser"},
      {signed ++ [user: %URI{}], "user: invalid type: URI, expected struct WidgetUser"},
      {base ++ [settings: "left"], "settings: invalid type: string, expected struct"},
      {base ++ [settings: %{position: 1}], "settings.position: invalid type: integer, expected"},
      {base ++ [nonce: 1], "nonce: invalid type: integer, expected a string"},
      {base ++ [debug: "yes"], "debug: invalid type: string, expected a boolean"},
      {[base_url: nil, website_token: @token], "base_url: invalid type: null, expected a string"}
    ]

    other_shapes = [
      {base ++ [colour: "red"], "colour: unknown field `colour`, expected one of"},
      {base ++ [nonce: "a", nonce: "b"], "request: duplicate field `nonce`"},
      {[website_token: @token], "request: missing field `base_url`"},
      {user.(%{"name" => "Jane"}), "user: duplicate field `name`"},
      {user.(%{identifier: 2 ** 128}), "user.identifier: integer out of range: integers from"},
      {base ++ [settings: [position: :top]], "settings.position: unknown variant, expected"},
      {attribute.(nil), "user.custom_attributes.at: null is not a value Chatwoot stores"}
    ]

    for {cases, wrong_type} <- [{wrong_types, true}, {other_shapes, false}],
        {options, message} <- cases do
      assert {:error, %Error{code: :invalid_widget_request} = error} =
               ChatwootIdentity.widget_script(options)

      assert String.starts_with?(error.message, message), "#{inspect(options)}: #{error.message}"
      assert error.wrong_type == wrong_type, error.message
      assert assert_raise(Error, fn -> ChatwootIdentity.widget_script!(options) end) == error
    end

    assert {:error, %Error{code: :invalid_widget_request, wrong_type: true} = error} =
             ChatwootIdentity.set_user_payload(@secret, Map.put(@user, :email, 42))

    assert error.message =~ ~r/^user.email: invalid type: integer/
  end

  defp deep(0), do: "x"
  defp deep(depth), do: [deep(depth - 1)]

  test "atom keys and values are their names; keyword lists are maps; debug reaches the page" do
    atoms = [
      hmac_secret: @secret,
      user: [identifier: :user_42, name: :jane, custom_attributes: [plan: :pro]],
      settings: [position: :left, type: :expanded_bubble],
      debug: true
    ]

    binaries = [
      hmac_secret: @secret,
      user: %{
        "identifier" => "user_42",
        "name" => "jane",
        "custom_attributes" => %{"plan" => "pro"}
      },
      settings: %{"position" => "left", "type" => "expanded_bubble"},
      debug: true
    ]

    assert script(atoms) == script(binaries)
    config = snippet_config(script(atoms))
    assert config["debug"] == true
    assert config["user"]["attributes"]["custom_attributes"] == %{"plan" => "pro"}
    assert config["settings"] == %{"position" => "left", "type" => "expanded_bubble"}
    refute snippet_config(script(debug: false))["debug"]
  end

  test "an argument that is not a request raises ArgumentError naming it" do
    base = [base_url: @base_url, website_token: @token]

    cases = [
      {fn -> ChatwootIdentity.widget_script(%{base_url: @base_url}) end,
       "widget_script/1 takes a keyword list of options"},
      {fn -> ChatwootIdentity.widget_script!(base ++ [hmac_secret: 42, user: @user]) end,
       "hmac_secret must be a binary or a ChatwootIdentity.Signer, got an integer"},
      {fn -> ChatwootIdentity.widget_script(base ++ [hmac_secret: "a", hmac_secret: "b"]) end,
       "widget_script/1 was given the option :hmac_secret twice"},
      {fn -> ChatwootIdentity.reset_script(user: @user) end,
       "reset_script/1 takes a keyword list with at most the option :nonce"},
      {fn -> ChatwootIdentity.reset_script!(nonce: 1) end,
       "nonce must be a binary or nil, got an integer"},
      {fn -> ChatwootIdentity.set_user_payload(nil, @user) end,
       "hmac_secret must be a binary or a ChatwootIdentity.Signer, got nil"}
    ]

    for {call, message} <- cases, do: assert_raise(ArgumentError, message, call)
  end

  # tests/vectors/widget.json, as tests/vectors/README.md says: each request's keys become the
  # options (atoms); the values are as a JSON decoder gives them (maps with binary keys).
  @widget_vectors Support.vectors("widget")
  if @widget_vectors == [], do: raise("widget.json has no vectors")

  for {vector, index} <- Enum.with_index(@widget_vectors) do
    @tag vector: vector
    test "widget vector #{String.pad_leading("#{index}", 3, "0")} #{vector["description"]}",
         %{vector: vector} do
      run_widget_vector(vector)
    end
  end

  defp run_widget_vector(vector) do
    known = ~w(description secret request set_user_payload error)
    assert Map.keys(vector) -- known == [], "a widget vector of another shape: #{inspect(vector)}"
    request = vector["request"]
    secret = vector["secret"]

    options =
      [hmac_secret: secret] ++ for {key, value} <- request, do: {String.to_atom(key), value}

    case vector do
      %{"error" => expected} ->
        assert {:error, %Error{} = error} = ChatwootIdentity.widget_script(options)
        assert Atom.to_string(error.code) == expected["code"], error.message

        if path = expected["path"],
          do: assert(String.starts_with?(error.message, path <> ": "), error.message)

        assert error.wrong_type == expected["wrong_type"], error.message
        assert assert_raise(Error, fn -> ChatwootIdentity.widget_script!(options) end) == error

      _ ->
        assert {:ok, {:safe, html}} = ChatwootIdentity.widget_script(options)

        if user = request["user"] do
          payload = Map.fetch!(vector, "set_user_payload")
          assert html =~ payload["identifier_hash"]
          assert ChatwootIdentity.set_user_payload(secret, user) == {:ok, payload}
          json = ChatwootIdentity.set_user_payload_json!(secret, user)
          assert ChatwootIdentity.Test.JSON.decode!(json) == payload
        end
    end
  end
end
