"""Bad input to the webhook API: the exact exception type, the parameter named; the host
objects bodies and headers come in; the GIL."""

from __future__ import annotations

import email.message
import re
import sys
import threading
import time
from array import array
from collections.abc import Callable
from typing import Any

import pytest
from django.test import RequestFactory

from chatwoot_identity import (
    EmptySecretError,
    MalformedSignatureError,
    MalformedTimestampError,
    MissingSignatureError,
    SignatureMismatchError,
    StaleTimestampError,
    WebhookVerifier,
    diagnose_webhook,
    sign_webhook,
    verify_webhook,
)

SECRET = "Sx5GdKjW7rvbcaQ8JtUmHn2p"
BODY = b'{"event":"message_created","content":"\\u003cb\\u003ehi\\u003c/b\\u003e"}'
SIGNED_AT = 1_700_000_000
NOW = SIGNED_AT + 7
SENT = sign_webhook(SECRET, BODY, SIGNED_AT)
WRONG_TYPES: list[Any] = [True, 1.5, [BODY], {"a": 1}, object(), 3j, 42]


def type_name(value: object) -> str:
    return type(value).__name__


def raised_exactly(exception: type[Exception], call: Callable[..., object], *args: Any) -> str:
    """The message of what ``call(*args)`` raises, which must be ``exception`` itself: a
    subclass (one of the library's error classes, say) is a different answer and fails."""
    with pytest.raises(exception) as raised:
        call(*args)
    assert type(raised.value) is exception
    return str(raised.value)


def entry_points(**options: Any) -> list[Callable[..., object]]:
    """verify_webhook, WebhookVerifier.verify and diagnose_webhook, with the same options."""
    diagnose_options = {k: v for k, v in options.items() if k != "now"}
    return [
        lambda body=BODY: verify_webhook(SECRET, body, **options),
        lambda body=BODY: WebhookVerifier(SECRET).verify(body, **options),
        lambda body=BODY: diagnose_webhook(SECRET, body, **diagnose_options),
    ]


@pytest.mark.parametrize("bad", [*WRONG_TYPES, None], ids=type_name)
def test_secret_of_a_wrong_type_names_it(bad: object) -> None:
    for call in (
        lambda: verify_webhook(bad, BODY, headers=SENT.headers),  # type: ignore[arg-type]
        lambda: WebhookVerifier(bad),  # type: ignore[arg-type]
        lambda: sign_webhook(bad, BODY),  # type: ignore[arg-type]
        lambda: diagnose_webhook(bad, BODY, headers=SENT.headers),  # type: ignore[arg-type]
    ):
        assert raised_exactly(TypeError, call) == (
            f"secret must be str, bytes, bytearray or memoryview, not {type_name(bad)}"
        )


def test_an_empty_secret_is_empty_secret_everywhere() -> None:
    for secret in ("", b"", bytearray(), memoryview(b"")):
        for call in (
            lambda secret=secret: verify_webhook(secret, BODY, headers=SENT.headers),
            lambda secret=secret: WebhookVerifier(secret),
            lambda secret=secret: sign_webhook(secret, BODY),
            lambda secret=secret: diagnose_webhook(secret, BODY, headers=SENT.headers),
        ):
            with pytest.raises(EmptySecretError):
                call()


@pytest.mark.parametrize("bad", [*WRONG_TYPES[:-1], 42, None], ids=type_name)
def test_body_of_a_wrong_type_names_it(bad: object) -> None:
    calls = [*entry_points(headers=SENT.headers, now=NOW), lambda body: sign_webhook(SECRET, body)]
    for call in calls:
        assert raised_exactly(TypeError, call, bad) == (
            "body must be bytes, bytearray, memoryview (any bytes-like object) or str, "
            f"not {type_name(bad)}"
        )


def test_a_body_str_with_a_lone_surrogate_is_a_value_error_without_the_text() -> None:
    for call in [*entry_points(headers=SENT.headers), lambda body: sign_webhook(SECRET, body)]:
        message = raised_exactly(ValueError, call, '{"a":"\ud800"}')
        assert "body is a str that cannot be encoded" in message
        assert "\ud800" not in message


@pytest.mark.parametrize("param", ["signature", "timestamp"])
@pytest.mark.parametrize("bad", [True, 1.5, 1_700_000_000, ["x"], object()], ids=type_name)
def test_header_values_of_a_wrong_type_name_their_parameter(param: str, bad: object) -> None:
    values: dict[str, Any] = {"signature": SENT.signature, "timestamp": SENT.timestamp}
    values[param] = bad
    for call in entry_points(**values, now=NOW):
        assert raised_exactly(TypeError, call) == (
            f"{param} must be str, bytes, bytearray or memoryview, not {type_name(bad)}"
        )


