defmodule ChatwootIdentity.PageCheck do
  @moduledoc """
  The answer of a test-kit check (`ChatwootIdentity.Testing`): `passed` exactly when
  `problems` is empty; `message` is the problems' messages, one per line, as an assertion
  reports them; `widget` is what the page holds, for the test's own further assertions.
  """

  defstruct [:passed, :problems, :widget, :message]

  @type t :: %__MODULE__{
          passed: boolean(),
          problems: [ChatwootIdentity.PageProblem.t()],
          widget: ChatwootIdentity.PageWidget.t(),
          message: String.t()
        }
end

defmodule ChatwootIdentity.PageProblem do
  @moduledoc """
  One reason a check failed: `code` is stable and shared by every language's package
  (`:no_widget`, `:escaped_widget`, `:several_widgets`, `:anonymous`, `:unexpected_user`,
  `:wrong_identifier`, `:hash_mismatch`, `:field_mismatch`, `:malformed_payload`); `message`
  has the particulars. It may quote identifiers and fields from the page, never the secret.
  """

  defstruct [:code, :message]

  @type t :: %__MODULE__{code: atom(), message: String.t()}
end

defmodule ChatwootIdentity.PageWidget do
  @moduledoc """
  What the widget snippets on a page will do, as `ChatwootIdentity.read_page/1` reads them:
  how many snippets, `reset_script` elements and HTML-escaped snippets (which never run) it
  holds, and the last snippet's `base_url`, `website_token` and `user` (`nil` for an
  anonymous visitor).
  """

  defstruct [:snippets, :resets, :escaped_snippets, :base_url, :website_token, :user]

  @type t :: %__MODULE__{
          snippets: non_neg_integer(),
          resets: non_neg_integer(),
          escaped_snippets: non_neg_integer(),
          base_url: String.t() | nil,
          website_token: String.t() | nil,
          user: ChatwootIdentity.PageUser.t() | nil
        }
end

defmodule ChatwootIdentity.PageUser do
  @moduledoc """
  The user a page identifies: the identifier given to `window.$chatwoot.setUser`, the
  `identifier_hash` sent with it, and every attribute sent (a map with binary keys, as the
  snippet's JSON decodes).
  """

  defstruct [:identifier, :identifier_hash, :attributes]

  @type t :: %__MODULE__{
          identifier: String.t(),
          identifier_hash: String.t(),
          attributes: %{optional(String.t()) => term()}
        }
end
