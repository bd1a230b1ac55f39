defmodule ChatwootIdentity.Error do
  @moduledoc """
  A value the core refused: `code` is the core's stable code, shared by every language's
  package (`:empty_secret`, `:empty_identifier`, ...; all of them in
  `ChatwootIdentity.error_codes/0`), and `message` names the parameter at fault. Neither ever
  contains the secret or the identifier, so both are safe to log.

  Returned as `{:error, %ChatwootIdentity.Error{}}`, and raised by the bang functions.
  """

  defexception [:code, :message]

  @type t :: %__MODULE__{code: atom(), message: String.t()}
end
