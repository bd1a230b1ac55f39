"""Checks the one abi3 wheel on other CPython versions (3.10 up) without pytest.

Run by `make abi3-smoke` with each interpreter it finds; exits non-zero on any mismatch.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import chatwoot_identity
from chatwoot_identity import (
    EmptySecretError,
    InvalidWidgetRequestError,
    SignatureMismatchError,
    Signer,
    WebhookVerifier,
    WidgetUser,
    identifier_hash,
    set_user_payload,
    sign_webhook,
    verify,
    verify_webhook,
    widget_script,
)

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"


def decode(value: dict[str, str]) -> str | bytes | int:
    ((kind, text),) = value.items()
    return {"utf8": str, "hex": bytes.fromhex, "integer": int}[kind](text)


def main() -> None:
    vectors = json.loads((VECTORS / "hash.json").read_text(encoding="utf-8"))["vectors"]
    for vector in vectors:
        secret, identifier = decode(vector["secret"]), decode(vector["identifier"])
        expected = vector["identifier_hash"]
        assert identifier_hash(secret, identifier) == expected, vector["description"]
        assert Signer(secret).identifier_hashes([identifier]) == [expected]
        assert verify(secret, identifier, expected)
    try:
        Signer("")
    except EmptySecretError as error:
        assert error.code == "empty_secret"
    else:
        raise AssertionError("an empty secret was accepted")
    signer = Signer("your-secret-token-for-hmac")
    user = WidgetUser(identifier=42, name="</script>", custom_attributes={"plan": "pro"})
    html = widget_script(
        "https://app.chatwoot.com", "QrtMG8GydFgEy7bVzsLLmHoq", hmac_secret=signer, user=user
    )
    assert html.count("</script>") == 1 and signer.identifier_hash(42) in html
    assert set_user_payload(signer, user)["identifier"] == "42"
    try:
        set_user_payload(signer, {"identifier": 42, "name": 5})  # type: ignore[typeddict-item]
    except InvalidWidgetRequestError.WrongTypeError as error:
        assert isinstance(error, TypeError) and str(error).startswith("user.name: ")
    else:
        raise AssertionError("a number as the name was accepted")
    webhooks()
    version = ".".join(map(str, sys.version_info[:3]))
    print(f"abi3 wheel {chatwoot_identity.__version__} on CPython {version}: {len(vectors)} ok")


def webhooks() -> None:
    """The buffer protocol is declared by hand for 3.10 (src/body.rs): every body type,
    small and large (the large one is hashed without the GIL)."""
    for size in (40, 100_000):
        raw = b'{"event":"message_created"}' + b" " * size
        sent = sign_webhook("webhook-secret", raw, 1_700_000_000)
        verifier = WebhookVerifier("webhook-secret")
        strided = memoryview(bytes(b for pair in zip(raw, raw, strict=True) for b in pair))[::2]
        for body in (raw, bytearray(raw), memoryview(raw), raw.decode(), strided):
            webhook = verifier.verify(body, headers=sent.headers, now=1_700_000_009)
            assert (webhook.age, webhook.delivery_id) == (9, sent.delivery_id)
        try:
            verify_webhook("webhook-secret", bytearray(raw) + b"!", headers=sent.headers)
        except SignatureMismatchError as error:
            assert error.code == "signature_mismatch"
        else:
            raise AssertionError("a changed body verified")


if __name__ == "__main__":
    main()