def test_header_values_in_every_bytes_like_type() -> None:
    for kind in (str, bytes, bytearray, memoryview):
        signature = SENT.signature if kind is str else kind(SENT.signature.encode())  # type: ignore[operator]
        timestamp = SENT.timestamp if kind is str else kind(SENT.timestamp.encode())  # type: ignore[operator]
        webhook = verify_webhook(SECRET, BODY, signature=signature, timestamp=timestamp, now=NOW)
        assert webhook.age == 7


@pytest.mark.parametrize(
    "options",
    [
        {"headers": {}, "signature": "x"},
        {"headers": [], "timestamp": "1"},
        {"headers": {}, "signature": "x", "timestamp": "1"},
    ],
    ids=["signature", "timestamp", "both"],
)
def test_headers_and_the_two_values_together_are_a_usage_error(options: dict[str, Any]) -> None:
    for call in entry_points(**options):
        message = raised_exactly(TypeError, call)
        assert re.search(r"^pass either headers= .* not both$", message)


def test_nothing_given_is_a_missing_signature() -> None:
    for call in entry_points()[:2]:
        with pytest.raises(MissingSignatureError):
            call()
    assert [f.code for f in diagnose_webhook(SECRET, BODY).findings] == [
        "missing_signature",
        "missing_timestamp",
    ]


@pytest.mark.parametrize(
    "bad", [42, 1.5, "X-Chatwoot-Signature: x", b"raw", bytearray(b"x")], ids=type_name
)
def test_headers_of_a_wrong_type_name_it(bad: object) -> None:
    for call in entry_points(headers=bad):
        message = raised_exactly(TypeError, call)
        assert message.startswith("headers must be a mapping (request.headers, ")
        assert message.endswith(f"not {type_name(bad)}")


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ([("a", "b"), 7], "headers[1] must be a (name, value) pair, not int"),
        ([("a", "b", "c")], "headers[0] must be a (name, value) pair, not tuple"),
        (["ab"], "headers[0] must be a (name, value) pair, not str"),
        (
            [("X-Chatwoot-Signature", 7)],
            "headers[0] must be a pair of str or bytes, not (str, int)",
        ),
        ([(None, "x")], "headers[0] must be a pair of str or bytes, not (NoneType, str)"),
    ],
)
def test_a_bad_pair_is_named_by_its_position(headers: object, message: str) -> None:
    for call in entry_points(headers=headers):
        with pytest.raises(TypeError) as raised:
            call()
        assert str(raised.value) == message


class MultiHeaders:
    """Like Starlette's and werkzeug's Headers: items() repeats a name sent twice, and iterating
    the object itself yields something else."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs

    def items(self) -> list[tuple[str, str]]:
        return list(self.pairs)

    def __iter__(self) -> Any:
        return iter(["not", "pairs"])


def host_headers() -> dict[str, object]:
    """The same signed request's headers in each container a Python server hands them in."""
    request = RequestFactory().post(
        "/hook",
        BODY,
        content_type="application/json",
        headers=SENT.headers,
    )
    message = email.message.Message()
    for name, value in SENT.headers.items():
        message[name] = value
    return {
        "dict": SENT.headers,
        "Django request.headers": request.headers,
        "Django request.META": request.META,
        "items() object": MultiHeaders(list(SENT.headers.items())),
        "pairs": list(SENT.headers.items()),
        "generator": ((name, value) for name, value in SENT.headers.items()),
        "ASGI bytes pairs": [(n.lower().encode(), v.encode()) for n, v in SENT.headers.items()],
        "email.message.Message": message,
    }


@pytest.mark.parametrize("kind", list(host_headers()))
def test_every_host_header_container_verifies(kind: str) -> None:
    webhook = verify_webhook(SECRET, BODY, headers=host_headers()[kind], now=NOW)
    assert (webhook.timestamp, webhook.age) == (SIGNED_AT, 7)
    assert webhook.delivery_id == SENT.delivery_id


def test_request_meta_holds_non_text_entries_which_are_skipped() -> None:
    request = RequestFactory().post(
        "/hook", BODY, content_type="application/json", headers=SENT.headers
    )
    meta = dict(request.META)
    assert not all(isinstance(v, str) for v in meta.values())  # wsgi.input and the like
    assert verify_webhook(SECRET, BODY, headers=meta, now=NOW).age == 7


def test_a_repeated_name_from_an_items_object_reaches_the_core() -> None:
    pairs = [*SENT.headers.items(), ("x-chatwoot-signature", SENT.signature)]
    with pytest.raises(MalformedSignatureError, match="more than once"):
        verify_webhook(SECRET, BODY, headers=MultiHeaders(pairs), now=NOW)


