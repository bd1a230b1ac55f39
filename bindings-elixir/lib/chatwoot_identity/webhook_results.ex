defmodule ChatwootIdentity.VerifiedWebhook do
  @moduledoc """
  A webhook that passed verification: Chatwoot signed this body at `timestamp` (Unix seconds),
  `age` seconds before `now` (negative when the timestamp is ahead, within the tolerance).

  `delivery_id` is `X-Chatwoot-Delivery` when the headers had it (`nil` otherwise, and always
  with the `signature:`/`timestamp:` form). It is not signed: use it to process each delivery
  once (Chatwoot retries a delivery with the same id, signed afresh, when it got no 2xx answer
  within 5 seconds), never for replay defence.

  `replay_key` is the key for replay defence: remember it for twice the tolerance (Redis
  `SET key 1 NX EX 600`) and refuse a request whose key was seen before. It is what an attacker
  would need to replay the request, so `inspect/2` does not show it: keep it out of logs.
  """

  defstruct [:timestamp, :age, :delivery_id, :replay_key]

  @type t :: %__MODULE__{
          timestamp: non_neg_integer(),
          age: integer(),
          delivery_id: String.t() | nil,
          replay_key: String.t()
        }

  defimpl Inspect do
    import Inspect.Algebra

    def inspect(webhook, opts) do
      fields = [timestamp: webhook.timestamp, age: webhook.age, delivery_id: webhook.delivery_id]

      concat([
        "#ChatwootIdentity.VerifiedWebhook<",
        to_doc(fields, opts),
        ", replay_key: redacted>"
      ])
    end
  end
end

defmodule ChatwootIdentity.SignedWebhook do
  @moduledoc """
  What `ChatwootIdentity.sign_webhook/3` made: the three headers Chatwoot would send with the
  body, for an integrator's own tests. `signature` is `X-Chatwoot-Signature`, `timestamp`
  `X-Chatwoot-Timestamp` (decimal text), `delivery_id` a random UUID for
  `X-Chatwoot-Delivery` (not signed: overwrite it for a fixed one), and `headers` the three as
  `{name, value}` pairs with lowercase names, as Plug holds them
  (`Plug.Conn.put_req_header/3` takes them as they are).
  """

  defstruct [:signature, :timestamp, :delivery_id, :headers]

  @type t :: %__MODULE__{
          signature: String.t(),
          timestamp: String.t(),
          delivery_id: String.t(),
          headers: [{String.t(), String.t()}]
        }
end

defmodule ChatwootIdentity.WebhookDiagnosis do
  @moduledoc """
  What `ChatwootIdentity.diagnose_webhook/4` found out: whether the signature verifies as it is
  (leaving the age check aside), and every known mistake that explains it, as
  `ChatwootIdentity.WebhookFinding` structs in report order (empty when `verified`, except
  `:timestamp_in_milliseconds`, which is about the age).
  """

  defstruct [:verified, :findings]

  @type t :: %__MODULE__{verified: boolean(), findings: [ChatwootIdentity.WebhookFinding.t()]}
end

defmodule ChatwootIdentity.WebhookFinding do
  @moduledoc """
  One reason a webhook signature does not verify: `code` is stable and shared by every
  language's package (all of them in `ChatwootIdentity.webhook_finding_codes/0`), `message` a
  fixed sentence. Neither ever contains the secret or the signature.
  """

  defstruct [:code, :message]

  @type t :: %__MODULE__{code: atom(), message: String.t()}
end
