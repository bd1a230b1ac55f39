defmodule ChatwootIdentity.Widget do
  # The widget functions' arguments, on their way to the NIF. No option or field is known
  # here: every option of widget_script/1 but :hmac_secret is the core's WidgetRequest, and a
  # user is its WidgetUser, both read from the terms by the NIF (structured_input.rs). The
  # secret travels apart, so it is never part of a structure that could be printed.
  @moduledoc false

  alias ChatwootIdentity.{Native, Signer}

  def script(options) when is_list(options) do
    case Enum.split_with(options, &match?({:hmac_secret, _}, &1)) do
      {[], request} -> Native.widget_script(nil, request)
      {[{_, hmac_secret}], request} -> Native.widget_script(secret(hmac_secret), request)
      _ -> raise ArgumentError, "widget_script/1 was given the option :hmac_secret twice"
    end
  end

  def script(_options),
    do: raise(ArgumentError, "widget_script/1 takes a keyword list of options")

  def reset([]), do: Native.reset_script(nil)
  def reset(nonce: nonce), do: Native.reset_script(nonce)

  def reset(_options),
    do: raise(ArgumentError, "reset_script/1 takes a keyword list with at most the option :nonce")

  def payload(hmac_secret, user), do: Native.set_user_payload(secret(hmac_secret), user)

  def payload_json(hmac_secret, user),
    do: Native.set_user_payload_json(secret(hmac_secret), user)

  @doc "A page or a snippet as one binary: `{:safe, iodata}` (a rendered template) or iodata."
  def text({:safe, iodata}), do: text(iodata)
  def text(binary) when is_binary(binary), do: binary
  def text(iodata) when is_list(iodata), do: IO.iodata_to_binary(iodata)
  def text(other), do: other

  defp secret(%Signer{resource: resource}), do: resource
  defp secret(secret), do: secret
end
