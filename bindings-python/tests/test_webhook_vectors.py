"""Every case of tests/vectors/webhook.json, in both forms (the request's header list, and the
two header values), through the one-off function and a prepared verifier, with every body type;
and every diagnosis."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from error_classes import class_of_code
from webhook_vectors import DIAGNOSE_CASES, VECTORS_CASES

from chatwoot_identity import (
    VerifiedWebhook,
    WebhookVerifier,
    diagnose_webhook,
    sign_webhook,
    verify_webhook,
)


def body_forms(body: str | bytes) -> list[object]:
    """The body as every type a host may hold it in."""
    raw = body.encode() if isinstance(body, str) else body
    forms: list[object] = [raw, bytearray(raw), memoryview(raw)]
    try:
        forms.append(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return forms


def age_options(case: dict[str, Any]) -> dict[str, Any]:
    tolerance = case.get("tolerance")
    if tolerance is None:
        return {}
    if tolerance == "unchecked":
        return {"check_age": False}
    return {"tolerance": tolerance}


def header_forms(case: dict[str, Any]) -> list[dict[str, Any]]:
    """headers= as a list of pairs (as the vector has them, repeats included) and as tuples;
    and signature= / timestamp= when the vector has the two values ("" stands for absent)."""
    pairs = case["headers"]
    forms: list[dict[str, Any]] = [
        {"headers": pairs},
        {"headers": [tuple(pair) for pair in pairs]},
    ]
    if "signature" in case:
        forms.append({"signature": case["signature"], "timestamp": case["timestamp"]})
        forms.append(
            {
                "signature": case["signature"] or None,
                "timestamp": (case["timestamp"] or None),
            }
        )
    return forms


def sent(case: dict[str, Any], field: str) -> str:
    """The vector's signature or timestamp value, from its header list when it has only that."""
    if field in case:
        value: str = case[field]
        return value
    (value,) = [
        v
        for name, v in case["headers"]
        if name.lower().endswith(f"chatwoot_{field}") or name.lower().endswith(f"chatwoot-{field}")
    ]
    return value


def calls(case: dict[str, Any]) -> list[tuple[dict[str, Any], Callable[[], VerifiedWebhook]]]:
    secret, now, age = case["secret"], case["now"], age_options(case)
    made: list[tuple[dict[str, Any], Callable[[], VerifiedWebhook]]] = []
    for body in body_forms(case["body"]):
        for form in header_forms(case):

            def one_off(body: Any = body, form: dict[str, Any] = form) -> VerifiedWebhook:
                return verify_webhook(secret, body, now=now, **form, **age)

            def prepared(body: Any = body, form: dict[str, Any] = form) -> VerifiedWebhook:
                return WebhookVerifier(secret, **age).verify(body, now=now, **form)

            made += [(form, one_off), (form, prepared)]
    return made


@pytest.mark.parametrize("case", VECTORS_CASES, ids=[c["description"] for c in VECTORS_CASES])
def test_webhook_vector(case: dict[str, Any]) -> None:
    for form, call in calls(case):
        if "error" in case:
            exception = class_of_code(case["error"])
            with pytest.raises(exception) as raised:
                call()
            assert type(raised.value) is exception
            assert raised.value.code == case["error"]
            continue
        webhook = call()
        expected = case["verified"]
        assert webhook.timestamp == expected["timestamp"]
        assert webhook.age == expected["age"]
        delivery_id = expected["delivery_id"] if "headers" in form else None
        assert webhook.delivery_id == delivery_id
        assert webhook.replay_key == sent(case, "signature").strip(" \t").removeprefix("sha256=")
    if case.get("sign"):
        signed = sign_webhook(case["secret"], case["body"], case["verified"]["timestamp"])
        assert signed.signature == sent(case, "signature")
        assert signed.timestamp == sent(case, "timestamp")


@pytest.mark.parametrize("case", DIAGNOSE_CASES, ids=[c["description"] for c in DIAGNOSE_CASES])
def test_webhook_diagnose_vector(case: dict[str, Any]) -> None:
    secret, token = case["secret"], case["identity_hmac_token"]
    signature, timestamp = case["signature"], case["timestamp"]
    pairs = [("Content-Type", "application/json")]
    pairs += [("X-Chatwoot-Signature", signature)] if signature else []
    pairs += [("X-Chatwoot-Timestamp", timestamp)] if timestamp else []
    for body in body_forms(case["body"]):
        for form in (
            {"signature": signature, "timestamp": timestamp},
            {"signature": signature or None, "timestamp": timestamp or None},
            {"headers": pairs},
        ):
            diagnosis = diagnose_webhook(secret, body, identity_hmac_token=token, **form)
            assert diagnosis.verified is case["verified"]
            assert [f.code for f in diagnosis.findings] == case["findings"]
            assert all(f.message.endswith(".") for f in diagnosis.findings)
