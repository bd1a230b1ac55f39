"""Chatwoot's signed webhooks in Django views.

Decorate the view Chatwoot posts to with :func:`chatwoot_webhook`, or call
:func:`verify_request` first thing in a class-based or Django REST framework view. Settings:
``CHATWOOT_WEBHOOK_SECRET`` (the webhook's secret from Chatwoot, not the inbox's
identity-validation HMAC token) and, optionally, ``CHATWOOT_WEBHOOK_TOLERANCE`` (seconds either
way, default 300). The secret is prepared once per process in a
:class:`chatwoot_identity.WebhookVerifier`.

The raw ``request.body`` and ``request.META`` are verified, before any JSON parsing: Chatwoot's
body escapes ``<``, ``>`` and ``&``, so JSON parsed and serialized again no longer matches.
"""

from __future__ import annotations

import inspect
import json
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.request import RawPostDataException
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.decorators.csrf import csrf_exempt

from chatwoot_identity import ChatwootIdentityError, VerifiedWebhook, WebhookVerifier

__all__ = ["WebhookRejectedError", "chatwoot_webhook", "verify_request"]

logger = logging.getLogger(__name__)

SECRET_SETTING = "CHATWOOT_WEBHOOK_SECRET"
TOLERANCE_SETTING = "CHATWOOT_WEBHOOK_TOLERANCE"
# The attribute that marks a view made by `chatwoot_webhook`, for the system check.
MARKER = "chatwoot_webhook"

View = TypeVar("View", bound=Callable[..., Any])


