defmodule ChatwootIdentity.Diagnosis do
  @moduledoc """
  What `ChatwootIdentity.diagnose/3` found out: whether Chatwoot would accept the candidate as
  it is, and every known mistake that explains it (empty when `verified`).
  """

  defstruct [:verified, :findings]

  @type t :: %__MODULE__{verified: boolean(), findings: [ChatwootIdentity.Finding.t()]}
end

defmodule ChatwootIdentity.Finding do
  @moduledoc """
  One reason Chatwoot rejects a hash: `code` is stable and shared by every language's package
  (all of them in `ChatwootIdentity.finding_codes/0`), `message` a sentence a support engineer
  can paste. Neither ever contains the secret.
  """

  defstruct [:code, :message]

  @type t :: %__MODULE__{code: atom(), message: String.t()}
end
