defmodule ChatwootIdentity.WebhookVectorsTest do
  # One test per vector of tests/vectors/webhook.json, so a failure names its description:
  # every verification vector through the header-list form (as Plug's conn.req_headers, and as
  # a map where no name repeats) and, when it has the two values, through the two-value form,
  # each one-off and through a WebhookVerifier; every diagnose case in both forms.
  use ExUnit.Case, async: true

  alias ChatwootIdentity.{Error, VerifiedWebhook, WebhookVerifier}
  alias ChatwootIdentity.Test.Support

  import Support, only: [webhook_value: 1]

  file = Support.webhook_vectors()

  # Each section of the file, the name its tests start with, and how many vectors it must hold.
  sections = [{"vectors", "webhook", 60}, {"diagnose", "diagnose_webhook", 25}]

  for {section, _name, minimum} <- sections do
    if length(file[section]) < minimum, do: raise("webhook.json has too few #{section}")
  end

  for {section, name, _minimum} <- sections,
      {vector, index} <- Enum.with_index(file[section]) do
    @tag vector: vector, section: section
    test "#{name} #{String.pad_leading("#{index}", 3, "0")} #{vector["description"]}",
         %{vector: vector, section: section} do
      secret = webhook_value(vector["secret"])
      body = webhook_value(vector["body"])

      case section do
        "vectors" -> check(vector, secret, body)
        "diagnose" -> diagnose(vector, secret, body)
      end
    end
  end

  # The options of the verifier: the default, seconds, or the explicit opt-out.
  defp verifier_options(%{"tolerance" => "unchecked"}), do: [check_age: false]

  defp verifier_options(%{"tolerance" => seconds}) when is_integer(seconds),
    do: [tolerance: seconds]

  defp verifier_options(_vector), do: []

  defp check(vector, secret, body) do
    options = verifier_options(vector)
    now = vector["now"]
    headers = Enum.map(vector["headers"], fn [name, value] -> {name, value} end)

    forms =
      [headers: [headers: headers]] ++
        if(unique_names?(headers), do: [map: [headers: Map.new(headers)]], else: []) ++
        if(Map.has_key?(vector, "signature"),
          do: [values: [signature: vector["signature"], timestamp: vector["timestamp"]]],
          else: []
        )

    verifier = WebhookVerifier.new(secret, options)

    for {form, request} <- forms do
      one_off = ChatwootIdentity.verify_webhook(secret, body, request ++ [now: now] ++ options)

      prepared =
        with {:ok, verifier} <- verifier,
             do: WebhookVerifier.verify(verifier, body, request ++ [now: now])

      for {how, result} <- [one_off: one_off, verifier: prepared] do
        expect(vector, form, result, "#{form}, #{how}")
      end
    end

    if vector["sign"] do
      timestamp = vector["verified"]["timestamp"]
      {:ok, signed} = ChatwootIdentity.sign_webhook(secret, body, timestamp)
      # A vector about header names has its signature in its headers only: the one that
      # verified, which the replay key is the hex of.
      {:ok, webhook} =
        ChatwootIdentity.verify_webhook(secret, body, [headers: headers, now: now] ++ options)

      sent = {vector["signature"] || "sha256=" <> webhook.replay_key, "#{timestamp}"}
      assert {signed.signature, signed.timestamp} == sent

      assert signed.headers == [
               {"x-chatwoot-timestamp", signed.timestamp},
               {"x-chatwoot-signature", signed.signature},
               {"x-chatwoot-delivery", signed.delivery_id}
             ]
    end
  end

  defp expect(%{"verified" => verified}, form, result, where) do
    assert {:ok, %VerifiedWebhook{} = webhook} = result, where
    assert webhook.timestamp == verified["timestamp"], where
    assert webhook.age == verified["age"], where
    # The two values carry no delivery id; the header list does.
    delivery_id = if form == :values, do: nil, else: verified["delivery_id"]
    assert webhook.delivery_id == delivery_id, where
    assert webhook.replay_key =~ ~r/\A[0-9a-f]{64}\z/, where
  end

  defp expect(%{"error" => code}, _form, result, where) do
    assert {:error, %Error{code: returned, message: message}} = result, where
    assert Atom.to_string(returned) == code, where
    assert message =~ ~r/\w/, where
  end

  defp unique_names?(headers),
    do:
      headers |> Enum.map(&String.downcase(elem(&1, 0))) |> Enum.uniq() |> length() ==
        length(headers)

  defp diagnose(vector, secret, body) do
    token = if vector["identity_hmac_token"], do: webhook_value(vector["identity_hmac_token"])
    {signature, timestamp} = {vector["signature"], vector["timestamp"]}

    forms = [
      values: [signature: signature, timestamp: timestamp],
      headers: [
        headers: [{"x-chatwoot-signature", signature}, {"x-chatwoot-timestamp", timestamp}]
      ]
    ]

    for {form, options} <- forms do
      {:ok, diagnosis} = ChatwootIdentity.diagnose_webhook(secret, body, options, token)
      assert diagnosis.verified == vector["verified"], "#{form}"

      assert Enum.map(diagnosis.findings, &Atom.to_string(&1.code)) == vector["findings"],
             "#{form}"

      for finding <- diagnosis.findings, do: assert(finding.message =~ ~r/\w/)
      assert ChatwootIdentity.diagnose_webhook!(secret, body, options, token) == diagnosis
    end
  end
end