@pytest.mark.parametrize("param", ["now", "tolerance"])
def test_seconds_options_name_their_parameter(param: str) -> None:
    options: dict[str, Any] = {"headers": SENT.headers, "now": NOW}
    for bad, exception, message in [
        (1.5, TypeError, f"{param} must be an int (whole seconds), not float"),
        (True, TypeError, f"{param} must be an int (whole seconds), not bool"),
        ("300", TypeError, f"{param} must be an int (whole seconds), not str"),
        (-1, ValueError, f"{param} must be 0 or more seconds, not a negative int"),
        (2**64, OverflowError, f"{param} is beyond the 64-bit range of seconds this library takes"),
        (
            10**40,
            OverflowError,
            f"{param} is beyond the 64-bit range of seconds this library takes",
        ),
    ]:
        given = {**options, param: bad}
        calls: list[Callable[[], object]] = [
            lambda given=given: verify_webhook(SECRET, BODY, **given),
        ]
        if param == "now":
            calls.append(lambda given=given: WebhookVerifier(SECRET).verify(BODY, **given))
        else:
            calls.append(lambda bad=bad: WebhookVerifier(SECRET, tolerance=bad))
        for call in calls:
            assert raised_exactly(exception, call) == message


def test_the_largest_seconds_are_accepted() -> None:
    with pytest.raises(StaleTimestampError):
        verify_webhook(SECRET, BODY, headers=SENT.headers, now=2**64 - 1)
    assert verify_webhook(SECRET, BODY, headers=SENT.headers, now=NOW, tolerance=2**64 - 1)
    assert WebhookVerifier(SECRET, tolerance=2**64 - 1).tolerance == 2**64 - 1


def test_sign_webhook_timestamp_is_seconds() -> None:
    assert sign_webhook(SECRET, BODY, 0).timestamp == "0"
    # The largest timestamp a verifier reads (18 digits) is the largest one signed.
    assert sign_webhook(SECRET, BODY, 10**18 - 1).timestamp == str(10**18 - 1)
    with pytest.raises(MalformedTimestampError, match="timestamp to sign has more than 18 digits"):
        sign_webhook(SECRET, BODY, 10**18)
    for bad, exception in [
        (1.5, TypeError),
        ("1", TypeError),
        (-1, ValueError),
        (2**64, OverflowError),
    ]:
        with pytest.raises(exception, match=r"^timestamp "):
            sign_webhook(SECRET, BODY, bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [0, 1, "yes", None], ids=repr)
def test_check_age_is_a_bool(bad: object) -> None:
    if bad is None:  # None is "not given": the default
        assert WebhookVerifier(SECRET, check_age=bad).check_age is True  # type: ignore[arg-type]
        return
    for call in (
        lambda: WebhookVerifier(SECRET, check_age=bad),  # type: ignore[arg-type]
        lambda: verify_webhook(SECRET, BODY, headers=SENT.headers, check_age=bad),  # type: ignore[arg-type]
    ):
        with pytest.raises(TypeError, match=f"^check_age must be bool, not {type_name(bad)}$"):
            call()


@pytest.mark.parametrize("bad", WRONG_TYPES, ids=type_name)
def test_identity_hmac_token_of_a_wrong_type_names_it(bad: object) -> None:
    with pytest.raises(TypeError) as raised:
        diagnose_webhook(SECRET, BODY, headers=SENT.headers, identity_hmac_token=bad)  # type: ignore[arg-type]
    assert str(raised.value) == (
        f"identity_hmac_token must be str, bytes, bytearray or memoryview, not {type_name(bad)}"
    )


def test_huge_header_values_are_refused_by_the_rule_not_a_crash() -> None:
    huge = "9" * 1_000_000
    with pytest.raises(MalformedTimestampError):
        verify_webhook(SECRET, BODY, signature=SENT.signature, timestamp=huge, now=NOW)
    with pytest.raises(MalformedSignatureError):
        verify_webhook(SECRET, BODY, signature="sha256=" + huge, timestamp=SENT.timestamp)
    many = [(f"X-Other-{i}", "v") for i in range(100_000)] + list(SENT.headers.items())
    assert verify_webhook(SECRET, BODY, headers=many, now=NOW).age == 7


def test_every_buffer_type_is_its_bytes() -> None:
    words = array("I", [0x64636261, 0x68676665])  # b"abcdefgh" on a little-endian machine
    raw = words.tobytes()
    sent = sign_webhook(SECRET, raw, SIGNED_AT)
    for body in (words, memoryview(words), memoryview(raw).cast("B"), bytearray(raw)):
        assert verify_webhook(SECRET, body, headers=sent.headers, now=NOW).age == 7
    assert sign_webhook(SECRET, words, SIGNED_AT).signature == sent.signature


