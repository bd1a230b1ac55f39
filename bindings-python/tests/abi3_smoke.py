"""Checks the one abi3 wheel on other CPython versions (3.9 up) without pytest.

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
    Signer,
    WidgetUser,
    identifier_hash,
    set_user_payload,
    verify,
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
    version = ".".join(map(str, sys.version_info[:3]))
    print(f"abi3 wheel {chatwoot_identity.__version__} on CPython {version}: {len(vectors)} ok")


if __name__ == "__main__":
    main()
