"""Speed of chatwoot_identity against the standard library's hmac, measured in the same run.

Prints a table of ratios against the issue's targets and writes the figures as JSON (a list of
rows: language, call, ours_ns, competitor, competitor_ns, ratio, target_ratio, met). Each figure
is the best of many samples taken in turn, which filters out noise from other work on the
machine: thread CPU time for single calls, wall time for batches (they use every core).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import hmac
import json
import os
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

from chatwoot_identity import Signer, WebhookVerifier, identifier_hash, sign_webhook, verify_webhook

SECRET = "your-secret-token-for-hmac"
KEY = SECRET.encode()
IDENTIFIER = "5f6b1c3e-8f7a-4b2c-9d1e-0a1b2c3d4e5f"  # 36 bytes, like a UUID
MESSAGE = IDENTIFIER.encode()
BATCH = 1_000_000
HMAC_NEW = "hmac.new(key, msg, hashlib.sha256).hexdigest()"
PREPARED = "prepared hashlib inner/outer .copy()"


def best_ns_per_call(
    calls: dict[str, Callable[[], object]],
    number: int,
    repeat: int,
    timer: Callable[[], float] = time.perf_counter,
) -> dict[str, float]:
    """Best time per call of each entry, sampled in turn so all see the same machine load."""
    timers = {name: timeit.Timer(call, timer=timer) for name, call in calls.items()}
    best = dict.fromkeys(calls, float("inf"))
    for _ in range(repeat):
        for name, measured in timers.items():
            best[name] = min(best[name], measured.timeit(number) / number * 1e9)
    return best


def prepared_pure_python(key: bytes) -> Callable[[bytes], str]:
    """The fastest pure-Python HMAC-SHA256: key the inner and outer states once, copy per call."""
    block = (
        key.ljust(64, b"\0") if len(key) <= 64 else hashlib.sha256(key).digest().ljust(64, b"\0")
    )
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in block))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in block))

    def digest(message: bytes) -> str:
        i = inner.copy()
        i.update(message)
        o = outer.copy()
        o.update(i.digest())
        return o.hexdigest()

    return digest


def row(call: str, ours: float, competitor: str, theirs: float, target: float) -> dict[str, Any]:
    ratio = ours / theirs
    return {
        "language": "python",
        "call": call,
        "ours_ns": round(ours, 1),
        "competitor": competitor,
        "competitor_ns": round(theirs, 1),
        "ratio": round(ratio, 4),
        "target_ratio": target,
        "met": ratio <= target,
    }


def single_calls() -> list[dict[str, Any]]:
    signer = Signer(SECRET)
    prepared = prepared_pure_python(KEY)
    assert prepared(MESSAGE) == hmac.new(KEY, MESSAGE, hashlib.sha256).hexdigest()
    assert signer.identifier_hash(IDENTIFIER) == prepared(MESSAGE)
    # Thread CPU time: on a shared machine, time spent preempted by other processes is not the
    # cost of the call. Short samples, many of them, taken in turn.
    best = best_ns_per_call(
        {
            "hmac": lambda: hmac.new(KEY, MESSAGE, hashlib.sha256).hexdigest(),
            "prepared": lambda: prepared(MESSAGE),
            "one_off": lambda: identifier_hash(SECRET, IDENTIFIER),
            "signer": lambda: signer.identifier_hash(IDENTIFIER),
        },
        number=20_000,
        repeat=40,
        timer=time.thread_time,
    )
    hmac_ns, prepared_ns = best["hmac"], best["prepared"]
    one_off_ns, signer_ns = best["one_off"], best["signer"]
    return [
        row("identifier_hash(secret, id)", one_off_ns, HMAC_NEW, hmac_ns, 0.25),
        row("Signer.identifier_hash(id)", signer_ns, HMAC_NEW, hmac_ns, 0.15),
        row("Signer.identifier_hash(id)", signer_ns, PREPARED, prepared_ns, 0.4),
    ]


def batch_call() -> dict[str, Any]:
    signer = Signer(SECRET)
    identifiers = [f"{IDENTIFIER[:-7]}{i:07d}" for i in range(BATCH)]
    messages = [identifier.encode() for identifier in identifiers]  # hmac gets bytes for free
    ours = signer.identifier_hashes(identifiers)
    theirs = [hmac.new(KEY, m, hashlib.sha256).hexdigest() for m in messages]
    assert ours == theirs
    del ours, theirs
    # Wall time: the batch uses every core, which CPU time would count against it.
    best = best_ns_per_call(
        {
            "ours": lambda: signer.identifier_hashes(identifiers),
            "theirs": lambda: [hmac.new(KEY, m, hashlib.sha256).hexdigest() for m in messages],
        },
        number=1,
        repeat=4,
    )
    ours_ns, theirs_ns = best["ours"] / BATCH, best["theirs"] / BATCH
    return row(
        f"Signer.identifier_hashes({BATCH:,} ids), per id",
        ours_ns,
        f"[{HMAC_NEW} for ...]",
        theirs_ns,
        0.1,
    )


WEBHOOK_SECRET = "Sx5GdKjW7rvbcaQ8JtUmHn2p"
WEBHOOK_KEY = WEBHOOK_SECRET.encode()
SIGNED_AT = 1_767_225_600
STDLIB_WEBHOOK = (
    'hmac.compare_digest(sig, "sha256=" + hmac.new(key, ts + b"." + body, sha256).hexdigest())'
)


def webhook_rows(label: str, size: int, number: int, target: float) -> list[dict[str, Any]]:
    """Verifying one webhook body of `size` bytes, against the straightforward stdlib check."""
    verifier = WebhookVerifier(WEBHOOK_SECRET)
    body = (b'{"event":"message_created","content":"' + b"x" * size)[: size - 2] + b'"}'
    assert len(body) == size
    sent = sign_webhook(WEBHOOK_SECRET, body, SIGNED_AT)
    sig, ts, ts_bytes = sent.signature, sent.timestamp, sent.timestamp.encode()
    now = SIGNED_AT + 1

    def stdlib() -> bool:
        expected = hmac.new(WEBHOOK_KEY, ts_bytes + b"." + body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(sig, "sha256=" + expected)

    assert stdlib()
    assert verifier.verify(body, signature=sig, timestamp=ts, now=now).age == 1
    best = best_ns_per_call(
        {
            "stdlib": stdlib,
            "one_off": lambda: verify_webhook(
                WEBHOOK_SECRET, body, signature=sig, timestamp=ts, now=now
            ),
            "verifier": lambda: verifier.verify(body, signature=sig, timestamp=ts, now=now),
        },
        number=number,
        repeat=40,
        timer=time.thread_time,
    )
    return [
        row(
            f"verify_webhook(secret, {label} body)",
            best["one_off"],
            STDLIB_WEBHOOK,
            best["stdlib"],
            target,
        ),
        row(
            f"WebhookVerifier.verify({label} body)",
            best["verifier"],
            STDLIB_WEBHOOK,
            best["stdlib"],
            target,
        ),
    ]


def webhook_calls() -> list[dict[str, Any]]:
    return [*webhook_rows("1 KB", 1024, 20_000, 0.5), *webhook_rows("64 KB", 65_536, 500, 1.0)]


MEMORY_PROBE = """
import gc, sys
from chatwoot_identity import Signer

