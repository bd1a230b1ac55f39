#!/usr/bin/env python3
"""Writes BENCHMARKS.md from the figures every benchmark left in target/bench/*.json.

Each row compares one of our calls with its competitor measured in the same run on the same
machine; the ratio is ours / competitor (lower is better) and the target is the issue's.
"""

import datetime
import json
import os
import platform
import subprocess
from pathlib import Path

from chart import svg

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "target" / "bench"
ORDER = ["rust", "cli", "python", "node", "ruby", "elixir", "c", "go", "php"]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        flags = Path("/proc/cpuinfo").read_text()
        sha = "with SHA extensions (sha_ni)" if " sha_ni" in flags else "without SHA extensions"
    except OSError:
        sha = ""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{cpu}, {os.cpu_count()} cores {sha}, {memory:.0f} GiB, "
            f"{platform.system()} {platform.release()}, {rustc}")


def fmt_ns(ns) -> str:
    if ns is None:
        return "–"
    if ns >= 1e9:
        return f"{ns / 1e9:.2f} s"
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.1f} ns"


def verdict(row) -> str:
    if row.get("met") is None:
        return "–"
    return "yes" if row["met"] else "**no**"


def main() -> None:
    rows = []
    timing = FIGURES / "timing.json"
    for path in sorted((p for p in FIGURES.glob("*.json") if p != timing), key=lambda p: (ORDER.index(p.stem)
                                                              if p.stem in ORDER else 99)):
        rows.extend(json.loads(path.read_text()))
    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.date.today().isoformat()} by `make bench` on: {machine()}.",
        "",
        "Every row sets one of our calls against its competitor, measured in the same run on the",
        "same machine; ratio = ours / competitor, lower is better; the target is the one the",
        "project set for that call. Batches are per identifier. The machine is shared with other",
        "work while `make bench` runs on a 2-core CI-sized box, so figures move by some percent",
        "between runs; the ratios move much less.",
        "",
        "![ratios of every benchmark against its competitor](BENCHMARKS.svg)",
        "",
        "| language | call | ours | competitor | competitor time | ratio | target | met |",
        "| --- | --- | ---: | --- | ---: | ---: | ---: | :---: |",
    ]
    for r in rows:
        target = "–" if r.get("target_ratio") is None else f"≤ {r['target_ratio']}"
        lines.append(f"| {r['language']} | {r['call']} | {fmt_ns(r['ours_ns'])} | "
                     f"{r['competitor']} | {fmt_ns(r['competitor_ns'])} | {r['ratio']:.3f} | "
                     f"{target} | {verdict(r)} |")
    for r in (r for r in rows if "peak_mib" in r):
        rate = ""
        if "rate_per_s" in r:
            rate = (f"{r['rate_per_s'] / 1e6:.2f} million identifiers per second (target ≥ "
                    f"{r['rate_target_per_s'] / 1e6:.0f} M/s: "
                    f"{'met' if r['rate_met'] else 'missed'}), ")
        lines += ["", f"CLI, {r['call']}: {rate}peak resident memory {r['peak_mib']} MiB "
                  f"(target < {r['peak_target_mib']} MiB: {'met' if r['peak_met'] else 'missed'})."]
    if timing.exists():
        lines += ["", "## Timing of verify (dudect)", "",
                  "Welch's t statistic between wrong candidates that differ from the right hash (or",
                  "webhook signature) in the first hex character and in the last (`make timing`);",
                  "|t| < 4.5 means no timing",
                  "difference was found. The control is a comparison that stops at the first",
                  "difference: the method must find it, or its silence on the others means nothing.",
                  "", "| measurement | samples | t | difference found |", "| --- | ---: | ---: | :---: |"]
        for r in json.loads(timing.read_text()):
            lines.append(f"| `{r['bench']}` | {r['samples']:,} | {r['t']:+.2f} | "
                         f"{'yes' if r['leak_found'] else 'no'} |")
    missed = [r for r in rows if r.get("met") is False]
    if missed:
        lines += ["", "## Targets missed", ""]
        lines += [f"- {r['language']}: {r['call']} (ratio {r['ratio']:.3f}, target ≤ "
                  f"{r['target_ratio']})" for r in missed]
    notes = ROOT / "bench" / "NOTES.md"
    if notes.exists():
        lines += ["", notes.read_text().strip()]
    (ROOT / "BENCHMARKS.md").write_text("\n".join(lines) + "\n")
    (ROOT / "BENCHMARKS.svg").write_text(
        svg(rows, f"chatwoot-identity benchmarks, {datetime.date.today().isoformat()}"))
    print(f"BENCHMARKS.md: {len(rows)} rows, {len(missed)} targets missed")


if __name__ == "__main__":
    main()
