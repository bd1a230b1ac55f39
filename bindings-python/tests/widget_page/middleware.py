"""Stand-ins for what a real project has: a login, and a CSP middleware setting a nonce."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from widget_page.users import JsonUser

Handler = Callable[[HttpRequest], HttpResponse]


def fake_login(get_response: Handler) -> Handler:
    """Logs every request in as ``CHATWOOT_TEST_USER_JSON``, or a request for ``/as/<name>`` as
    that user of ``CHATWOOT_TEST_SESSION_USERS_JSON``; otherwise visitors are anonymous."""
    document = os.environ.get("CHATWOOT_TEST_USER_JSON")
    fields = json.loads(document) if document else None
    session_users = json.loads(os.environ.get("CHATWOOT_TEST_SESSION_USERS_JSON") or "{}")

    def middleware(request: HttpRequest) -> HttpResponse:
        name = request.path.removeprefix("/as/") if request.path.startswith("/as/") else None
        if name in session_users:
            request.user = JsonUser(session_users[name])  # type: ignore[assignment]
        elif fields is not None:
            request.user = JsonUser(fields)  # type: ignore[assignment]
        return get_response(request)

    return middleware


def csp_nonce(get_response: Handler) -> Handler:
    """A fresh nonce per request on ``request.csp_nonce`` (as django-csp does) and a strict
    policy that only lets scripts with that nonce, and what they load, run."""

    def middleware(request: HttpRequest) -> HttpResponse:
        nonce = secrets.token_urlsafe(18)
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        response = get_response(request)
        response["Content-Security-Policy"] = (
            f"script-src 'nonce-{nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'"
        )
        return response

    return middleware
