#!/usr/bin/env python3
"""Writes the Go module as a GOPROXY serves it (https://go.dev/ref/mod#goproxy-protocol):

    <proxy>/<module>/@v/list, v<version>.info, v<version>.mod, v<version>.zip

The zip holds every file of bindings-go but hidden ones (its tests included, as a module zip
made from the directory would) plus what the repository does not commit: the header at
include/ and the static library for linux/amd64 at lib/linux_amd64/ (link_linux_amd64.go
links it with ${SRCDIR}).

Usage: module_zip.py <proxy dir> <version> <bindings-go dir> <header> <static library> <license>...
"""

import json
import sys
import zipfile
from pathlib import Path

proxy, version, source, header, library, *licenses = sys.argv[1:]
source = Path(source)
module = next(line.split()[1] for line in (source / "go.mod").read_text().splitlines()
              if line.startswith("module "))
tag = f"v{version}"
out = Path(proxy) / module / "@v"
out.mkdir(parents=True, exist_ok=True)

# Walk the directory instead of asking git for its files: the CI checkout's git index need not
# list files the tree has (a try's new files went missing that way), and nothing is built into
# bindings-go, so what is on disk is what a tag would hold.
files = sorted(path.relative_to(source) for path in source.rglob("*") if path.is_file())
prefix = f"{module}@{tag}/"
with zipfile.ZipFile(out / f"{tag}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
    for name in files:
        if not any(part.startswith(".") for part in name.parts):
            archive.write(source / name, prefix + name.as_posix())
    archive.write(header, prefix + "include/chatwoot_identity.h")
    archive.write(library, prefix + "lib/linux_amd64/libchatwoot_identity.a")
    for license_file in licenses:
        archive.write(license_file, prefix + Path(license_file).name)
(out / f"{tag}.mod").write_text((source / "go.mod").read_text())
(out / f"{tag}.info").write_text(json.dumps({"Version": tag, "Time": "2026-01-01T00:00:00Z"}) + "\n")
(out / "list").write_text(tag + "\n")
print(out / f"{tag}.zip")
