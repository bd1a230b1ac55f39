"""Random secrets and identifiers of every length class against the standard library's hmac."""

from __future__ import annotations

import hmac
import random
from hashlib import sha256

from chatwoot_identity import Signer, identifier_hash, verify

# Lengths around the SHA-256 block size (64) and the point where a key is hashed first.
LENGTHS = [1, 2, 31, 32, 55, 56, 63, 64, 65, 119, 120, 128, 129, 200, 1000]


def test_random_bytes_and_text_match_hmac() -> None:
    rng = random.Random(20261124)
    for _ in range(3000):
        secret = rng.randbytes(rng.choice(LENGTHS))
        identifier = rng.randbytes(rng.choice(LENGTHS))
        expected = hmac.new(secret, identifier, sha256).hexdigest()
        assert identifier_hash(secret, identifier) == expected
        assert Signer(secret).identifier_hash(identifier) == expected
        assert verify(secret, identifier, expected)
        wrong = expected[:-1] + ("0" if expected[-1] != "0" else "1")
        assert not verify(secret, identifier, wrong)


def test_random_unicode_text_is_hashed_as_utf8() -> None:
    rng = random.Random(7)
    alphabet = "abcXYZ019 -_@.\u00e9\u00df\u4e2d\u0416\U0001f600\t\n"
    signer = Signer("your-secret-token-for-hmac")
    identifiers = ["".join(rng.choices(alphabet, k=rng.choice(LENGTHS))) for _ in range(5000)]
    expected = [
        hmac.new(b"your-secret-token-for-hmac", i.encode("utf-8"), sha256).hexdigest()
        for i in identifiers
    ]
    assert signer.identifier_hashes(identifiers) == expected


def test_one_off_calls_reuse_only_the_very_same_secret_object() -> None:
    """identifier_hash and verify keep a Signer for a str or bytes secret object seen twice in
    a row: repeated, alternating, equal-but-distinct and mutated secrets must each still get
    the standard library's answer, for keys of every length class."""
    rng = random.Random(20261202)
    for length in LENGTHS:
        text = "".join(rng.choices("abcdefXYZ0123456789", k=length))
        mutable = bytearray(text.encode())
        for secret in (text, text.encode(), mutable):
            for identifier in ("unique-identifier-of-the-user", "x" * 100, "second"):
                expected = hmac.new(bytes(mutable), identifier.encode(), sha256).hexdigest()
                for _ in range(3):  # the first call keeps nothing; the later ones use the Signer
                    assert identifier_hash(secret, identifier) == expected
                    assert verify(secret, identifier, expected)
                    assert not verify(secret, identifier, expected.upper())
        other = "".join(["another-", text])  # alternating with another secret
        for _ in range(3):
            for secret in (text, other):
                expected = hmac.new(secret.encode(), b"id", sha256).hexdigest()
                assert identifier_hash(secret, "id") == expected
        mutable[0] ^= 1  # a mutable secret is never taken for the one seen before
        expected = hmac.new(bytes(mutable), b"id", sha256).hexdigest()
        assert identifier_hash(mutable, "id") == expected
