"""The config (``var config = {...};``) that each widget snippet on a page hands Chatwoot's
loader, read back for the tests that check what a rendered page or script sets up."""

from __future__ import annotations

import json
import re
from typing import Any

CONFIG = re.compile(r"var config = (\{.*\});\n")


def widget_config(html: str) -> dict[str, Any]:
    """The config of the first snippet in ``html``; a page without one fails the test."""
    match = CONFIG.search(html)
    assert match, html
    document: dict[str, Any] = json.loads(match.group(1))
    return document


def widget_configs(html: str) -> list[dict[str, Any]]:
    """The config of every snippet in ``html``, in page order."""
    return [json.loads(config) for config in CONFIG.findall(html)]
