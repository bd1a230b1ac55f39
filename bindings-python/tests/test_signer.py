"""`Signer`: sharing across threads, batches, and keeping the secret in."""

from __future__ import annotations

import copy
import hmac
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from hashlib import sha256

import pytest

from chatwoot_identity import Signer

SECRET = "a-distinctive-secret-QX7ZP9"


def reference(identifier: str) -> str:
    return hmac.new(SECRET.encode(), identifier.encode(), sha256).hexdigest()


def test_repr_never_shows_the_secret() -> None:
    signer = Signer(SECRET)
    for shown in (repr(signer), str(signer), f"{signer!r}"):
        assert SECRET not in shown
        assert "redacted" in shown


def test_pickling_raises_a_clear_error() -> None:
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        with pytest.raises(
            TypeError, match=r"^cannot pickle a chatwoot_identity\.Signer"
        ) as raised:
            pickle.dumps(Signer(SECRET), protocol=protocol)
        assert SECRET not in str(raised.value)


def test_copies_are_the_same_immutable_object() -> None:
    signer = Signer(SECRET)
    assert copy.copy(signer) is signer
    assert copy.deepcopy({"signer": signer})["signer"] is signer


def test_signer_is_immutable() -> None:
    signer = Signer(SECRET)
    with pytest.raises(AttributeError):
        signer.secret = "other"  # type: ignore[attr-defined]


def test_eight_threads_share_one_signer_and_every_result_is_right() -> None:
    signer = Signer(SECRET)
    per_thread = 100_000

    def run(thread: int) -> int:
        identifiers = [f"thread-{thread}-user-{i}" for i in range(per_thread)]
        expected = [reference(identifier) for identifier in identifiers]
        pairs = list(zip(identifiers, expected, strict=True))
        wrong = sum(signer.identifier_hash(i) != e for i, e in pairs)
        wrong += sum(not signer.verify(i, e) for i, e in pairs[:1000])
        return wrong + (signer.identifier_hashes(identifiers) != expected)

    with ThreadPoolExecutor(max_workers=8) as pool:
        wrong_per_thread = list(pool.map(run, range(8)))
    assert wrong_per_thread == [0] * 8


def test_batch_of_a_million_equals_the_hashes_one_by_one() -> None:
    signer = Signer(SECRET)
    identifiers = [f"user-{i}@example.com" for i in range(1_000_000)]
    batch = signer.identifier_hashes(identifiers)
    assert len(batch) == len(identifiers)
    assert batch == [signer.identifier_hash(identifier) for identifier in identifiers]
    for index in (0, 1, 65_535, 65_536, 999_999):
        assert batch[index] == reference(identifiers[index])


def run_while_the_gil_is_released(action: Callable[[], None], call: Callable[[], None]) -> bool:
    """Runs `call` while a helper thread waits to run `action`; whether `action` ran before
    `call` returned. With a huge switch interval the main thread never hands the GIL over on
    request, so the helper, let through the gate just before the call, can only run if the
    call releases the GIL."""
    gate = threading.Lock()
    gate.acquire()
    ran: list[bool] = []

    def helper() -> None:
        with gate:
            action()
            ran.append(True)

    previous_interval = sys.getswitchinterval()
    sys.setswitchinterval(1000)
    thread = threading.Thread(target=helper)
    try:
        thread.start()
        gate.release()
        call()
        return bool(ran)
    finally:
        sys.setswitchinterval(previous_interval)
        thread.join()


def test_batch_releases_the_gil_while_hashing() -> None:
    identifiers = [f"user-{i}" for i in range(300_000)]
    signer = Signer(SECRET)
    assert run_while_the_gil_is_released(
        lambda: None, lambda: signer.identifier_hashes(identifiers)
    )


def test_a_list_changed_by_another_thread_during_the_batch_is_an_error() -> None:
    # The batch reads a list in place, round by round, and releases the GIL between rounds; a
    # thread that appends meanwhile must not make it skip or repeat identifiers silently.
    identifiers = [f"user-{i}" for i in range(300_000)]
    signer = Signer(SECRET)
    with pytest.raises(
        RuntimeError,
        match=r"^identifiers changed size during the batch \(from 300000 to 300001 items\)",
    ):
        run_while_the_gil_is_released(
            lambda: identifiers.append("late-user"),
            lambda: signer.identifier_hashes(identifiers),
        )
    # Unchanged, and as a tuple (copied first), the same items hash as usual.
    expected = [reference(i) for i in identifiers[:1000]]
    assert signer.identifier_hashes(identifiers[:1000]) == expected
    assert signer.identifier_hashes(tuple(identifiers[:1000])) == expected


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_batches_still_work_in_a_child_forked_after_a_parallel_batch() -> None:
    # gunicorn --preload, Celery prefork and multiprocessing fork after the app is loaded; the
    # child must not wait for worker threads that only existed in the parent.
    signer = Signer(SECRET)
    identifiers = [f"user-{i}" for i in range(50_000)]
    expected = signer.identifier_hashes(identifiers)
    child = os.fork()
    if child == 0:
        os._exit(0 if signer.identifier_hashes(identifiers) == expected else 1)
    for _ in range(1200):  # a deadlock guard, not a speed check: up to two minutes
        finished, status = os.waitpid(child, os.WNOHANG)
        if finished:
            assert os.waitstatus_to_exitcode(status) == 0
            return
        time.sleep(0.1)
    os.kill(child, signal.SIGKILL)
    os.waitpid(child, 0)
    pytest.fail("the forked child's batch never finished")
