defmodule ChatwootIdentity.Error do
  @moduledoc """
  A value the core refused: `code` is the core's stable code, shared by every language's
  package (`:empty_secret`, `:empty_identifier`, `:invalid_widget_request`, ...; all of them
  in `ChatwootIdentity.error_codes/0`), and `message` names the parameter or the path at
  fault (`"user.custom_attributes.plan: ..."`). Neither ever contains the secret or the
  identifier, so both are safe to log.

  `wrong_type` is `true` when a widget request, user or settings held a value of the wrong
  type somewhere (a number where text belongs, a tuple, a pid, a `DateTime`): where other
  languages raise their `TypeError`, Elixir returns or raises this error with the flag set.
  It is `false` for every other refusal (an unknown key, an unknown setting, an empty
  secret, ...).

  Returned as `{:error, %ChatwootIdentity.Error{}}`, and raised by the bang functions.
  """

  defexception [:code, :message, wrong_type: false]

  @type t :: %__MODULE__{code: atom(), message: String.t(), wrong_type: boolean()}
end
