"""`diagnose()` results as Python objects."""

from __future__ import annotations

import hmac
from hashlib import sha256

from chatwoot_identity import Diagnosis, Finding, diagnose, identifier_hash

SECRET = "a-distinctive-secret-QX7ZP9"
IDENTIFIER = "user-42"


def test_a_right_hash_has_no_findings() -> None:
    diagnosis = diagnose(SECRET, IDENTIFIER, identifier_hash(SECRET, IDENTIFIER))
    assert isinstance(diagnosis, Diagnosis)
    assert diagnosis.verified is True
    assert diagnosis.findings == []
    assert repr(diagnosis) == "Diagnosis(verified=True, findings=[])"


def test_swapped_key_and_message_is_explained_without_the_secret() -> None:
    swapped = hmac.new(IDENTIFIER.encode(), SECRET.encode(), sha256).hexdigest()
    diagnosis = diagnose(SECRET, IDENTIFIER, swapped)
    assert diagnosis.verified is False
    finding = diagnosis.findings[0]
    assert isinstance(finding, Finding)
    assert finding.code == "key_and_identifier_swapped"
    assert "key" in finding.message
    assert repr(finding) == "Finding(code='key_and_identifier_swapped')"
    shown = repr(diagnosis) + "".join(f.message for f in diagnosis.findings)
    assert SECRET not in shown


def test_the_secret_sent_as_the_hash_is_named_but_not_echoed() -> None:
    diagnosis = diagnose(SECRET, IDENTIFIER, SECRET)
    assert "hash_is_secret" in [f.code for f in diagnosis.findings]
    assert SECRET not in repr(diagnosis)
    assert all(SECRET not in f.message for f in diagnosis.findings)


def test_findings_is_a_fresh_list_each_time() -> None:
    diagnosis = diagnose(SECRET, IDENTIFIER, "")
    diagnosis.findings.clear()
    assert [f.code for f in diagnosis.findings] == ["empty_hash"]