class WebhookRejectedError(Exception):
    """A request refused before the view ran, with the answer to send: ``status`` (401 for a
    signature that does not verify, 400 for a verified body that is not JSON, 503 when the
    secret is not configured), ``code`` and ``message``. The core's error, with its ``code``,
    is the ``__cause__`` of a 401."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.status = status
        self.code = code
        self.message = message

    @property
    def payload(self) -> dict[str, str]:
        """The JSON body of the answer: ``{"error": code, "message": message}``."""
        return {"error": self.code, "message": self.message}

    def response(self) -> JsonResponse:
        """The answer as a ``JsonResponse``."""
        return JsonResponse(self.payload, status=self.status)


class _Cache:
    """The verifier built from settings once per process; two threads racing on the first
    request may both build one, which is harmless (they are immutable and equal)."""

    verifier: WebhookVerifier | None = None


def _build_verifier() -> WebhookVerifier:
    options: dict[str, Any] = {}
    tolerance = getattr(settings, TOLERANCE_SETTING, None)
    if tolerance is not None:
        options["tolerance"] = tolerance
    # Checked by the verifier itself: a wrong type is a TypeError naming `secret`.
    secret: Any = getattr(settings, SECRET_SETTING, None)
    return WebhookVerifier(secret, **options)


def verifier() -> WebhookVerifier:
    """The process's one ``WebhookVerifier`` for ``CHATWOOT_WEBHOOK_SECRET``.

    Raises :class:`WebhookRejectedError` (503) when the settings are missing or invalid; the system
    check reports the same at boot."""
    if _Cache.verifier is None:
        if not getattr(settings, SECRET_SETTING, None):
            raise _not_configured(f"{SECRET_SETTING} is not set")
        try:
            _Cache.verifier = _build_verifier()
        except (ChatwootIdentityError, TypeError, ValueError, OverflowError) as error:
            raise _not_configured(f"the Chatwoot webhook settings are invalid: {error}") from None
    return _Cache.verifier


def _not_configured(reason: str) -> WebhookRejectedError:
    # The details go to the log, not to whoever sent the request.
    logger.error("Chatwoot webhook refused: %s (see `manage.py check`)", reason)
    return WebhookRejectedError(
        503, "webhook_not_configured", "the webhook receiver is not configured"
    )


@receiver(setting_changed)
def _forget_cached_settings(*, setting: str, **kwargs: Any) -> None:
    if setting in (SECRET_SETTING, TOLERANCE_SETTING):
        _Cache.verifier = None


def verify_request(request: HttpRequest) -> VerifiedWebhook:
    """Verifies ``request`` as a Chatwoot webhook and parses its body as JSON.

    On success sets ``request.chatwoot_webhook`` (the :class:`chatwoot_identity.VerifiedWebhook`:
    ``timestamp``, ``age``, ``delivery_id``, ``replay_key``) and ``request.chatwoot_event`` (the
    parsed JSON of the verified body), and returns the former. Otherwise raises
    :class:`WebhookRejectedError`; answer with its ``response()``. Call it before anything reads
    ``request.POST`` or, in Django REST framework, ``request.data``: the raw body must still be
    there."""
    checker = verifier()
    try:
        body = request.body
    except RawPostDataException as error:
        raise RuntimeError(
            "the request's body was read as a stream before the webhook was verified; call "
            "verify_request before request.POST or request.data, and put no middleware that "
            "reads the body in front of the webhook view"
        ) from error
    try:
        webhook = checker.verify(body, headers=request.META)
    except ChatwootIdentityError as error:
        logger.warning("Chatwoot webhook refused: %s: %s", error.code, error)
        raise WebhookRejectedError(401, error.code, str(error)) from error
    try:
        event = json.loads(body)
    except ValueError as error:
        raise WebhookRejectedError(
            400, "invalid_json", f"the webhook's body is signed but is not JSON: {error}"
        ) from None
    request.chatwoot_webhook = webhook  # type: ignore[attr-defined]
    request.chatwoot_event = event  # type: ignore[attr-defined]
    return webhook


def chatwoot_webhook(view: View) -> View:
    """Decorates the view Chatwoot posts webhooks to: exempt from CSRF (this view only), it
    answers 401 ``{"error": code, "message": ...}`` to a request that does not verify, without
    calling the view, and gives the view ``request.chatwoot_webhook`` and
    ``request.chatwoot_event`` (see :func:`verify_request`). Async views work too."""
    if inspect.iscoroutinefunction(view):

        @wraps(view)
        async def receive_async(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                verify_request(request)
            except WebhookRejectedError as rejected:
                return rejected.response()
            response: HttpResponse = await view(request, *args, **kwargs)
            return response

        wrapped: Callable[..., Any] = receive_async
    else:

        @wraps(view)
        def receive(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                verify_request(request)
            except WebhookRejectedError as rejected:
                return rejected.response()
            response: HttpResponse = view(request, *args, **kwargs)
            return response

        wrapped = receive
    exempt = csrf_exempt(wrapped)
    setattr(exempt, MARKER, True)
    return cast("View", exempt)


def _serves_webhooks(patterns: Any) -> bool:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if _serves_webhooks(pattern.url_patterns):
                return True
        elif isinstance(pattern, URLPattern) and getattr(pattern.callback, MARKER, False):
            return True
    return False


def _in_use() -> bool:
    """Whether the project receives webhooks: the settings are there, or a URL of the URLconf
    leads to a :func:`chatwoot_webhook` view."""
    if hasattr(settings, SECRET_SETTING) or hasattr(settings, TOLERANCE_SETTING):
        return True
    try:
        return _serves_webhooks(get_resolver().url_patterns)
    except Exception:  # an URLconf that does not import: Django's own check reports it
        return False


def check_webhook_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """``manage.py check``: a project that receives webhooks has a valid secret, so a missing
    one fails the deploy rather than every webhook."""
    if not _in_use():
        return []
    if not getattr(settings, SECRET_SETTING, None):
        return [
            Error(
                f"{SECRET_SETTING} is not set.",
                hint=(
                    f"Set {SECRET_SETTING} to the webhook's secret from Chatwoot (the webhook's, "
                    "agent bot's or API inbox's secret; not the identity-validation HMAC token), "
                    "for example from an environment variable."
                ),
                id="chatwoot_identity.E101",
            )
        ]
    try:
        _build_verifier()
    except (ChatwootIdentityError, TypeError, ValueError, OverflowError) as error:
        return [Error(f"Chatwoot webhook settings: {error}", id="chatwoot_identity.E102")]
    return []
