"""A usage example that `mypy --strict` checks against the shipped stub."""

from __future__ import annotations

from typing import Any

import chatwoot_identity
from chatwoot_identity import (
    ChatwootIdentityError,
    Diagnosis,
    IncompleteUserError,
    InvalidWidgetRequestError,
    MissingSignatureError,
    SignedWebhook,
    Signer,
    VerifiedWebhook,
    WebhookDiagnosis,
    WebhookVerifier,
    WidgetSettings,
    WidgetUser,
    diagnose,
    diagnose_webhook,
    identifier_hash,
    reset_script,
    set_user_payload,
    sign_webhook,
    verify,
    verify_webhook,
    widget_script,
)

secret: str = "your-secret-token-for-hmac"
signer = Signer(secret)
one: str = identifier_hash(secret, "unique-identifier-of-the-user")
numeric: str = signer.identifier_hash(42)
raw: str = signer.identifier_hash(b"\x00binary")
many: list[str] = signer.identifier_hashes(["a", 1, b"c", bytearray(b"d"), memoryview(b"e")])
lazy: list[str] = signer.identifier_hashes(str(n) for n in range(3))
accepted: bool = verify(secret, "unique-identifier-of-the-user", one) and signer.verify(42, numeric)
diagnosis: Diagnosis = diagnose(secret, "unique-identifier-of-the-user", one.upper())
codes: list[str] = [finding.code for finding in diagnosis.findings]
messages: list[str] = [finding.message for finding in diagnosis.findings]
verified: bool = diagnosis.verified
version: str = chatwoot_identity.__version__

try:
    identifier_hash(secret, "")
except ChatwootIdentityError as error:
    code: str = error.code

user: WidgetUser = {
    "identifier": 42,
    "name": "Jane Doe",
    "email": "jane@example.com",
    "phone_number": None,
    "social_profiles": {"github": "jane"},
    "custom_attributes": {"plan": "pro", "seats": 3, "ratio": 0.5, "trial": False},
}
settings: WidgetSettings = {"locale": "fr", "position": "left", "type": "expanded_bubble"}
snippet: str = widget_script(
    "https://app.chatwoot.com",
    "QrtMG8GydFgEy7bVzsLLmHoq",
    hmac_secret=signer,
    user=user,
    settings=settings,
    nonce="r4nd0m",
)
from_text: str = widget_script(
    "https://app.chatwoot.com",
    "QrtMG8GydFgEy7bVzsLLmHoq",
    hmac_secret=secret,
    user=WidgetUser(identifier="u-1", name="Jane"),
    settings=WidgetSettings(dark_mode="auto", hide_message_bubble=False),
)
logout: str = reset_script() + reset_script(nonce="r4nd0m")
payload: dict[str, Any] = set_user_payload(signer, user)

try:
    set_user_payload(secret, {"identifier": "u-1"})
except IncompleteUserError as incomplete:
    incomplete_code: str = incomplete.code
except InvalidWidgetRequestError.WrongTypeError as wrong:
    as_type_error: TypeError = wrong
    as_code_class: InvalidWidgetRequestError = wrong

# Signed webhooks.
webhook_secret = "Sx5GdKjW7rvbcaQ8JtUmHn2p"
webhook_body = b'{"event":"message_created"}'
sent: SignedWebhook = sign_webhook(webhook_secret, webhook_body, 1_700_000_000)
sent_headers: dict[str, str] = sent.headers
verifier = WebhookVerifier(webhook_secret, tolerance=60)
webhook: VerifiedWebhook = verifier.verify(webhook_body, headers=sent_headers, now=1_700_000_001)
from_pairs = verify_webhook(
    webhook_secret, bytearray(webhook_body), headers=list(sent_headers.items()), check_age=False
)
from_values = verify_webhook(
    webhook_secret, webhook_body.decode(), signature=sent.signature, timestamp=sent.timestamp
)
asgi = verifier.verify(memoryview(webhook_body), headers=[(b"x-chatwoot-signature", b"...")])
delivery: str | None = webhook.delivery_id
replay_key: str = webhook.replay_key
when: int = webhook.timestamp + webhook.age
webhook_diagnosis: WebhookDiagnosis = diagnose_webhook(
    webhook_secret,
    webhook_body,
    headers=sent_headers,
    identity_hmac_token="QrtMG8GydFgEy7bVzsLLmHoq",
)
webhook_codes: list[str] = [finding.code for finding in webhook_diagnosis.findings]

try:
    verifier.verify(webhook_body, signature=None, timestamp=None)
except MissingSignatureError as missing:
    missing_code: str = missing.code

# Jinja (Flask, FastAPI), the test kit and automatic injection.
from markupsafe import Markup  # noqa: E402

from chatwoot_identity import insert_widget, read_page  # noqa: E402
from chatwoot_identity.jinja import ChatwootWidget, chatwoot_widget  # noqa: E402
from chatwoot_identity.testing import (  # noqa: E402
    assert_chatwoot_anonymous,
    assert_chatwoot_identifies,
)

jinja_global = ChatwootWidget(
    "https://app.chatwoot.com",
    "QrtMG8GydFgEy7bVzsLLmHoq",
    hmac_secret=signer,
    settings=WidgetSettings(widget_style="flat", dark_mode="dark"),
    strict=True,
)
markup: Markup = jinja_global(user=user, nonce="r4nd0m") + chatwoot_widget(
    "https://app.chatwoot.com", "QrtMG8GydFgEy7bVzsLLmHoq", debug=True
)
injected: str | None = insert_widget("<body></body>", str(markup))
on_page: dict[str, Any] = read_page(str(markup))
checked: dict[str, Any] = assert_chatwoot_identifies(
    str(markup), identifier="u-1", hmac_secret=secret, email="jane@example.com"
)
assert_chatwoot_anonymous(b"<body></body>")
