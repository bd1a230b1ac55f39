"""Assertions for your own test suite (pytest, Django's test client, Flask's and FastAPI's):
does the page you render identify the user to Chatwoot, with a hash Chatwoot will accept?

>>> from chatwoot_identity.testing import assert_chatwoot_identifies
>>> assert_chatwoot_identifies(response, identifier=user.pk, hmac_secret=SECRET)  # doctest: +SKIP

The page is read by the Rust core (the snippets chatwoot-identity rendered, found by their
constant code); a failure raises ``AssertionError`` with the core's explanation, ``diagnose``'s
findings included for a hash that does not verify. Messages never hold the secret.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from chatwoot_identity._native import (
    _check_identity,
    _check_page_anonymous,
    read_page,
)

__all__ = [
    "assert_chatwoot_anonymous",
    "assert_chatwoot_identifies",
    "assert_chatwoot_payload_identifies",
    "page_html",
    "read_page",
]


def page_html(html_or_response: Any) -> str:
    """The HTML of a ``str``, ``bytes`` (UTF-8) or a test client's response: Django's
    (``HttpResponse``, streamed ones too), Flask's/Werkzeug's, or httpx's (FastAPI's
    ``TestClient``) and requests'."""
    page = html_or_response
    if isinstance(page, str):
        return page
    if isinstance(page, (bytes, bytearray, memoryview)):
        return bytes(page).decode("utf-8")
    if hasattr(page, "get_data"):  # Werkzeug (Flask)
        return str(page.get_data(as_text=True))
    if getattr(page, "streaming", False) and hasattr(page, "streaming_content"):  # Django
        return b"".join(page.streaming_content).decode(page.charset or "utf-8")
    if hasattr(page, "charset") and isinstance(getattr(page, "content", None), bytes):  # Django
        return str(page.content.decode(page.charset or "utf-8"))
    if isinstance(getattr(page, "text", None), str):  # httpx, requests
        return str(page.text)
    raise TypeError(
        "html_or_response must be str, bytes or a test client's response, "
        f"not {type(page).__name__}"
    )


def _identifier(identifier: str | int | uuid.UUID) -> str:
    """The identifier as the page holds it: an ``int`` as its decimal text, a UUID as
    ``str(uuid)``, as the widget helpers write them."""
    if isinstance(identifier, bool) or not isinstance(identifier, (str, int, uuid.UUID)):
        raise TypeError(
            f"identifier must be str, int or uuid.UUID, not {type(identifier).__name__}"
        )
    return str(identifier)


def _fail_unless_passed(check: Mapping[str, Any]) -> dict[str, Any]:
    if not check["passed"]:
        raise AssertionError(check["message"])
    widget: dict[str, Any] = check["widget"]
    return widget


def assert_chatwoot_identifies(
    html_or_response: Any,
    *,
    identifier: str | int | uuid.UUID,
    hmac_secret: str | bytes | bytearray | memoryview,
    **fields: Any,
) -> dict[str, Any]:
    """The page has one widget, identifying ``identifier`` with an ``identifier_hash`` that
    verifies under ``hmac_secret`` (the inbox's secret), and each of ``fields`` (``email=...``,
    ``custom_attributes={...}``) with the value given. Returns what ``read_page`` read."""
    check = _check_identity(
        page_html(html_or_response), hmac_secret, _identifier(identifier), fields
    )
    return _fail_unless_passed(check)


def assert_chatwoot_anonymous(html_or_response: Any) -> dict[str, Any]:
    """The page identifies nobody: the visitor's widget, or ``reset_script`` after logout."""
    return _fail_unless_passed(_check_page_anonymous(page_html(html_or_response)))


def assert_chatwoot_payload_identifies(
    payload: Any,
    *,
    identifier: str | int | uuid.UUID,
    hmac_secret: str | bytes | bytearray | memoryview,
    **fields: Any,
) -> None:
    """As :func:`assert_chatwoot_identifies`, for the payload of ``set_user_payload`` (a
    ``dict``, its JSON text, or a ``JsonResponse`` / test client response holding it)."""
    text = payload if isinstance(payload, Mapping) else page_html(payload)
    if isinstance(text, Mapping):
        text = json.dumps(dict(text))
    check = _check_identity(text, hmac_secret, _identifier(identifier), fields, payload=True)
    _fail_unless_passed(check)
