"""tests/vectors/webhook.json as Python values (format in tests/vectors/README.md)."""

from __future__ import annotations

import json
from typing import Any

from conftest import VECTORS


def decode(value: dict[str, Any] | None) -> str | bytes | None:
    """A secret, token or body: text, hex bytes, or a repeat rule (UTF-8 bytes)."""
    if value is None:
        return None
    ((kind, content),) = value.items()
    if kind == "utf8":
        assert isinstance(content, str)
        return content
    if kind == "hex":
        return bytes.fromhex(content)
    if kind == "repeat":
        text = content["prefix"] + content["unit"] * content["times"] + content["suffix"]
        return str(text).encode()
    raise AssertionError(f"unknown vector value kind {kind!r}")


def load(section: str) -> list[dict[str, Any]]:
    document = json.loads((VECTORS / "webhook.json").read_text(encoding="utf-8"))
    cases: list[dict[str, Any]] = document[section]
    assert cases, f"webhook.json holds no {section}"
    for case in cases:
        for key in ("secret", "body", "identity_hmac_token"):
            if key in case:
                case[key] = decode(case[key])
    return cases


VECTORS_CASES = load("vectors")
DIAGNOSE_CASES = load("diagnose")
