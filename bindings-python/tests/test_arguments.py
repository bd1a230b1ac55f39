"""Every kind of bad argument: the exact exception type, the parameter named, the code."""

from __future__ import annotations

import hmac
from array import array
from collections.abc import Callable
from enum import IntEnum
from hashlib import sha256
from typing import Any

import pytest

from chatwoot_identity import (
    EmptyIdentifierError,
    EmptySecretError,
    Signer,
    diagnose,
    identifier_hash,
    verify,
)

SECRET = "your-secret-token-for-hmac"
IDENTIFIER = "unique-identifier-of-the-user"
EXPECTED = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"

WRONG_TYPES: list[Any] = [True, False, 1.5, None, [IDENTIFIER], {"id": 1}, object(), 3j]


def reference(secret: bytes, message: bytes) -> str:
    """The standard library's HMAC: an implementation independent of the code under test."""
    return hmac.new(secret, message, sha256).hexdigest()


def type_name(value: object) -> str:
    return type(value).__name__


@pytest.mark.parametrize("bad", [*WRONG_TYPES, 42], ids=type_name)
def test_secret_of_a_wrong_type_is_a_type_error_naming_it(bad: object) -> None:
    calls: list[Callable[[], object]] = [
        lambda: identifier_hash(bad, IDENTIFIER),  # type: ignore[arg-type]
        lambda: verify(bad, IDENTIFIER, EXPECTED),  # type: ignore[arg-type]
        lambda: diagnose(bad, IDENTIFIER, EXPECTED),  # type: ignore[arg-type]
        lambda: Signer(bad),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(TypeError) as raised:
            call()
        assert type(raised.value) is TypeError
        message = str(raised.value)
        assert message.startswith("secret must be str, bytes, bytearray or memoryview")
        assert message.endswith(f"not {type_name(bad)}")


@pytest.mark.parametrize("bad", WRONG_TYPES, ids=type_name)
def test_identifier_of_a_wrong_type_is_a_type_error_naming_it(bad: object) -> None:
    signer = Signer(SECRET)
    calls: list[Callable[[], object]] = [
        lambda: identifier_hash(SECRET, bad),  # type: ignore[arg-type]
        lambda: verify(SECRET, bad, EXPECTED),  # type: ignore[arg-type]
        lambda: diagnose(SECRET, bad, EXPECTED),  # type: ignore[arg-type]
        lambda: signer.identifier_hash(bad),  # type: ignore[arg-type]
        lambda: signer.verify(bad, EXPECTED),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(TypeError) as raised:
            call()
        assert type(raised.value) is TypeError
        assert str(raised.value) == (
            f"identifier must be str, bytes, bytearray, memoryview or int, not {type_name(bad)}"
        )


@pytest.mark.parametrize("bad", [*WRONG_TYPES, 42], ids=type_name)
def test_candidate_of_a_wrong_type_is_a_type_error_naming_it(bad: object) -> None:
    calls: list[Callable[[], object]] = [
        lambda: verify(SECRET, IDENTIFIER, bad),  # type: ignore[arg-type]
        lambda: diagnose(SECRET, IDENTIFIER, bad),  # type: ignore[arg-type]
        lambda: Signer(SECRET).verify(IDENTIFIER, bad),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(TypeError) as raised:
            call()
        assert str(raised.value) == (
            f"identifier_hash must be str, bytes, bytearray or memoryview, not {type_name(bad)}"
        )


@pytest.mark.parametrize("bad", WRONG_TYPES, ids=type_name)
def test_batch_item_of_a_wrong_type_names_its_position(bad: object) -> None:
    with pytest.raises(TypeError) as raised:
        Signer(SECRET).identifier_hashes(["a", "b", bad])  # type: ignore[list-item]
    assert str(raised.value).startswith("identifiers[2] must be str, bytes")


@pytest.mark.parametrize("bad", ["abc", b"abc", bytearray(b"abc"), 42, None, 1.5])
def test_batch_of_a_string_or_a_non_iterable_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError) as raised:
        Signer(SECRET).identifier_hashes(bad)  # type: ignore[arg-type]
    assert (
        str(raised.value) == f"identifiers must be an iterable of identifiers, not {type_name(bad)}"
    )


@pytest.mark.parametrize("empty", ["", b"", bytearray(), memoryview(b"")], ids=type_name)
def test_empty_secret_and_identifier_raise_their_coded_subclass(empty: Any) -> None:
    with pytest.raises(EmptySecretError) as secret_error:
        Signer(empty)
    assert type(secret_error.value) is EmptySecretError
    assert secret_error.value.code == "empty_secret"
    assert str(secret_error.value).startswith("secret must not be empty")
    with pytest.raises(EmptyIdentifierError) as identifier_error:
        identifier_hash(SECRET, empty)
    assert type(identifier_error.value) is EmptyIdentifierError
    assert identifier_error.value.code == "empty_identifier"
    assert str(identifier_error.value).startswith("identifier must not be empty")


@pytest.mark.parametrize("empty", ["", b"", bytearray(), memoryview(b"")], ids=type_name)
def test_one_off_calls_repeated_with_one_secret_object_raise_the_same_errors(empty: Any) -> None:
    """The one-off calls keep a Signer for a secret object seen twice in a row; the second and
    later calls must check and report exactly as the first did."""
    calls: list[tuple[type[Exception], str, Callable[[], object]]] = [
        (EmptySecretError, "secret must not be empty", lambda: identifier_hash(empty, IDENTIFIER)),
        (EmptySecretError, "secret must not be empty", lambda: verify(empty, IDENTIFIER, EXPECTED)),
        (TypeError, "identifier must be", lambda: identifier_hash(empty, 1.5)),  # type: ignore[arg-type]
        (
            EmptyIdentifierError,
            "identifier must not be empty",
            lambda: identifier_hash(SECRET, empty),
        ),
        (
            EmptyIdentifierError,
            "identifier must not be empty",
            lambda: verify(SECRET, empty, EXPECTED),
        ),
        (TypeError, "identifier_hash must be", lambda: verify(SECRET, IDENTIFIER, 42)),  # type: ignore[arg-type]
    ]
    for error, message, call in calls:
        for _ in range(3):
            with pytest.raises(error) as raised:
                call()
            assert str(raised.value).startswith(message)


def test_empty_identifier_in_a_batch_is_reported_at_its_position_in_the_whole_batch() -> None:
    # Far past the first round of conversion (65,536 items), so offsets must add up.
    identifiers = [f"user-{i}" for i in range(200_000)]
    identifiers[150_001] = ""
    with pytest.raises(EmptyIdentifierError) as raised:
        Signer(SECRET).identifier_hashes(identifiers)
    assert raised.value.code == "empty_identifier"
    assert str(raised.value).startswith("identifiers[150001] must not be empty")


def test_empty_identifier_in_a_short_last_round_is_reported_at_its_batch_position() -> None:
    identifiers = [f"user-{i}" for i in range(65_536 + 10)]
    identifiers[65_540] = ""
    with pytest.raises(EmptyIdentifierError, match=r"^identifiers\[65540\] must not be empty"):
        Signer(SECRET).identifier_hashes(identifiers)


def test_wrong_type_late_in_a_batch_is_reported_at_its_position() -> None:
    identifiers: list[Any] = [f"user-{i}" for i in range(100_000)]
    identifiers[99_999] = None
    with pytest.raises(TypeError) as raised:
        Signer(SECRET).identifier_hashes(identifiers)
    assert str(raised.value).startswith("identifiers[99999] must be")


@pytest.mark.parametrize("parameter", ["secret", "identifier"])
def test_lone_surrogate_is_a_value_error_naming_parameter_and_position(parameter: str) -> None:
    broken = "ab\udc80cd"
    arguments = {"secret": SECRET, "identifier": IDENTIFIER, parameter: broken}
    with pytest.raises(ValueError) as raised:
        identifier_hash(arguments["secret"], arguments["identifier"])
    assert type(raised.value) is ValueError
    message = str(raised.value)
    assert message.startswith(f"{parameter} is a str that cannot be encoded as UTF-8")
    assert "at index 2" in message
    assert raised.value.__cause__ is None
    assert raised.value.__context__ is None


def test_lone_surrogate_in_a_batch_names_the_item() -> None:
    with pytest.raises(ValueError, match=r"^identifiers\[1\] is a str that cannot be encoded"):
        Signer(SECRET).identifier_hashes(["fine", "\ud800"])


def test_lone_surrogate_in_a_candidate_is_just_a_malformed_hash() -> None:
    broken = EXPECTED[:10] + "\ud800" + EXPECTED[11:]
    assert verify(SECRET, IDENTIFIER, broken) is False
    assert Signer(SECRET).verify(IDENTIFIER, broken) is False
    diagnosis = diagnose(SECRET, IDENTIFIER, broken)
    assert diagnosis.verified is False
    assert "not_hex" in [f.code for f in diagnosis.findings]


@pytest.mark.parametrize(
    "integer",
    [
        0,
        1,
        -1,
        42,
        2**53 + 1,
        2**63 - 1,
        2**63,
        -(2**63),
        -(2**63) - 1,
        2**127 - 1,
        -(2**127),
        2**128 - 1,
    ],
)
def test_integer_identifier_is_hashed_as_its_decimal_text(integer: int) -> None:
    expected = reference(SECRET.encode(), str(integer).encode())
    assert identifier_hash(SECRET, integer) == expected
    assert Signer(SECRET).identifier_hash(integer) == expected
    assert Signer(SECRET).identifier_hashes([integer]) == [expected]


@pytest.mark.parametrize("integer", [2**128, -(2**127) - 1, 10**60, -(10**60)])
def test_integer_beyond_128_bits_is_an_overflow_error_naming_the_parameter(integer: int) -> None:
    with pytest.raises(OverflowError) as raised:
        identifier_hash(SECRET, integer)
    assert str(raised.value).startswith("identifier is an int outside the 128-bit range")
    with pytest.raises(OverflowError, match=r"^identifiers\[0\] is an int outside"):
        Signer(SECRET).identifier_hashes([integer])


def test_int_subclass_is_hashed_by_value_not_by_its_str() -> None:
    class UserId(IntEnum):
        ADMIN = 7

    assert identifier_hash(SECRET, UserId.ADMIN) == reference(SECRET.encode(), b"7")


def test_str_subclass_is_text() -> None:
    class SafeString(str):
        pass

    assert identifier_hash(SafeString(SECRET), SafeString(IDENTIFIER)) == EXPECTED


def test_memoryview_of_any_format_is_hashed_as_its_raw_bytes() -> None:
    numbers = array("I", [1, 2, 3])
    assert identifier_hash(SECRET, memoryview(numbers)) == reference(
        SECRET.encode(), numbers.tobytes()
    )
    strided = memoryview(b"abcdef")[::2]
    assert identifier_hash(SECRET, strided) == reference(SECRET.encode(), b"ace")


def test_released_memoryview_is_an_error() -> None:
    view = memoryview(b"abc")
    view.release()
    with pytest.raises(ValueError, match="released"):
        identifier_hash(SECRET, view)


def test_binary_secret_and_identifier_are_hashed_as_given() -> None:
    secret, identifier = bytes(range(256)), b"\xff\xfe\x00id"
    assert identifier_hash(secret, identifier) == reference(secret, identifier)


def test_text_is_hashed_exactly_as_given() -> None:
    for identifier in [" padded ", "UPPER", "ünïcödé", "emoji-\N{GRINNING FACE}", "line\n"]:
        assert identifier_hash(SECRET, identifier) == reference(
            SECRET.encode(), identifier.encode()
        )


def test_keyword_arguments_use_the_documented_names() -> None:
    assert identifier_hash(secret=SECRET, identifier=IDENTIFIER) == EXPECTED
    assert verify(secret=SECRET, identifier=IDENTIFIER, identifier_hash=EXPECTED)
    assert diagnose(secret=SECRET, identifier=IDENTIFIER, identifier_hash=EXPECTED).verified
    signer = Signer(secret=SECRET)
    assert signer.verify(identifier=IDENTIFIER, identifier_hash=EXPECTED)


def test_batch_accepts_any_iterable_and_keeps_order() -> None:
    signer = Signer(SECRET)
    expected = [reference(SECRET.encode(), str(i).encode()) for i in range(10)]
    assert signer.identifier_hashes(str(i) for i in range(10)) == expected
    assert signer.identifier_hashes(tuple(range(10))) == expected
    assert signer.identifier_hashes(range(10)) == expected
    assert signer.identifier_hashes([]) == []


def test_malformed_candidates_are_false_never_errors() -> None:
    for candidate in [
        "",
        EXPECTED.upper(),
        f" {EXPECTED}",
        EXPECTED[:-1],
        EXPECTED + "0",
        "x" * 64,
    ]:
        assert verify(SECRET, IDENTIFIER, candidate) is False
    assert verify(SECRET, IDENTIFIER, EXPECTED.encode()) is True
    assert verify(SECRET, IDENTIFIER, bytearray(EXPECTED.encode())) is True


def test_the_one_off_hash_keeps_only_what_the_same_secret_object_proves() -> None:
    # The key of the last str or bytes secret object is kept: the same object, an equal one, a
    # different one and back must each give the stdlib's hash, and so must a mutable secret
    # changed in place (never taken for the one seen before).
    other = "another-inbox-secret"
    for secret in (SECRET, SECRET, other, SECRET, "".join(["your-secret-", "token-for-hmac"])):
        assert identifier_hash(secret, IDENTIFIER) == reference(
            secret.encode(), IDENTIFIER.encode()
        )
    for secret in (SECRET.encode(), other.encode()):
        assert identifier_hash(secret, 42) == reference(secret, b"42")
    mutable = bytearray(other.encode())
    assert identifier_hash(mutable, IDENTIFIER) == reference(bytes(mutable), IDENTIFIER.encode())
    mutable[0] ^= 1
    assert identifier_hash(mutable, IDENTIFIER) == reference(bytes(mutable), IDENTIFIER.encode())
    # A kept secret still reads the identifier as the first call did.
    identifier_hash(SECRET, IDENTIFIER)
    with pytest.raises(TypeError, match=r"^identifier must be str, bytes"):
        identifier_hash(SECRET, 1.5)  # type: ignore[arg-type]
    with pytest.raises(EmptyIdentifierError):
        identifier_hash(SECRET, "")
