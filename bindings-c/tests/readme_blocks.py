#!/usr/bin/env python3
"""Writes each fenced code block of one language found in the given Markdown files to its own
file, so tests can compile and run exactly what the READMEs show.

Usage: readme_blocks.py <language> <extension> <output dir> <markdown file>...
Prints the number of blocks written. Missing Markdown files count as having none (the root
README may not have a section for this language yet).
"""
import re
import sys
from pathlib import Path

FENCE = re.compile(r"^```([\w+-]*)[^\n]*\n(.*?)^```\s*$", re.M | re.S)


def main() -> None:
    language, extension, output = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    output.mkdir(parents=True, exist_ok=True)
    count = 0
    for markdown in map(Path, sys.argv[4:]):
        if not markdown.exists():
            continue
        for match in FENCE.finditer(markdown.read_text()):
            if match.group(1) != language:
                continue
            count += 1
            (output / f"example_{count}.{extension}").write_text(match.group(2))
    print(count)


if __name__ == "__main__":
    main()
