#!/usr/bin/env python3
"""The release version lives in one place: `[workspace.package] version` of the root Cargo.toml.

Every other manifest that must carry it is listed in MANIFESTS below; this script checks them or
rewrites them. Artifacts that are generated (napi-rs's binding.js, the npm platform package,
composer.json's version, the Go module's version, the C library's .pc and .deb) take it from
a manifest or `version.py get` at build.

    version.py get            print the version
    version.py check          exit 1, naming each file that disagrees
    version.py set X.Y.Z      the one version bump: rewrite every manifest (then run
                              `cargo update --workspace` and `make -C bindings-ruby vendor-core`,
                              which RELEASING.md lists)

`--root DIR` works on a copy of the repository (the tests use it).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

VERSION = r"(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)"

# (file, pattern whose group 1 is the version, what it is). Each pattern must match exactly
# once: a manifest that changed shape fails the check instead of passing silently.
MANIFESTS: list[tuple[str, str, str]] = [
    (
        "Cargo.toml",
        r'^chatwoot-identity = \{ path = "core", version = "=' + VERSION + '"',
        "the workspace's pin of the core crate",
    ),
    ("bindings-node/package.json", r'^  "version": "' + VERSION + '",$', "the npm package"),
    (
        "bindings-ruby/lib/chatwoot_identity/version.rb",
        r'^  VERSION = "' + VERSION + '"$',
        "the gem",
    ),
    (
        "bindings-ruby/ext/chatwoot_identity/Cargo.toml",
        r'^version = "' + VERSION + '"$',
        "the Ruby extension crate (its own workspace)",
    ),
    (
        "bindings-ruby/ext/chatwoot_identity/Cargo.toml",
        r'^chatwoot-identity = \{ path = "vendor/chatwoot-identity", version = "=' + VERSION + '"',
        "the Ruby extension's pin of the vendored core",
    ),
    ("bindings-elixir/mix.exs", r'^      version: "' + VERSION + '",$', "the Hex package"),
]


def workspace_version(root: Path) -> str:
    text = (root / "Cargo.toml").read_text()
    section = re.search(r"^\[workspace\.package\]\n(.*?)(?=^\[)", text, re.M | re.S)
    if not section:
        raise SystemExit("Cargo.toml has no [workspace.package] section")
    found = re.search(r'^version = "' + VERSION + '"$', section.group(1), re.M)
    if not found:
        raise SystemExit("Cargo.toml's [workspace.package] has no version")
    return found.group(1)


def disagreements(root: Path) -> list[str]:
    expected = workspace_version(root)
    problems = []
    for name, pattern, what in MANIFESTS:
        path = root / name
        if not path.exists():
            problems.append(f"{name}: missing ({what})")
            continue
        found = re.findall(pattern, path.read_text(), re.M)
        if len(found) != 1:
            problems.append(f"{name}: {what}: expected one match of /{pattern}/, found {len(found)}")
            continue
        if found[0] != expected:
            problems.append(f"{name}: {what} says {found[0]}, Cargo.toml says {expected}")
    return problems


def set_version(root: Path, new: str) -> None:
    if not re.fullmatch(VERSION, new):
        raise SystemExit(f"not a version: {new!r}")
    old = workspace_version(root)
    cargo = root / "Cargo.toml"
    text = cargo.read_text()
    text = re.sub(r'(^\[workspace\.package\]\n(?:.*\n)*?version = ")' + re.escape(old) + '"',
                  lambda m: m.group(1) + new + '"', text, count=1, flags=re.M)
    cargo.write_text(text)
    for name, pattern, _what in MANIFESTS:
        path = root / name
        text = path.read_text()

        def replace(match: re.Match[str]) -> str:
            start, end = match.span(1)
            whole = match.group(0)
            offset = match.start(0)
            return whole[: start - offset] + new + whole[end - offset :]

        path.write_text(re.sub(pattern, replace, text, flags=re.M))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("get")
    sub.add_parser("check")
    bump = sub.add_parser("set")
    bump.add_argument("version")
    args = parser.parse_args()
    if args.command == "get":
        print(workspace_version(args.root))
    elif args.command == "check":
        problems = disagreements(args.root)
        for problem in problems:
            print(f"version mismatch: {problem}", file=sys.stderr)
        if problems:
            print("fix with: python3 packaging/version.py set <version>", file=sys.stderr)
            sys.exit(1)
        print(f"every manifest says {workspace_version(args.root)}")
    else:
        set_version(args.root, args.version)
        problems = disagreements(args.root)
        if problems:
            raise SystemExit("\n".join(problems))
        print(f"version {args.version} written; now: cargo update --workspace && "
              "make -C bindings-ruby vendor-core && make -C bindings-node build")


if __name__ == "__main__":
    main()
