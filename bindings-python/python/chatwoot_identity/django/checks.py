"""``manage.py check``: the settings the widget needs, validated by the core before any page
renders, so a missing secret fails the deploy rather than every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.utils.module_loading import import_string

from chatwoot_identity import ChatwootIdentityError, Signer, widget_script

REQUIRED = {
    "CHATWOOT_BASE_URL": "the address of your Chatwoot installation, e.g. https://app.chatwoot.com",
    "CHATWOOT_WEBSITE_TOKEN": "the inbox's website token (Settings > Inboxes > Configuration)",
    "CHATWOOT_HMAC_SECRET": "the inbox's HMAC secret (Configuration > Identity validation)",
}


def check_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Errors for each missing or invalid ``CHATWOOT_*`` setting."""
    errors: list[CheckMessage] = []
    for number, (name, what) in enumerate(REQUIRED.items(), start=1):
        if not getattr(settings, name, None):
            errors.append(
                Error(
                    f"{name} is not set.",
                    hint=f"Set {name} to {what}, for example from an environment variable.",
                    id=f"chatwoot_identity.E00{number}",
                )
            )
    if errors:
        return errors
    # The core's own validation, so the rules live in one place; its messages never contain
    # the secret.
    try:
        widget_script(
            settings.CHATWOOT_BASE_URL,
            settings.CHATWOOT_WEBSITE_TOKEN,
            settings=getattr(settings, "CHATWOOT_WIDGET_SETTINGS", None),
        )
        Signer(settings.CHATWOOT_HMAC_SECRET)
    except (ChatwootIdentityError, TypeError) as error:
        errors.append(Error(f"Chatwoot widget settings: {error}", id="chatwoot_identity.E004"))
    fields = getattr(settings, "CHATWOOT_USER_FIELDS", None)
    if fields is not None:
        try:
            import_string(fields)
        except ImportError as error:
            errors.append(
                Error(
                    f"CHATWOOT_USER_FIELDS cannot be imported: {error}",
                    hint="Set it to the dotted path of a callable taking a user, returning a dict.",
                    id="chatwoot_identity.E005",
                )
            )
    return errors
