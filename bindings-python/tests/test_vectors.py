"""Every shared vector, through every entry point that can take it."""

from __future__ import annotations

from typing import Any

import pytest

import chatwoot_identity
from chatwoot_identity import IdentityError, Signer, diagnose, identifier_hash, verify

EXCEPTION_FOR_CODE = {
    "empty_secret": chatwoot_identity.EmptySecretError,
    "empty_identifier": chatwoot_identity.EmptyIdentifierError,
}


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
    exception = EXCEPTION_FOR_CODE[code]
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
        assert isinstance(raised.value, IdentityError)
        assert isinstance(raised.value, ValueError)
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
