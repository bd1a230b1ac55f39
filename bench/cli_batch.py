#!/usr/bin/env python3
"""Throughput and peak memory of `chatwoot-identity batch`, as operations people run it.

On 10,000,000 identifiers: from `--input`, from stdin through a pipe (the two must be within
10% of each other), and from `--input` on one thread; and one 300 MB line (a bad row, read in
bounded memory and linear time) against the same bytes through `cat > /dev/null`, the cost of
the pipe alone. Peak resident memory comes from each child's own rusage (os.wait4). Writes
target/bench/cli.json; the input file is generated once under target/bench/.
"""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT = int(os.environ.get("CLI_BENCH_COUNT", "10000000"))
LONG_LINE_MB = 300
BINARY = ROOT / "target" / "release" / "chatwoot-identity"
RATE_TARGET = 8_000_000
PEAK_TARGET_MIB = 50
STDIN_VS_INPUT_TARGET = 1.1


def input_file() -> Path:
    path = ROOT / "target" / "bench" / f"identifiers-{COUNT}.txt"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="ascii") as f:
            for start in range(0, COUNT, 100_000):
                f.write("".join(f"3f2a1c9e-8b7d-4e6f-a5c4-{i:012}\n"
                                for i in range(start, min(start + 100_000, COUNT))))
    return path


def run(argv: list[str], threads: int, stdin=subprocess.DEVNULL, feed=None) -> tuple[float, float, int]:
    """Runs one command with stdout to /dev/null; returns (seconds, peak MiB, exit status)."""
    env = dict(os.environ, CHATWOOT_HMAC_SECRET="your-secret-token-for-hmac",
               RAYON_NUM_THREADS=str(threads))
    with open(os.devnull, "wb") as devnull:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdin=stdin, stdout=devnull, stderr=subprocess.DEVNULL,
                                 env=env)
        writer = None
        if feed is not None:
            writer = threading.Thread(target=feed, args=(child.stdin,))
            writer.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        if writer is not None:
            writer.join()
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4 already
    return seconds, usage.ru_maxrss / 1024, child.returncode


def batch(args: list[str], threads: int, stdin=subprocess.DEVNULL, feed=None) -> tuple[float, float, int]:
    return run([str(BINARY), "batch", *args], threads, stdin, feed)


def from_input(path: Path, threads: int) -> tuple[float, float]:
    seconds, peak, status = batch(["--input", str(path)], threads)
    assert status == 0, status
    return seconds, peak


def from_pipe(path: Path, threads: int) -> tuple[float, float]:
    """stdin is a pipe, as with `cat file | chatwoot-identity batch` or an export piped in."""
    cat = subprocess.Popen(["cat", str(path)], stdout=subprocess.PIPE)
    seconds, peak, status = batch([], threads, stdin=cat.stdout)
    cat.stdout.close()
    cat.wait()
    assert status == 0, status
    return seconds, peak


def long_line(megabytes: int, argv: list[str]) -> tuple[float, float, int]:
    """One line of `megabytes` MB, then a short one, written into the stdin of `argv`."""
    block = b"a" * (1 << 20)

    def feed(stdin) -> None:
        for _ in range(megabytes):
            stdin.write(block)
        stdin.write(b"\nok\n")
        stdin.close()

    return run(argv, os.cpu_count() or 1, stdin=subprocess.PIPE, feed=feed)


def best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The fastest of a few runs (the machine is shared), with the highest peak of them all."""
    return min(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    if not BINARY.exists():
        sys.exit("build it first: cargo build --release -p chatwoot-identity-cli")
    path = input_file()
    cores = os.cpu_count() or 1
    one_seconds, _ = from_input(path, 1)
    # Alternate the two ways in, so load from other work falls on both alike.
    input_runs, pipe_runs = [], []
    for _ in range(3):
        input_runs.append(from_input(path, cores))
        pipe_runs.append(from_pipe(path, cores))
    input_seconds, input_peak = best(input_runs)
    pipe_seconds, pipe_peak = best(pipe_runs)
    line_runs, pipe_only = [], []
    for _ in range(3):
        seconds, peak, status = long_line(LONG_LINE_MB, [str(BINARY), "batch"])
        assert status == 1, status  # the long line is a bad row
        line_runs.append((seconds, peak))
        pipe_only.append(long_line(LONG_LINE_MB, ["cat"])[:2])
    line_seconds, line_peak = best(line_runs)
    cat_seconds, _ = best(pipe_only)

    def rate_row(call, seconds, peak, competitor, competitor_seconds, target_ratio):
        rate = COUNT / seconds
        ratio = seconds / competitor_seconds
        # "Within 10% of each other": faster counts as far off as slower.
        within = target_ratio is not None and 1 / target_ratio <= ratio <= target_ratio
        return {"language": "cli", "call": call,
                "ours_ns": round(seconds / COUNT * 1e9, 1), "competitor": competitor,
                "competitor_ns": round(competitor_seconds / COUNT * 1e9, 1),
                "ratio": round(ratio, 3), "target_ratio": target_ratio,
                "met": None if target_ratio is None else within,
                "rate_per_s": round(rate), "rate_target_per_s": RATE_TARGET,
                "rate_met": rate >= RATE_TARGET, "peak_mib": round(peak, 1),
                "peak_target_mib": PEAK_TARGET_MIB, "peak_met": peak < PEAK_TARGET_MIB}

    rows = [
        rate_row(f"batch of {COUNT:,} from --input to /dev/null (per id, {cores} cores)",
                 input_seconds, input_peak, "same run on one thread", one_seconds, None),
        rate_row(f"batch of {COUNT:,} from a stdin pipe to /dev/null (per id, {cores} cores)",
                 pipe_seconds, pipe_peak, "same batch from --input (within 10% either way)",
                 input_seconds,
                 STDIN_VS_INPUT_TARGET),
        {"language": "cli", "call": f"batch of one {LONG_LINE_MB} MB line from a stdin pipe "
                                    f"(whole run)",
         "ours_ns": round(line_seconds * 1e9), "competitor": "same bytes into cat > /dev/null",
         "competitor_ns": round(cat_seconds * 1e9), "ratio": round(line_seconds / cat_seconds, 3),
         "target_ratio": None, "met": None, "peak_mib": round(line_peak, 1),
         "peak_target_mib": PEAK_TARGET_MIB, "peak_met": line_peak < PEAK_TARGET_MIB},
    ]
    (ROOT / "target" / "bench" / "cli.json").write_text(json.dumps(rows, indent=2) + "\n")
    print(f"batch --input: {COUNT / input_seconds / 1e6:.2f} M identifiers/s on {cores} cores "
          f"({COUNT / one_seconds / 1e6:.2f} M/s on one), peak RSS {input_peak:.1f} MiB")
    print(f"batch from a stdin pipe: {COUNT / pipe_seconds / 1e6:.2f} M identifiers/s "
          f"({pipe_seconds / input_seconds:.3f}x the --input time), peak RSS {pipe_peak:.1f} MiB")
    print(f"one {LONG_LINE_MB} MB line: {line_seconds:.2f} s (the same bytes into cat: "
          f"{cat_seconds:.2f} s), peak RSS {line_peak:.1f} MiB")
    print(f"targets: >= {RATE_TARGET / 1e6:.0f} M/s, stdin within {STDIN_VS_INPUT_TARGET - 1:.0%} "
          f"of --input, < {PEAK_TARGET_MIB} MiB")


if __name__ == "__main__":
    main()
