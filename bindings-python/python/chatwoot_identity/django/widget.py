"""The snippet for one request: settings in, the core's ``widget_script`` out.

The ``Signer`` is built once per process (the secret's key setup is not repeated per request)
and rebuilt only when a test changes the settings. With ``CHATWOOT_ENABLED = False`` nothing is
rendered and no other setting is read. A user the widget cannot take gets the visitor widget and
a warning in the ``chatwoot_identity`` log; with ``DEBUG = True`` the error is raised instead.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any, cast

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.module_loading import import_string

from chatwoot_identity import Signer, WidgetSettings, WidgetUser
from chatwoot_identity._render import logger, render

UserFields = Callable[[Any], "Mapping[str, Any] | None"]
CurrentUser = Callable[[HttpRequest], Any]

# Set on the request once its page has the snippet, so the auto-injection middleware does not
# add a second one.
RENDERED = "_chatwoot_widget_rendered"


def default_user_fields(user: Any) -> dict[str, Any]:
    """The primary key as identifier (an ``int`` is written as its decimal text, a UUID as its
    canonical text), the full name (or the username when there is none) and the email address."""
    full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return {
        "identifier": user.pk,
        "name": full_name or user.get_username(),
        "email": getattr(user, "email", None) or None,
    }


def default_current_user(request: HttpRequest) -> Any:
    """``request.user`` (Django's authentication middleware), or ``None``."""
    return getattr(request, "user", None)


class _Cache:
    """Values built from settings once per process; two threads racing on the first request
    may both build one, which is harmless (the values are immutable and equal)."""

    signer: Signer | None = None
    user_fields: UserFields | None = None
    current_user: CurrentUser | None = None


def enabled() -> bool:
    """``CHATWOOT_ENABLED`` (default ``True``): off, the widget is neither rendered nor checked."""
    return bool(getattr(settings, "CHATWOOT_ENABLED", True))


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


def current_user() -> CurrentUser:
    """``CHATWOOT_CURRENT_USER`` (a dotted path to ``request -> user or None``) imported once,
    or ``request.user``."""
    if _Cache.current_user is None:
        path = getattr(settings, "CHATWOOT_CURRENT_USER", None)
        _Cache.current_user = default_current_user if path is None else import_string(path)
    return _Cache.current_user


@receiver(setting_changed)
def _forget_cached_settings(*, setting: str, **kwargs: Any) -> None:
    if setting == "CHATWOOT_HMAC_SECRET":
        _Cache.signer = None
    elif setting == "CHATWOOT_USER_FIELDS":
        _Cache.user_fields = None
    elif setting == "CHATWOOT_CURRENT_USER":
        _Cache.current_user = None


def widget_user(request: HttpRequest) -> WidgetUser | None:
    """The request's user in widget fields; ``None`` for an anonymous visitor. The fields are
    checked by the core when the snippet is rendered."""
    user = current_user()(request)
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return cast("WidgetUser | None", user_fields()(user))


def request_nonce(request: HttpRequest, context_nonce: object = None) -> str | None:
    """The request's CSP nonce: ``request.csp_nonce`` (django-csp, or your own middleware),
    else a ``csp_nonce`` template variable (Django 6's CSP context processor), else Django 6's
    own ``get_nonce(request)``, which the middleware path has no template context for."""
    nonce = getattr(request, "csp_nonce", None) or context_nonce or _django_nonce(request)
    return None if nonce is None else str(nonce)


def _django_nonce(request: HttpRequest) -> object:
    """Django 6's CSP nonce for ``request`` (``None`` without its middleware, or before 6).
    Reading it makes the middleware put it in the header, which is what the snippet needs."""
    return None if _django_get_nonce is None else _django_get_nonce(request)


def _find_django_get_nonce() -> Callable[[HttpRequest], object] | None:
    """``django.middleware.csp.get_nonce``: Django 6 has it, 5.2 does not."""
    try:
        csp = importlib.import_module("django.middleware.csp")
    except ImportError:
        return None
    return cast("Callable[[HttpRequest], object] | None", getattr(csp, "get_nonce", None))


# Looked up once, when the module is imported, not on every page.
_django_get_nonce = _find_django_get_nonce()


def render_widget(
    request: HttpRequest,
    context_nonce: object = None,
    *,
    widget_settings: WidgetSettings | None = None,
    debug: bool | None = None,
) -> str:
    """The widget's ``<script>`` element for ``request``: the loader for an anonymous visitor,
    plus a signed ``setUser`` for a logged-in user; ``""`` when ``CHATWOOT_ENABLED`` is off.
    ``widget_settings`` and ``debug`` replace ``CHATWOOT_WIDGET_SETTINGS`` and
    ``CHATWOOT_DEBUG`` for this snippet."""
    if not enabled():
        return ""
    strict = bool(settings.DEBUG)
    try:
        user = widget_user(request)
    except (TypeError, ValueError, AttributeError) as error:
        if strict:
            raise
        # A user model the default fields do not fit; the same as a user the core refuses.
        logger.warning("Chatwoot widget: the user cannot be identified (%s)", error)
        user = None
    if widget_settings is None:
        widget_settings = getattr(settings, "CHATWOOT_WIDGET_SETTINGS", None)
    html = render(
        getattr(settings, "CHATWOOT_BASE_URL", None),
        getattr(settings, "CHATWOOT_WEBSITE_TOKEN", None),
        hmac_secret=None if user is None else _signer_or_none(strict),
        user=user,
        settings=widget_settings,
        nonce=request_nonce(request, context_nonce),
        debug=bool(getattr(settings, "CHATWOOT_DEBUG", False) if debug is None else debug),
        strict=strict,
    )
    setattr(request, RENDERED, True)
    return html


def _signer_or_none(strict: bool) -> Signer | None:
    """The signer; ``None`` (the core then refuses the user, logged as such) when the secret
    is missing or empty and pages must not fail."""
    try:
        return signer()
    except (AttributeError, TypeError, ValueError):
        if strict:
            raise
        return None
