"""The snippet for one request: settings in, the core's ``widget_script`` out.

The ``Signer`` is built once per process (the secret's key setup is not repeated per request)
and rebuilt only when a test changes the settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Callable, cast

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.module_loading import import_string

from chatwoot_identity import Signer, WidgetUser, widget_script

UserFields = Callable[[Any], "Mapping[str, Any] | None"]


def default_user_fields(user: Any) -> dict[str, Any]:
    """The primary key as identifier (an ``int`` is written as its decimal text), the full name
    (or the username when there is none) and the email address."""
    full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return {
        "identifier": user.pk,
        "name": full_name or user.get_username(),
        "email": getattr(user, "email", None) or None,
    }


class _Cache:
    """Values built from settings once per process; two threads racing on the first request
    may both build one, which is harmless (the values are immutable and equal)."""

    signer: Signer | None = None
    user_fields: UserFields | None = None


def signer() -> Signer:
    """The process's one ``Signer`` for ``CHATWOOT_HMAC_SECRET``."""
    if _Cache.signer is None:
        _Cache.signer = Signer(settings.CHATWOOT_HMAC_SECRET)
    return _Cache.signer


def user_fields() -> UserFields:
    """``CHATWOOT_USER_FIELDS`` imported once, or the default mapping."""
    if _Cache.user_fields is None:
        path = getattr(settings, "CHATWOOT_USER_FIELDS", None)
        _Cache.user_fields = default_user_fields if path is None else import_string(path)
    return _Cache.user_fields


@receiver(setting_changed)
def _forget_cached_settings(*, setting: str, **kwargs: Any) -> None:
    if setting == "CHATWOOT_HMAC_SECRET":
        _Cache.signer = None
    elif setting == "CHATWOOT_USER_FIELDS":
        _Cache.user_fields = None


def widget_user(request: HttpRequest) -> WidgetUser | None:
    """The request's user in widget fields; ``None`` for an anonymous visitor. The fields are
    checked by the core when the snippet is rendered."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return cast("WidgetUser | None", user_fields()(user))


def request_nonce(request: HttpRequest, context_nonce: object = None) -> str | None:
    """The request's CSP nonce: ``request.csp_nonce`` (django-csp, or your own middleware),
    else a ``csp_nonce`` template variable (Django 6's CSP context processor)."""
    nonce = getattr(request, "csp_nonce", None) or context_nonce
    return None if nonce is None else str(nonce)


def render_widget(request: HttpRequest, context_nonce: object = None) -> str:
    """The widget's ``<script>`` element for ``request``: the loader for an anonymous visitor,
    plus a signed ``setUser`` for a logged-in user."""
    user = widget_user(request)
    return widget_script(
        settings.CHATWOOT_BASE_URL,
        settings.CHATWOOT_WEBSITE_TOKEN,
        hmac_secret=None if user is None else signer(),
        user=user,
        settings=getattr(settings, "CHATWOOT_WIDGET_SETTINGS", None),
        nonce=request_nonce(request, context_nonce),
    )