def test_a_strided_memoryview_is_its_bytes() -> None:
    spread = bytes(b for pair in zip(BODY, b"-" * len(BODY), strict=True) for b in pair)
    view = memoryview(spread)[::2]
    assert view.tobytes() == BODY
    assert verify_webhook(SECRET, view, headers=SENT.headers, now=NOW).age == 7


def test_a_bytearray_is_read_in_place_and_stays_exported_only_during_the_call() -> None:
    body = bytearray(BODY)
    assert verify_webhook(SECRET, body, headers=SENT.headers, now=NOW).age == 7
    body.extend(b" ")  # the buffer export was released: resizing works again
    with pytest.raises(SignatureMismatchError):
        verify_webhook(SECRET, body, headers=SENT.headers, now=NOW)


def progress_during_one_call(body: object, headers: dict[str, str]) -> int:
    """How far another Python thread counts while one verify call runs.

    With a long switch interval the calling thread keeps the GIL between the two reads of the
    counter unless the call releases it: the count is then exactly 0 for a call that holds it.
    (The interval only bounds how long the counting thread may keep the GIL afterwards.)"""
    counter = [0]
    stop = threading.Event()

    def count() -> None:
        while not stop.is_set():
            counter[0] += 1

    interval = sys.getswitchinterval()
    counting = threading.Thread(target=count)
    counting.start()
    try:
        while counter[0] == 0:
            pass
        sys.setswitchinterval(0.25)
        time.sleep(0.001)  # the counting thread now waits for the GIL with the long interval
        before = counter[0]
        verify_webhook(SECRET, body, headers=headers, check_age=False)
        return counter[0] - before
    finally:
        sys.setswitchinterval(interval)
        stop.set()
        counting.join()


def test_a_large_immutable_body_is_hashed_without_the_gil() -> None:
    body = b"x" * (16 * 2**20)
    headers = sign_webhook(SECRET, body, SIGNED_AT).headers
    # A few tries, in case the machine is too busy to run the other thread at all meanwhile.
    assert any(progress_during_one_call(body, headers) > 0 for _ in range(3))
    assert any(progress_during_one_call(memoryview(body), headers) > 0 for _ in range(3))
    assert any(progress_during_one_call(body.decode(), headers) > 0 for _ in range(3))


def test_a_small_or_mutable_body_is_hashed_with_the_gil_held() -> None:
    large = bytearray(b"x" * (4 * 2**20))
    small = b"x" * 1024
    for body in (large, memoryview(large), small):
        headers = sign_webhook(SECRET, body, SIGNED_AT).headers
        assert progress_during_one_call(body, headers) == 0


def test_one_off_calls_reuse_only_the_very_same_secret_and_options() -> None:
    """verify_webhook keeps the key of the last str or bytes secret object: alternating
    secrets, options and secret types must each still get their own answer."""
    other = "another-webhook-secret"
    sent_other = sign_webhook(other, BODY, SIGNED_AT)
    for _ in range(3):
        assert verify_webhook(SECRET, BODY, headers=SENT.headers, now=NOW).age == 7
        with pytest.raises(SignatureMismatchError):
            verify_webhook(other, BODY, headers=SENT.headers, now=NOW)
        assert verify_webhook(other, BODY, headers=sent_other.headers, now=NOW).age == 7
        with pytest.raises(StaleTimestampError):
            verify_webhook(other, BODY, headers=sent_other.headers, now=NOW, tolerance=6)
        assert verify_webhook(other, BODY, headers=sent_other.headers, now=NOW, tolerance=7)
        late = NOW + 10**6
        assert verify_webhook(other, BODY, headers=sent_other.headers, now=late, check_age=False)
        with pytest.raises(StaleTimestampError):
            verify_webhook(other, BODY, headers=sent_other.headers, now=late)
        equal_text = "".join(["another-webhook-", "secret"])  # another object, same text
        assert verify_webhook(equal_text, BODY, headers=sent_other.headers, now=NOW)
        assert verify_webhook(other.encode(), BODY, headers=sent_other.headers, now=NOW)
        mutable = bytearray(other.encode())
        assert verify_webhook(mutable, BODY, headers=sent_other.headers, now=NOW)
        mutable[0] ^= 1  # a mutable secret is never taken for the one seen before
        with pytest.raises(SignatureMismatchError):
            verify_webhook(mutable, BODY, headers=sent_other.headers, now=NOW)