def rss(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1]) * 1024
    raise RuntimeError(field)

signer = Signer("your-secret-token-for-hmac")
identifiers = [f"5f6b1c3e-8f7a-4b2c-9d1e-0a1b{i:08d}" for i in range(int(sys.argv[1]))]
gc.collect()
with open("/proc/self/clear_refs", "w") as clear:
    clear.write("5")  # resets the peak (VmHWM) to the current size
before = rss("VmRSS:")
hashes = signer.identifier_hashes(identifiers)
peak = rss("VmHWM:") - before
size = sys.getsizeof(hashes) + sum(sys.getsizeof(h) for h in hashes)
print(peak, size)
"""


def batch_memory() -> dict[str, Any]:
    """Peak extra resident memory of one batch call, in a fresh process, against the list's size."""
    output = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(BATCH)], check=True, capture_output=True, text=True
    ).stdout
    peak, size = (int(field) for field in output.split())
    ratio = peak / size
    return {
        "language": "python",
        "call": f"Signer.identifier_hashes({BATCH:,} ids), peak memory",
        "ours_ns": None,
        "competitor": "size of the returned list",
        "competitor_ns": None,
        "ours_bytes": peak,
        "competitor_bytes": size,
        "ratio": round(ratio, 4),
        "target_ratio": 1.5,
        "met": ratio <= 1.5,
    }


def print_table(rows: list[dict[str, Any]]) -> None:
    call_width = max(len(r["call"]) for r in rows)
    competitor_width = max(len(r["competitor"]) for r in rows)
    header = (
        f"{'call':<{call_width}} {'ours':>10}  {'competitor':<{competitor_width}} "
        f"{'theirs':>10} {'ratio':>7} {'target':>7}  met"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        if r["ours_ns"] is None:
            ours = f"{r['ours_bytes'] / 2**20:.0f} MiB"
            theirs = f"{r['competitor_bytes'] / 2**20:.0f} MiB"
        else:
            ours, theirs = f"{r['ours_ns']:.0f} ns", f"{r['competitor_ns']:.0f} ns"
        met = "yes" if r["met"] else "NO"
        print(
            f"{r['call']:<{call_width}} {ours:>10}  {r['competitor']:<{competitor_width}} "
            f"{theirs:>10} {r['ratio']:>6.3f}x {r['target_ratio']:>6}x  {met}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", type=Path, required=True, help="where to write the figures")
    arguments = parser.parse_args()
    load_before = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    gc.disable()  # collections triggered by other work would land in random samples
    rows = [*single_calls(), *webhook_calls(), batch_call()]
    gc.enable()
    rows.append(batch_memory())
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average before the run: {load_before}; after: {load}")
    print_table(rows)
    arguments.json.parent.mkdir(parents=True, exist_ok=True)
    arguments.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {arguments.json}")


if __name__ == "__main__":
    main()
