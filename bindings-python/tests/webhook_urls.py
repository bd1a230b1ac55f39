"""A URLconf with Chatwoot webhook receivers, for tests/test_django_webhooks.py: each view
records what it was given, so a test can tell whether (and with what) it ran."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from chatwoot_identity import VerifiedWebhook
from chatwoot_identity.django.webhooks import WebhookRejectedError, chatwoot_webhook, verify_request

# (view name, raw body, parsed event, VerifiedWebhook) of each call that reached a view.
RECEIVED: list[tuple[str, bytes, Any, VerifiedWebhook]] = []


def answer(name: str, request: HttpRequest) -> JsonResponse:
    event, webhook = request.chatwoot_event, request.chatwoot_webhook  # type: ignore[attr-defined]
    RECEIVED.append((name, request.body, event, webhook))
    return JsonResponse(
        {"view": name, "event": event.get("event"), "delivery_id": webhook.delivery_id}
    )


@chatwoot_webhook
def receive(request: HttpRequest) -> HttpResponse:
    return answer("receive", request)


@chatwoot_webhook
async def receive_async(request: HttpRequest) -> HttpResponse:
    return answer("receive_async", request)


class Events(View):
    """A class-based view that verifies with the plain function."""

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            verify_request(request)
        except WebhookRejectedError as rejected:
            return rejected.response()
        return answer("Events", request)


def not_a_webhook(request: HttpRequest) -> HttpResponse:
    """An ordinary POST view beside the receivers: CSRF protection still applies to it."""
    return HttpResponse("ran")


urlpatterns = [
    path("webhooks/chatwoot", receive),
    path("webhooks/async", receive_async),
    path("webhooks/class", csrf_exempt(Events.as_view())),
    path("form", not_a_webhook),
]
