"""The webhook secret stays out of every repr, message and traceback; a verifier is safe to
share between threads."""

from __future__ import annotations

import copy
import pickle
import threading
import traceback
from collections.abc import Callable
from typing import Any

import pytest
from webhook_vectors import VECTORS_CASES

from chatwoot_identity import (
    ChatwootIdentityError,
    SignatureMismatchError,
    VerifiedWebhook,
    WebhookVerifier,
    diagnose_webhook,
    sign_webhook,
    verify_webhook,
)

SECRET = "a-distinctive-webhook-secret-QX7ZP9"
TOKEN = "a-distinctive-hmac-token-KW3RT5"
BODY = b'{"event":"message_created"}'
SENT = sign_webhook(SECRET, BODY, 1_700_000_000)


def leaks(text: str) -> bool:
    return any(s in text for s in (SECRET, TOKEN, SENT.signature[7:]))


def test_reprs_are_redacted() -> None:
    verifier = WebhookVerifier(SECRET)
    webhook = verifier.verify(BODY, headers=SENT.headers, now=1_700_000_001)
    diagnosis = diagnose_webhook(
        SECRET, b'{"event":"message_updated"}', headers=SENT.headers, identity_hmac_token=TOKEN
    )
    assert repr(verifier) == "<chatwoot_identity.WebhookVerifier secret=<redacted> tolerance=300>"
    assert repr(WebhookVerifier(SECRET, check_age=False)) == (
        "<chatwoot_identity.WebhookVerifier secret=<redacted> check_age=False>"
    )
    assert repr(webhook) == (
        f"VerifiedWebhook(timestamp=1700000000, age=1, delivery_id='{SENT.delivery_id}', "
        "replay_key=<redacted>)"
    )
    assert repr(SENT) == (
        f"SignedWebhook(timestamp='1700000000', delivery_id='{SENT.delivery_id}', "
        "signature=<redacted>)"
    )
    assert repr(diagnosis) == "WebhookDiagnosis(verified=False, findings=['unknown_secret'])"
    assert repr(diagnosis.findings[0]) == "WebhookFinding(code='unknown_secret')"
    for shown in (verifier, webhook, SENT, diagnosis, *diagnosis.findings):
        assert not leaks(repr(shown)) and not leaks(str(shown))


def test_a_delivery_id_is_shown_as_python_would_quote_it() -> None:
    headers = {**SENT.headers, "X-Chatwoot-Delivery": 'it\'s "odd"\\'}
    webhook = verify_webhook(SECRET, BODY, headers=headers, now=1_700_000_001)
    assert webhook.delivery_id == 'it\'s "odd"\\'
    assert f"delivery_id={webhook.delivery_id!r}," in repr(webhook)


def failing_calls() -> list[Callable[[], object]]:
    """Every way a call with the secret can fail: each vector's error, and the type errors."""
    calls: list[Callable[[], object]] = []
    for case in VECTORS_CASES:
        if "error" in case and case["error"] != "empty_secret":
            calls.append(
                lambda case=case: verify_webhook(
                    SECRET, case["body"], headers=case["headers"], now=case["now"]
                )
            )
    calls += [
        lambda: verify_webhook(SECRET, BODY, headers=SENT.headers, now=1_800_000_000),
        lambda: verify_webhook(SECRET, 42, headers=SENT.headers),  # type: ignore[arg-type]
        lambda: verify_webhook(SECRET, BODY, headers=[(SECRET, 1)]),
        lambda: verify_webhook(SECRET, BODY, signature=SENT.signature, headers={}),
        lambda: WebhookVerifier(SECRET, tolerance=-1),
        lambda: WebhookVerifier(SECRET).verify(BODY, headers=SENT.headers, now=1.5),  # type: ignore[arg-type]
        lambda: pickle.dumps(WebhookVerifier(SECRET)),
        lambda: diagnose_webhook(SECRET, BODY, identity_hmac_token=3),  # type: ignore[arg-type]
        lambda: verify_webhook(SECRET + "\ud800", BODY, headers=SENT.headers),
    ]
    return calls


def test_no_error_message_or_traceback_holds_the_secret() -> None:
    calls = failing_calls()
    assert len(calls) > 30
    for call in calls:
        with pytest.raises((ChatwootIdentityError, TypeError, ValueError, OverflowError)) as raised:
            call()
        text = "".join(traceback.format_exception(raised.type, raised.value, raised.tb))
        # The traceback shows the test's own source lines, which name the constant, not its value.
        assert not leaks(str(raised.value)), str(raised.value)
        assert not leaks(text), text
        assert raised.value.__cause__ is None and raised.value.__context__ is None


def test_a_verifier_refuses_to_be_pickled_and_copies_are_itself() -> None:
    verifier = WebhookVerifier(SECRET)
    with pytest.raises(TypeError, match=r"cannot pickle a chatwoot_identity\.WebhookVerifier"):
        pickle.dumps(verifier)
    assert copy.copy(verifier) is verifier
    assert copy.deepcopy(verifier) is verifier
    assert (verifier.tolerance, verifier.check_age) == (300, True)


def test_threads_share_one_verifier() -> None:
    verifier = WebhookVerifier(SECRET, check_age=False)
    small = [f'{{"id":{i}}}'.encode() for i in range(50)]
    large = [bytes([65 + i % 26]) * (64 * 1024 + i) for i in range(10)]  # hashed without the GIL
    requests = [
        (body, sign_webhook(SECRET, body, 1_700_000_000 + i))
        for i, body in enumerate(small + large)
    ]
    errors: list[BaseException] = []
    seen: list[int] = []
    start = threading.Barrier(8)

    def work(offset: int) -> None:
        start.wait()
        try:
            for round_number in range(20):
                for index, (body, sent) in enumerate(requests):
                    webhook: VerifiedWebhook = verifier.verify(body, headers=sent.headers)
                    assert webhook.timestamp == 1_700_000_000 + index
                    assert webhook.delivery_id == sent.delivery_id
                    other, _ = requests[(index + offset + round_number + 1) % len(requests)]
                    try:
                        verifier.verify(other, headers=sent.headers)
                    except SignatureMismatchError:
                        pass
                    else:
                        raise AssertionError("another body verified")
            seen.append(offset)
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(seen) == list(range(8))


def test_the_module_functions_are_safe_from_threads_too() -> None:
    results: list[Any] = []

    def work() -> None:
        for n in range(200):
            body = b"x" * n
            sent = sign_webhook(SECRET, body)
            results.append(verify_webhook(SECRET, body, headers=sent.headers).age)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 800 and all(-5 <= age <= 5 for age in results)
