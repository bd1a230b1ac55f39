defmodule ChatwootIdentity.Native do
  # The NIF built from native/chatwoot_identity_nif by the compiler in mix.exs. Every function
  # answers {:ok, value}, {:error, %ChatwootIdentity.Error{}}, {:argument_error, message} or
  # {:internal_error, message}; none raises (see native/chatwoot_identity_nif/src/lib.rs).
  @moduledoc false

  @on_load :load_nif

  def load_nif do
    path = :filename.join(:code.priv_dir(:chatwoot_identity), ~c"native/chatwoot_identity_nif")
    :erlang.load_nif(path, 0)
  end

  def identifier_hash(_secret, _identifier), do: not_loaded()
  def verify(_secret, _identifier, _identifier_hash), do: not_loaded()
  def diagnose(_secret, _identifier, _identifier_hash), do: not_loaded()
  def signer_new(_secret), do: not_loaded()
  def signer_identifier_hash(_signer, _identifier), do: not_loaded()
  def signer_verify(_signer, _identifier, _identifier_hash), do: not_loaded()
  def signer_identifier_hashes(_signer, _identifiers), do: not_loaded()
  def signer_identifier_hashes_dirty(_signer, _identifiers), do: not_loaded()

  def widget_script(_hmac_secret, _request), do: not_loaded()
  def reset_script(_nonce), do: not_loaded()
  def set_user_payload(_hmac_secret, _user), do: not_loaded()
  def set_user_payload_json(_hmac_secret, _user), do: not_loaded()
  def webhook_verifier_new(_secret, _tolerance, _check_age), do: not_loaded()
  # `signed`: {:headers, headers} or {:values, signature, timestamp} (see webhook.ex).
  def webhook_verify(_verifier, _body, _signed, _now), do: not_loaded()
  def webhook_verify_dirty(_verifier, _body, _signed, _now), do: not_loaded()
  def sign_webhook(_secret, _body, _timestamp), do: not_loaded()
  def sign_webhook_dirty(_secret, _body, _timestamp), do: not_loaded()
  def diagnose_webhook(_secret, _body, _signed, _token), do: not_loaded()
  def diagnose_webhook_dirty(_secret, _body, _signed, _token), do: not_loaded()
  def webhook_finding_codes, do: not_loaded()
  def default_webhook_tolerance, do: not_loaded()

  def read_page(_html), do: not_loaded()
  def insert_widget(_html, _snippet), do: not_loaded()
  def check_page_identity(_html, _hmac_secret, _identifier, _fields), do: not_loaded()
  def check_payload_identity(_payload, _hmac_secret, _identifier, _fields), do: not_loaded()
  def check_page_anonymous(_html), do: not_loaded()

  def error_codes, do: not_loaded()
  def finding_codes, do: not_loaded()

  defp not_loaded, do: :erlang.nif_error(:nif_not_loaded)
end
