defmodule ChatwootIdentity.Testing do
  @moduledoc """
  The test kit for an application's own suite: which identity will a rendered page (or a
  `ChatwootIdentity.set_user_payload/2` payload) send to Chatwoot, and will Chatwoot accept
  it? The core reads back the snippet this package rendered, verifies its `identifier_hash`
  with the secret, compares the identifier and any fields, and explains a rejected hash with
  `ChatwootIdentity.diagnose/3`'s findings.

      import ChatwootIdentity.Testing

      test "the dashboard identifies the signed-in user", %{conn: conn} do
        conn = get(conn, "/dashboard")
        assert_chatwoot_identifies(conn, identifier: "user-42", hmac_secret: @secret,
                                         email: "jane@example.com")
      end

      test "the page after logout identifies nobody", %{conn: conn} do
        assert_chatwoot_anonymous(get(conn, "/logged-out"))
      end

  A page is a binary, iodata, `{:safe, iodata}` (a rendered template) or anything with a
  binary `resp_body` (a `Plug.Conn` after the request). The options are `:identifier`
  (a binary or an integer, its decimal text), `:hmac_secret` (the inbox's secret) and any
  payload keys to compare (`email: ...`, `custom_attributes: %{...}`). A failed check raises
  `ExUnit.AssertionError` with each problem's message; the message never holds the secret.
  """

  alias ChatwootIdentity.{Native, PageCheck, Result, Widget}

  @typedoc "A rendered page: a binary, iodata, `{:safe, iodata}` or a `Plug.Conn` after the request."
  @type page :: iodata() | {:safe, iodata()} | %{resp_body: binary()}

  @doc """
  Asserts that `page` renders the widget once, for `options[:identifier]`, with an
  `identifier_hash` that verifies under `options[:hmac_secret]`, and with each other option as
  a payload field of that value. Returns the `ChatwootIdentity.PageCheck`.
  """
  @spec assert_chatwoot_identifies(page(), keyword()) :: PageCheck.t()
  def assert_chatwoot_identifies(page, options) do
    {identifier, hmac_secret, fields} = expected(options, "assert_chatwoot_identifies/2")
    passed!(check_page_identity!(page, identifier, hmac_secret, fields), identifier)
  end

  @doc """
  As `assert_chatwoot_identifies/2`, for a set-user payload: the map of
  `ChatwootIdentity.set_user_payload/2`, its JSON text, or a `Plug.Conn` that sent it.
  """
  @spec assert_chatwoot_payload_identifies(map() | page(), keyword()) :: PageCheck.t()
  def assert_chatwoot_payload_identifies(payload, options) do
    {identifier, hmac_secret, fields} = expected(options, "assert_chatwoot_payload_identifies/2")
    passed!(check_payload_identity!(payload, identifier, hmac_secret, fields), identifier)
  end

  @doc "Asserts that `page` identifies nobody: an anonymous visitor's widget, or `reset_script/1` after logout."
  @spec assert_chatwoot_anonymous(page()) :: PageCheck.t()
  def assert_chatwoot_anonymous(page) do
    check = check_page_anonymous(page)

    unless check.passed do
      raise ExUnit.AssertionError,
        message: "Expected the page to identify nobody to Chatwoot.\n" <> check.message
    end

    check
  end

  @doc """
  The check behind `assert_chatwoot_identifies/2`, without asserting: `{:ok, check}` whether
  or not it passed, or `{:error, %ChatwootIdentity.Error{}}` (an empty secret, fields that are
  not a map or keyword list).
  """
  @spec check_page_identity(
          page(),
          ChatwootIdentity.user_identifier(),
          binary(),
          map() | keyword()
        ) ::
          {:ok, PageCheck.t()} | {:error, ChatwootIdentity.Error.t()}
  def check_page_identity(page, identifier, hmac_secret, fields \\ []),
    do: Result.ok(Native.check_page_identity(html(page), hmac_secret, identifier, fields))

  @doc "The check behind `assert_chatwoot_payload_identifies/2`, without asserting."
  @spec check_payload_identity(
          map() | page(),
          ChatwootIdentity.user_identifier(),
          binary(),
          map() | keyword()
        ) ::
          {:ok, PageCheck.t()} | {:error, ChatwootIdentity.Error.t()}
  def check_payload_identity(payload, identifier, hmac_secret, fields \\ []),
    do:
      Result.ok(Native.check_payload_identity(payload(payload), hmac_secret, identifier, fields))

  @doc "The check behind `assert_chatwoot_anonymous/1`, without asserting."
  @spec check_page_anonymous(page()) :: PageCheck.t()
  def check_page_anonymous(page), do: Result.value!(Native.check_page_anonymous(html(page)))

  defp check_page_identity!(page, identifier, hmac_secret, fields),
    do: Result.value!(Native.check_page_identity(html(page), hmac_secret, identifier, fields))

  defp check_payload_identity!(payload, identifier, hmac_secret, fields) do
    Result.value!(
      Native.check_payload_identity(payload(payload), hmac_secret, identifier, fields)
    )
  end

  defp passed!(%PageCheck{passed: true} = check, _identifier), do: check

  defp passed!(check, identifier) do
    raise ExUnit.AssertionError,
      message:
        "Expected the page to identify #{inspect(identifier)} to Chatwoot.\n" <> check.message
  end

  # The identity options and the fields: every other option is a payload key to compare.
  defp expected(options, function) when is_list(options) do
    {identity, fields} = Keyword.split(options, [:identifier, :hmac_secret])

    case identity do
      [identifier: identifier, hmac_secret: secret] ->
        {identifier, secret, fields}

      [hmac_secret: secret, identifier: identifier] ->
        {identifier, secret, fields}

      _ ->
        raise ArgumentError,
              "#{function} needs the options :identifier and :hmac_secret, once each"
    end
  end

  defp expected(_options, function),
    do: raise(ArgumentError, "#{function} takes a keyword list of options")

  defp html(%{resp_body: body}) when is_binary(body), do: body
  defp html(page), do: Widget.text(page)

  # A payload map as it is (the NIF reads it as JSON); its text or a response as text.
  defp payload(payload) when is_map(payload) and not is_struct(payload), do: payload
  defp payload(payload), do: html(payload)
end
