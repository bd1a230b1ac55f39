"""The widget for one page, for the framework helpers (Django, Jinja): a user the widget cannot
take never turns the page into an error; the visitor widget is rendered and a warning logged,
unless ``strict`` (development and tests), where the error is raised.

Every rule about what the widget takes is the core's (``widget_script``); this module only
decides what a page gets when the core refuses.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from typing import Any, cast

from chatwoot_identity._native import ChatwootIdentityError, Signer, widget_script
from chatwoot_identity._types import WidgetUser

logger = logging.getLogger("chatwoot_identity")

# What the core (or the binding's argument reading) raises for a value it cannot take.
REFUSALS = (ChatwootIdentityError, TypeError, ValueError, OverflowError)


def host_user(user: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """``user`` with a ``uuid.UUID`` identifier (Django's UUID primary keys) as its canonical
    text, ``str(uuid)``: lowercase and hyphenated, what the page's JavaScript would send."""
    if isinstance(user, Mapping) and isinstance(user.get("identifier"), uuid.UUID):
        return {**user, "identifier": str(user["identifier"])}
    return user


def render(
    base_url: Any,
    website_token: Any,
    *,
    hmac_secret: str | bytes | Signer | None,
    user: Mapping[str, Any] | None,
    settings: Mapping[str, Any] | None = None,
    nonce: str | None = None,
    debug: bool = False,
    strict: bool = False,
) -> str:
    """``widget_script`` for ``user``; the visitor's snippet (and a warning) when the user
    cannot be signed, an empty string (and an error logged) when not even that renders."""
    options: dict[str, Any] = {"settings": settings, "nonce": nonce, "debug": debug}
    user = host_user(user)
    if user is not None:
        try:
            return widget_script(
                base_url,
                website_token,
                hmac_secret=hmac_secret,
                user=cast("WidgetUser", user),
                **options,
            )
        except REFUSALS as error:
            if strict:
                raise
            # The core's messages name the field and never hold the secret.
            logger.warning(
                "Chatwoot widget: the user cannot be identified (%s: %s); the page gets the "
                "visitor widget instead",
                type(error).__name__,
                error,
            )
    try:
        return widget_script(base_url, website_token, **options)
    except REFUSALS as error:
        if strict:
            raise
        logger.error(
            "Chatwoot widget: not rendered (%s: %s); check the CHATWOOT_* settings",
            type(error).__name__,
            error,
        )
        return ""
