"""Every shared vector, through every entry point that can take it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from error_classes import class_of_code
from widget_config import widget_config

from chatwoot_identity import (
    ChatwootIdentityError,
    Signer,
    diagnose,
    identifier_hash,
    set_user_payload,
    verify,
    widget_script,
)


def as_bytes_like(value: str | bytes | int) -> list[object]:
    """The same value in each bytes-like type the API accepts (ints stay ints)."""
    if isinstance(value, int):
        return [value]
    raw = value.encode() if isinstance(value, str) else value
    return [value, raw, bytearray(raw), memoryview(raw)]


def test_hash_vector(hash_vector: dict[str, Any]) -> None:
    secret, identifier = hash_vector["secret"], hash_vector["identifier"]
    expected = hash_vector["identifier_hash"]
    for secret_form in as_bytes_like(secret):
        for identifier_form in as_bytes_like(identifier):
            assert identifier_hash(secret_form, identifier_form) == expected
            signer = Signer(secret_form)
            assert signer.identifier_hash(identifier_form) == expected
            assert signer.identifier_hashes([identifier_form]) == [expected]
            assert verify(secret_form, identifier_form, expected) is True


def test_verify_vector(verify_vector: dict[str, Any]) -> None:
    secret, identifier = verify_vector["secret"], verify_vector["identifier"]
    candidate, verified = verify_vector["candidate"], verify_vector["verified"]
    assert verify(secret, identifier, candidate) is verified
    assert Signer(secret).verify(identifier, candidate) is verified
    assert diagnose(secret, identifier, candidate).verified is verified


def test_error_vector(error_vector: dict[str, Any]) -> None:
    secret, identifier, code = (
        error_vector["secret"],
        error_vector["identifier"],
        error_vector["error"],
    )
    exception = class_of_code(code)
    calls = [
        lambda: identifier_hash(secret, identifier),
        lambda: verify(secret, identifier, "0" * 64),
        lambda: diagnose(secret, identifier, "0" * 64),
        lambda: Signer(secret).identifier_hash(identifier),
        lambda: Signer(secret).verify(identifier, "0" * 64),
        lambda: Signer(secret).identifier_hashes(["someone", identifier]),
    ]
    for call in calls:
        with pytest.raises(exception) as raised:
            call()
        assert type(raised.value) is exception
        assert isinstance(raised.value, ChatwootIdentityError)
        assert isinstance(raised.value, ValueError)
        assert not isinstance(raised.value, TypeError)
        assert raised.value.code == code
    if code == "empty_secret":
        with pytest.raises(exception):
            Signer(secret)


def test_diagnose_vector(diagnose_vector: dict[str, Any]) -> None:
    secret, identifier = diagnose_vector["secret"], diagnose_vector["identifier"]
    diagnosis = diagnose(secret, identifier, diagnose_vector["candidate"])
    assert diagnosis.verified is diagnose_vector["verified"]
    assert [finding.code for finding in diagnosis.findings] == diagnose_vector["findings"]
    for finding in diagnosis.findings:
        assert finding.message
        if isinstance(secret, str):
            assert secret not in finding.message


def hmac_secrets(secret: str | None) -> list[str | bytes | Signer | None]:
    """The vector's secret in every form `hmac_secret` takes (a Signer cannot hold "")."""
    if not secret:
        return [secret]
    return [secret, secret.encode(), Signer(secret)]


def test_widget_vector(widget_vector: dict[str, Any]) -> None:
    request: dict[str, Any] = widget_vector["request"]
    expected_payload = widget_vector.get("set_user_payload")
    error = widget_vector.get("error")
    for secret in hmac_secrets(widget_vector["secret"]):
        render = partial(widget_script, hmac_secret=secret, **request)
        if error is not None:
            check_widget_error(render, error)
            continue
        config = widget_config(render())
        if expected_payload is None:
            assert "user" not in config
            continue
        assert secret is not None
        signed = config["user"]
        assert signed["identifier"] == expected_payload["identifier"]
        assert signed["attributes"]["identifier_hash"] == expected_payload["identifier_hash"]
        assert set_user_payload(secret, request["user"]) == expected_payload


def check_widget_error(render: Callable[[], str], error: dict[str, Any]) -> None:
    code, path, wrong_type = error["code"], error["path"], error["wrong_type"]
    exception = class_of_code(code)
    with pytest.raises(exception) as raised:
        render()
    assert raised.value.code == code
    assert isinstance(raised.value, TypeError) is wrong_type
    assert type(raised.value) is (exception.WrongTypeError if wrong_type else exception)
    if path is not None:
        assert str(raised.value).startswith(f"{path}: ")
