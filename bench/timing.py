#!/usr/bin/env python3
"""Runs the dudect timing test (timing/) and writes its t statistics to target/bench/timing.json.

Four measurements: the identifier-hash comparison alone, identifier verify, webhook verify
(X-Chatwoot-Signature differing first or last), and the early-exit control.
"""

import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "chatwoot-identity-timing"
LINE = re.compile(r"bench (\S+)\s+\.\.\. : n == \+?([\d.]+)M, max t = ([+-][\d.]+)")


def main() -> None:
    output = subprocess.run([BINARY], capture_output=True, text=True, check=True).stdout
    results = [{"bench": name, "samples": round(float(n) * 1e6), "t": float(t),
                "leak_found": abs(float(t)) >= 4.5}
               for name, n, t in LINE.findall(output)]
    if len(results) != 4:
        raise SystemExit(f"unexpected dudect output:\n{output}")
    control = next(r for r in results if r["bench"].startswith("control"))
    if not control["leak_found"]:
        raise SystemExit("the control (an early-exit comparison) was not detected: the "
                         "measurement is too noisy to say anything; rerun on a quieter machine")
    (ROOT / "target" / "bench" / "timing.json").write_text(json.dumps(results, indent=2) + "\n")
    for r in results:
        print(f"{r['bench']:<36} n = {r['samples']:>7}  t = {r['t']:+9.2f}  "
              f"{'LEAK' if r['leak_found'] else 'no difference found'}")


if __name__ == "__main__":
    main()
