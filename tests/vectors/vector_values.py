"""The value objects of the vector files, made and read back by generate.py and webhook_cases.py.

Every secret, identifier, candidate and body in the files is an object with one key, as
README.md documents: {"utf8": text}, {"hex": bytes}, {"integer": decimal text} (identifiers)
or {"repeat": {prefix, unit, times, suffix}} (webhook.json's large bodies, whose rule
webhook_cases.py writes). The generator reads its own values back to feed the snippets, so
one reader here keeps every file's values meaning the same bytes.
"""

from __future__ import annotations


def utf8(text: str) -> dict:
    return {"utf8": text}


def raw(data: bytes) -> dict:
    return {"hex": data.hex()}


def integer(value: int) -> dict:
    return {"integer": str(value)}


def value_bytes(value: dict) -> bytes:
    """The bytes a value stands for; an integer is hashed as its decimal text."""
    (kind, data), = value.items()
    if kind == "utf8":
        return data.encode("utf-8")
    if kind == "hex":
        return bytes.fromhex(data)
    if kind == "integer":
        return str(int(data)).encode("ascii")
    if kind == "repeat":
        return (data["prefix"] + data["unit"] * data["times"] + data["suffix"]).encode("utf-8")
    raise ValueError(kind)
