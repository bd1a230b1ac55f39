defmodule ChatwootIdentity do
  @moduledoc """
  Compute, verify and explain Chatwoot's identity-validation hash (`identifier_hash`).

  A page that embeds the Chatwoot widget proves who the logged-in user is by sending
  `identifier_hash`: the lowercase hex HMAC-SHA256 of the user's identifier, keyed with the
  inbox's HMAC secret. Chatwoot recomputes it from `identifier.to_s` and compares exactly.

      iex> ChatwootIdentity.identifier_hash("your-secret-token-for-hmac", "unique-identifier-of-the-user")
      {:ok, "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"}

  Every function comes in two forms: `identifier_hash/2` returns `{:ok, hash}` or
  `{:error, %ChatwootIdentity.Error{}}` for a value the core refuses (an empty secret or
  identifier, a widget request of another shape); `identifier_hash!/2` returns the hash or
  raises that error. A secret, identifier or hash parameter of the wrong type raises
  `ArgumentError` naming the parameter, in both forms; a value of the wrong type inside a
  widget request, user or settings is the core's `:invalid_widget_request` error, naming its
  path, with `wrong_type: true` (see `ChatwootIdentity.Error`).

  Secrets are binaries (their bytes are the key). Identifiers are binaries (their bytes,
  exactly as given: no trimming, no case folding) or integers (their decimal text, as
  Chatwoot's `to_s` renders them; from -2**127 to 2**128-1). For many hashes with one
  secret, prepare it once with `ChatwootIdentity.Signer`.

  The native library is the `chatwoot-identity` Rust core that every language's package
  shares, loaded as a NIF; the codes of errors and findings are the core's, listed by
  `error_codes/0` and `finding_codes/0`.
  """

  alias ChatwootIdentity.{Native, Result, Signer, Webhook, Widget}

  @typedoc "A user's identifier: a binary, or an integer hashed as its decimal text."
  @type user_identifier :: binary() | integer()

  @typedoc "A secret, or a `ChatwootIdentity.Signer` prepared from it."
  @type secret_or_signer :: binary() | Signer.t()

  @typedoc "HTML that a Phoenix template renders as it is (`Phoenix.HTML.safe/0`)."
  @type safe_html :: {:safe, iodata()}

  @doc """
  The `identifier_hash` Chatwoot expects for `identifier`: 64 lowercase hex characters.

      iex> ChatwootIdentity.identifier_hash("your-secret-token-for-hmac", 42) ==
      ...>   ChatwootIdentity.identifier_hash("your-secret-token-for-hmac", "42")
      true
  """
  @spec identifier_hash(binary(), user_identifier()) ::
          {:ok, String.t()} | {:error, ChatwootIdentity.Error.t()}
  def identifier_hash(secret, identifier),
    do: Result.ok(Native.identifier_hash(secret, identifier))

  @doc "Like `identifier_hash/2`, but returns the hash or raises `ChatwootIdentity.Error`."
  @spec identifier_hash!(binary(), user_identifier()) :: String.t()
  def identifier_hash!(secret, identifier),
    do: Result.value!(Native.identifier_hash(secret, identifier))

  @doc """
  Whether Chatwoot would accept `identifier_hash` for `identifier`.

  `{:ok, true}` exactly when it is the 64 lowercase hex characters Chatwoot computes,
  compared in constant time; anything else is `{:ok, false}`, never an error.

      iex> ChatwootIdentity.verify("your-secret-token-for-hmac", "unique-identifier-of-the-user",
      ...>   "FA803C5EF0DC4056F15936CC79E6C9EB912FE55B5D7AFB9C0A14F3A1A491700C")
      {:ok, false}
  """
  @spec verify(binary(), user_identifier(), binary()) ::
          {:ok, boolean()} | {:error, ChatwootIdentity.Error.t()}
  def verify(secret, identifier, identifier_hash),
    do: Result.ok(Native.verify(secret, identifier, identifier_hash))

  @doc "Like `verify/3`, but returns the boolean or raises `ChatwootIdentity.Error`."
  @spec verify!(binary(), user_identifier(), binary()) :: boolean()
  def verify!(secret, identifier, identifier_hash),
    do: Result.value!(Native.verify(secret, identifier, identifier_hash))

  @doc """
  Why Chatwoot rejects `identifier_hash`: every known mistake that reproduces it (key and
  identifier swapped, uppercase, Base64, a trailing newline, another algorithm, another
  secret, ...), as `ChatwootIdentity.Finding` structs in report order.

      iex> {:ok, diagnosis} = ChatwootIdentity.diagnose("your-secret-token-for-hmac",
      ...>   "unique-identifier-of-the-user", "FA803C5EF0DC4056F15936CC79E6C9EB912FE55B5D7AFB9C0A14F3A1A491700C")
      iex> {diagnosis.verified, Enum.map(diagnosis.findings, & &1.code)}
      {false, [:uppercase_hex]}
  """
  @spec diagnose(binary(), user_identifier(), binary()) ::
          {:ok, ChatwootIdentity.Diagnosis.t()} | {:error, ChatwootIdentity.Error.t()}
  def diagnose(secret, identifier, identifier_hash),
    do: Result.ok(Native.diagnose(secret, identifier, identifier_hash))

  @doc "Like `diagnose/3`, but returns the diagnosis or raises `ChatwootIdentity.Error`."
  @spec diagnose!(binary(), user_identifier(), binary()) :: ChatwootIdentity.Diagnosis.t()
  def diagnose!(secret, identifier, identifier_hash),
    do: Result.value!(Native.diagnose(secret, identifier, identifier_hash))

  @doc """
  The hashes of many identifiers with one secret (or `ChatwootIdentity.Signer`), in order,
  on every core; see `ChatwootIdentity.Signer.identifier_hashes/2`.
  """
  @spec identifier_hashes(secret_or_signer(), [user_identifier()]) ::
          {:ok, [String.t()]} | {:error, ChatwootIdentity.Error.t()}
  def identifier_hashes(%Signer{} = signer, identifiers),
    do: Signer.identifier_hashes(signer, identifiers)

  def identifier_hashes(secret, identifiers) do
    with {:ok, signer} <- Signer.new(secret), do: Signer.identifier_hashes(signer, identifiers)
  end

  @doc "Like `identifier_hashes/2`, but returns the list or raises `ChatwootIdentity.Error`."
  @spec identifier_hashes!(secret_or_signer(), [user_identifier()]) :: [String.t()]
  def identifier_hashes!(%Signer{} = signer, identifiers),
    do: Signer.identifier_hashes!(signer, identifiers)

  def identifier_hashes!(secret, identifiers),
    do: Signer.identifier_hashes!(Signer.new!(secret), identifiers)

  @doc """
  The widget's `<script>` element for a server-rendered page, as `{:safe, iodata}`: a
  Phoenix template (HEEx or EEx) outputs it as it is, without `phoenix_html` being needed
  here.

  It holds Chatwoot's loader, `window.chatwootSettings`, and, with a `:user`,
  `window.$chatwoot.setUser(identifier, {..., identifier_hash})` once the widget is ready.
  Every value is JSON-encoded and escaped for a script element by the core: no name or email
  can end the element or run code.

  Options: `:hmac_secret` (the inbox's HMAC secret, or a `ChatwootIdentity.Signer`; needed
  with a `:user`), and the core's widget request, whose keys are the core's own
  (`WidgetRequest`; snake_case, camelCase read too):

    * `:base_url` (required): the Chatwoot installation, e.g. `"https://app.chatwoot.com"`
    * `:website_token` (required): the inbox's website token
    * `:user`: the logged-in user as a map or keyword list with atom or binary keys:
      `identifier` (binary or integer) and at least one of `name`, `email`, `avatar_url`,
      plus Chatwoot's other contact fields (`phone_number`, `custom_attributes`, ...);
      `nil` (or no `:user`) for a visitor
    * `:settings`: `window.chatwootSettings` as a map or keyword list in snake_case; the
      launcher's look is `type` (`position: :left, type: :expanded_bubble, locale: "pt_BR"`)
    * `:nonce`: the request's Content-Security-Policy nonce; it goes on this element and on
      the SDK's
    * `:debug`: `true` to explain a rejected identity in the browser console (development
      only)

  Values are plain data: binaries (UTF-8), integers, floats, booleans, `nil`, atoms (their
  names), lists, and maps or keyword lists with atom or binary keys. A value the core
  refuses is `{:error, %ChatwootIdentity.Error{}}`: `:invalid_base_url`,
  `:invalid_website_token`, `:invalid_nonce`, `:missing_secret`, `:incomplete_user`, ..., and
  `:invalid_widget_request` for an unknown option, key or setting, a missing one, or a value
  of the wrong type (then `wrong_type: true`), its message starting with the path
  (`"user.email: invalid type: integer, expected a string"`). A tuple, a pid, a function or a
  struct such as `DateTime` is a value of the wrong type too. An `:hmac_secret` of another
  type raises `ArgumentError`.
  """
  @spec widget_script(keyword()) :: {:ok, safe_html()} | {:error, ChatwootIdentity.Error.t()}
  def widget_script(options) do
    with {:ok, html} <- Result.ok(Widget.script(options)), do: {:ok, {:safe, html}}
  end

  @doc "Like `widget_script/1`, but returns `{:safe, iodata}` or raises `ChatwootIdentity.Error`."
  @spec widget_script!(keyword()) :: safe_html()
  def widget_script!(options), do: {:safe, Result.value!(Widget.script(options))}

  @doc """
  A `<script>` element that logs the user out of the widget (`window.$chatwoot.reset()`),
  now or as soon as the widget is ready: render it on the page after logout, or the next
  person on that browser keeps this user's conversation. Option: `:nonce`.
  """
  @spec reset_script(keyword()) :: {:ok, safe_html()} | {:error, ChatwootIdentity.Error.t()}
  def reset_script(options \\ []) do
    with {:ok, html} <- Result.ok(Widget.reset(options)), do: {:ok, {:safe, html}}
  end

  @doc "Like `reset_script/1`, but returns `{:safe, iodata}` or raises `ChatwootIdentity.Error`."
  @spec reset_script!(keyword()) :: safe_html()
  def reset_script!(options \\ []), do: {:safe, Result.value!(Widget.reset(options))}

  @doc """
  What a single-page or React Native app passes to `window.$chatwoot.setUser(payload["identifier"], payload)`
  (or the `user` prop): the user's fields with `"identifier"` (always text: a JavaScript
  number above 2^53 loses digits) and `"identifier_hash"`, as a map with binary keys, ready
  for Phoenix's `json/2`. `hmac_secret` is the inbox's HMAC secret or a
  `ChatwootIdentity.Signer`; `user` is as in `widget_script/1`.
  """
  @spec set_user_payload(secret_or_signer(), map() | keyword()) ::
          {:ok, %{String.t() => term()}} | {:error, ChatwootIdentity.Error.t()}
  def set_user_payload(hmac_secret, user), do: Result.ok(Widget.payload(hmac_secret, user))

  @doc "Like `set_user_payload/2`, but returns the map or raises `ChatwootIdentity.Error`."
  @spec set_user_payload!(secret_or_signer(), map() | keyword()) :: %{String.t() => term()}
  def set_user_payload!(hmac_secret, user), do: Result.value!(Widget.payload(hmac_secret, user))

  @doc """
  `set_user_payload/2` as JSON text, to send as it is (`send_resp/3`). It is not escaped for
  a `<script>` element: to put a user in a page, render `widget_script/1`.
  """
  @spec set_user_payload_json(secret_or_signer(), map() | keyword()) ::
          {:ok, String.t()} | {:error, ChatwootIdentity.Error.t()}
  def set_user_payload_json(hmac_secret, user),
    do: Result.ok(Widget.payload_json(hmac_secret, user))

  @doc "Like `set_user_payload_json/2`, but returns the text or raises `ChatwootIdentity.Error`."
  @spec set_user_payload_json!(secret_or_signer(), map() | keyword()) :: String.t()
  def set_user_payload_json!(hmac_secret, user),
    do: Result.value!(Widget.payload_json(hmac_secret, user))

  @doc """
  `html` with the widget `snippet` (what `widget_script!/1` returns, or its text) inserted
  just before its last `</body>`, or `nil` when the page must be left as it is: it has no
  `</body>` (a fragment), or it already holds a widget (ours, or Chatwoot's own pasted
  snippet). The rule of every package's automatic injection, for a Plug that adds the widget
  to every HTML response.
  """
  @spec insert_widget(iodata() | safe_html(), iodata() | safe_html()) :: String.t() | nil
  def insert_widget(html, snippet),
    do: Result.value!(Native.insert_widget(Widget.text(html), Widget.text(snippet)))

  @doc """
  What the widget snippets that this package rendered into `html` will do: a
  `ChatwootIdentity.PageWidget` (how many snippets, and the user the last one identifies).
  The core finds the snippets by their constant code; nothing here parses HTML. For
  assertions, see `ChatwootIdentity.Testing`.
  """
  @spec read_page(iodata() | safe_html()) :: ChatwootIdentity.PageWidget.t()
  def read_page(html), do: Result.value!(Native.read_page(Widget.text(html)))

  @doc """
  Verifies that a webhook request came from Chatwoot: `secret` is the webhook's secret (the
  webhook's, agent bot's or API inbox's `secret` in Chatwoot, not the inbox's
  identity-validation `hmac_token`), `body` the raw request body, exactly as received (read it
  with `Plug.Conn.read_body/2` before any JSON parser: a body parsed and encoded again no
  longer matches).

  Options, where the signature is:

    * `:headers`: the request's headers, a list of `{name, value}` (Plug's `conn.req_headers`)
      or a map; names in any case, other headers among them. `X-Chatwoot-Delivery` is read
      from them too.
    * or `:signature` and `:timestamp`: the values of `X-Chatwoot-Signature` and
      `X-Chatwoot-Timestamp` (`nil` or `""` for an absent header), not both forms.

  and how it is checked:

    * `:now`: the current Unix time in seconds (default: the system clock).
    * `:tolerance`: how many seconds the timestamp may be from `now`, either way (default 300;
      `0` accepts only the current second).
    * `:check_age`: `false` to verify the signature only (stored requests; default `true`).

  Returns `{:ok, %ChatwootIdentity.VerifiedWebhook{}}` or `{:error, %ChatwootIdentity.Error{}}`
  whose code is one of `:empty_secret`, `:missing_signature`, `:malformed_signature`,
  `:missing_timestamp`, `:malformed_timestamp`, `:signature_mismatch`, `:stale_timestamp`,
  `:future_timestamp`. A value of the wrong type, an unknown option or both forms at once
  raise `ArgumentError`. For many requests, prepare the secret once with
  `ChatwootIdentity.WebhookVerifier`.

      iex> body = ~s({"event":"message_created"})
      iex> signed = ChatwootIdentity.sign_webhook!("webhook-secret", body, 1_767_225_600)
      iex> {:ok, webhook} = ChatwootIdentity.verify_webhook("webhook-secret", body,
      ...>   headers: signed.headers, now: 1_767_225_642)
      iex> {webhook.timestamp, webhook.age}
      {1767225600, 42}
      iex> {:error, error} = ChatwootIdentity.verify_webhook("webhook-secret", body <> " ",
      ...>   signature: signed.signature, timestamp: signed.timestamp)
      iex> error.code
      :signature_mismatch
  """
  @spec verify_webhook(binary(), binary(), keyword()) ::
          {:ok, ChatwootIdentity.VerifiedWebhook.t()} | {:error, ChatwootIdentity.Error.t()}
  def verify_webhook(secret, body, options), do: Result.ok(verify_once(secret, body, options))

  @doc "Like `verify_webhook/3`, but returns the `ChatwootIdentity.VerifiedWebhook` or raises."
  @spec verify_webhook!(binary(), binary(), keyword()) :: ChatwootIdentity.VerifiedWebhook.t()
  def verify_webhook!(secret, body, options),
    do: Result.value!(verify_once(secret, body, options))

  defp verify_once(secret, body, options) do
    {verifier, request} = Webhook.one_off(secret, options)
    Webhook.verify(verifier, body, request, "verify_webhook/3")
  end

  @doc """
  Signs `body` as Chatwoot would at `timestamp` (Unix seconds; default now), for tests of a
  receiver: `{:ok, %ChatwootIdentity.SignedWebhook{signature:, timestamp:, delivery_id:,
  headers:}}`, whose `headers` (lowercase names) can be put on a test request as they are.
  """
  @spec sign_webhook(binary(), binary(), non_neg_integer() | nil) ::
          {:ok, ChatwootIdentity.SignedWebhook.t()} | {:error, ChatwootIdentity.Error.t()}
  def sign_webhook(secret, body, timestamp \\ nil),
    do: Result.ok(Webhook.sign(secret, body, timestamp))

  @doc "Like `sign_webhook/3`, but returns the `ChatwootIdentity.SignedWebhook` or raises."
  @spec sign_webhook!(binary(), binary(), non_neg_integer() | nil) ::
          ChatwootIdentity.SignedWebhook.t()
  def sign_webhook!(secret, body, timestamp \\ nil),
    do: Result.value!(Webhook.sign(secret, body, timestamp))

  @doc """
  Why a webhook's signature does not verify with `secret`: every known mistake that
  reproduces it (the body alone signed, a re-serialized body, uppercase hex, the `sha256=`
  prefix missing or doubled, a timestamp in milliseconds, a trailing newline on the secret,
  the inbox's identity `hmac_token` used instead, when given as `identity_hmac_token`), as
  `ChatwootIdentity.WebhookFinding` structs in report order. `options` are `:headers`, or
  `:signature` and `:timestamp`, as for `verify_webhook/3`; there is no age check.

  Each known mistake costs an HMAC over the body (a few dozen in all): diagnose a failed
  request when debugging, not every request the internet sends.

      iex> signed = ChatwootIdentity.sign_webhook!("webhook-secret", ~S({"content":"\\u003cb\\u003e"}))
      iex> {:ok, diagnosis} = ChatwootIdentity.diagnose_webhook("webhook-secret",
      ...>   ~s({"content":"<b>"}), headers: signed.headers)
      iex> {diagnosis.verified, Enum.map(diagnosis.findings, & &1.code)}
      {false, [:body_escapes_changed]}
  """
  @spec diagnose_webhook(binary(), binary(), keyword(), binary() | nil) ::
          {:ok, ChatwootIdentity.WebhookDiagnosis.t()} | {:error, ChatwootIdentity.Error.t()}
  def diagnose_webhook(secret, body, options, identity_hmac_token \\ nil),
    do: Result.ok(Webhook.diagnose(secret, body, options, identity_hmac_token))

  @doc "Like `diagnose_webhook/4`, but returns the diagnosis or raises `ChatwootIdentity.Error`."
  @spec diagnose_webhook!(binary(), binary(), keyword(), binary() | nil) ::
          ChatwootIdentity.WebhookDiagnosis.t()
  def diagnose_webhook!(secret, body, options, identity_hmac_token \\ nil),
    do: Result.value!(Webhook.diagnose(secret, body, options, identity_hmac_token))

  @doc "Every `ChatwootIdentity.WebhookFinding` code, in report order."
  @spec webhook_finding_codes() :: [atom()]
  def webhook_finding_codes, do: Native.webhook_finding_codes()

  @doc "Every `ChatwootIdentity.Error` code, in the core's order."
  @spec error_codes() :: [atom()]
  def error_codes, do: Native.error_codes()

  @doc "Every `ChatwootIdentity.Finding` code, in report order."
  @spec finding_codes() :: [atom()]
  def finding_codes, do: Native.finding_codes()
end
