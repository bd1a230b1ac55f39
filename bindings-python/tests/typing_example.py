"""A usage example that `mypy --strict` checks against the shipped stub."""

from __future__ import annotations

import chatwoot_identity
from chatwoot_identity import Diagnosis, IdentityError, Signer, diagnose, identifier_hash, verify

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
except IdentityError as error:
    code: str = error.code
