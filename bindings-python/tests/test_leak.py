"""Issue 8: ten million mixed calls, error paths included, keep resident memory flat."""

from __future__ import annotations

import os
from collections.abc import Callable

from chatwoot_identity import (
    EmptyIdentifierError,
    IncompleteUserError,
    InvalidWidgetRequestError,
    Signer,
    WidgetUser,
    identifier_hash,
    set_user_payload,
    verify,
    widget_script,
)

SECRET = "your-secret-token-for-hmac"
CALLS = 10_000_000
WARM_UP = 1_000_000
# A leak of a single byte per call would grow by ~9 MB over the measured calls.
ALLOWED_GROWTH = 4 * 1024 * 1024


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def mixed_calls(signer: Signer) -> Callable[[int], None]:
    """Runs `count` calls: mostly the hot paths, a few errors, widgets and payloads."""
    user: WidgetUser = {"identifier": 42, "name": "Jane", "custom_attributes": {"plan": "pro"}}
    good = signer.identifier_hash("user-1")

    def run(count: int) -> None:
        for round_number in range(count // 10):
            signer.identifier_hash("user-1")
            signer.identifier_hash(round_number)
            signer.identifier_hash(b"user-2")
            signer.verify("user-1", good)
            signer.verify("user-1", "not-a-hash")
            identifier_hash(SECRET, "user-3")
            verify(SECRET, "user-1", good)
            signer.identifier_hash("user-4")
            signer.verify(7, good)
            if round_number % 100 == 0:
                try:
                    signer.identifier_hash("")
                except EmptyIdentifierError:
                    pass
                try:
                    set_user_payload(signer, {"identifier": round_number})
                except IncompleteUserError:
                    pass
                try:
                    set_user_payload(SECRET, {"identifier": "u", "name": round_number})  # type: ignore[typeddict-item]
                except InvalidWidgetRequestError.WrongTypeError:
                    pass
                set_user_payload(signer, user)
                widget_script(
                    "https://app.chatwoot.com",
                    "QrtMG8GydFgEy7bVzsLLmHoq",
                    hmac_secret=signer,
                    user=user,
                    settings={"position": "left"},
                )
            else:
                signer.identifier_hash("user-5")

    return run


def test_ten_million_calls_keep_memory_flat() -> None:
    run = mixed_calls(Signer(SECRET))
    run(WARM_UP)
    before = resident_bytes()
    run(CALLS - WARM_UP)
    growth = resident_bytes() - before
    assert growth < ALLOWED_GROWTH, f"resident memory grew by {growth / 1e6:.1f} MB"
