"""The README's Django webhook examples, run by test_readme.py: each view the example defines
answers a request signed as Chatwoot signs it, and refuses one that is not, without running."""

from __future__ import annotations

import json
import time
from typing import Any

from django.http import HttpRequest
from django.test import RequestFactory, override_settings
from django.views import View

from chatwoot_identity import sign_webhook

SECRET = "Sx5GdKjW7rvbcaQ8JtUmHn2p"
BODY = b'{"event":"message_created","content":"\\u003cb\\u003ehi\\u003c/b\\u003e"}'


def is_webhook_example(block: str) -> bool:
    return "chatwoot_identity.django.webhooks" in block


def views_of(namespace: dict[str, Any]) -> list[Any]:
    views = []
    for value in namespace.values():
        if getattr(value, "__module__", "") != "readme_example":
            continue
        if isinstance(value, type) and issubclass(value, View):
            views.append(value.as_view())
        elif callable(value):
            views.append(value)
    assert views, "the webhook example defines no view"
    return views


def request(body: bytes, headers: dict[str, str]) -> HttpRequest:
    return RequestFactory().post(
        "/webhooks/chatwoot", body, content_type="application/json", headers=headers
    )


def check_webhook_example(namespace: dict[str, Any]) -> None:
    with override_settings(CHATWOOT_WEBHOOK_SECRET=SECRET):
        for view in views_of(namespace):
            sent = sign_webhook(SECRET, BODY, int(time.time()))
            good = request(BODY, sent.headers)
            assert view(good).status_code == 204
            assert good.chatwoot_event == json.loads(BODY)  # type: ignore[attr-defined]
            assert good.chatwoot_webhook.delivery_id == sent.delivery_id  # type: ignore[attr-defined]
            forged = request(BODY.replace(b"created", b"updated"), sent.headers)
            response = view(forged)
            assert response.status_code == 401
            assert json.loads(response.content)["error"] == "signature_mismatch"
            assert not hasattr(forged, "chatwoot_event")
