"""``manage.py check`` (and ``runserver``, ``migrate``, ``test``): the settings the widget needs,
validated by the core before any page renders, so a missing secret fails the deploy rather than
every page. Nothing is checked when ``CHATWOOT_ENABLED`` is off."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.utils.module_loading import import_string

from chatwoot_identity import ChatwootIdentityError, Signer, widget_script
from chatwoot_identity.django.widget import enabled

REQUIRED = {
    "CHATWOOT_BASE_URL": "the address of your Chatwoot installation, e.g. https://app.chatwoot.com",
    "CHATWOOT_WEBSITE_TOKEN": "the inbox's website token (Settings > Inboxes > Configuration)",
    "CHATWOOT_HMAC_SECRET": "the inbox's HMAC secret (Configuration > Identity validation)",
}
CALLABLES = {
    "CHATWOOT_USER_FIELDS": ("a callable taking a user, returning a dict", "E005"),
    "CHATWOOT_CURRENT_USER": ("a callable taking the request, returning its user", "E007"),
}


def check_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Errors for each missing or invalid ``CHATWOOT_*`` setting."""
    if not enabled():
        return []
    errors: list[CheckMessage] = []
    for number, (name, what) in enumerate(REQUIRED.items(), start=1):
        if not getattr(settings, name, None):
            errors.append(
                Error(
                    f"{name} is not set (or is empty).",
                    hint=(
                        f"Set {name} to {what}, for example from the environment variable "
                        f'{name}: {name} = os.environ.get("{name}"). Where the widget is not '
                        "wanted (tests, local runs), set CHATWOOT_ENABLED = False instead."
                    ),
                    id=f"chatwoot_identity.E00{number}",
                )
            )
    if errors:
        return errors
    secret = settings.CHATWOOT_HMAC_SECRET
    if _text(secret) == _text(settings.CHATWOOT_WEBSITE_TOKEN):
        errors.append(
            Error(
                "CHATWOOT_HMAC_SECRET is the inbox's website token, not its HMAC secret: "
                "Chatwoot would refuse every identity.",
                hint=(
                    "Set CHATWOOT_HMAC_SECRET (e.g. the environment variable of that name) to "
                    "the token under Settings > Inboxes > (your inbox) > Configuration > "
                    "Identity validation."
                ),
                id="chatwoot_identity.E006",
            )
        )
    # The core's own validation, so the rules live in one place; its messages never contain
    # the secret.
    try:
        widget_script(
            settings.CHATWOOT_BASE_URL,
            settings.CHATWOOT_WEBSITE_TOKEN,
            settings=getattr(settings, "CHATWOOT_WIDGET_SETTINGS", None),
        )
        Signer(secret)
    except (ChatwootIdentityError, TypeError) as error:
        errors.append(Error(f"Chatwoot widget settings: {error}", id="chatwoot_identity.E004"))
    for name, (what, code) in CALLABLES.items():
        path = getattr(settings, name, None)
        if path is not None:
            try:
                import_string(path)
            except ImportError as error:
                errors.append(
                    Error(
                        f"{name} cannot be imported: {error}",
                        hint=f"Set {name} to the dotted path of {what}.",
                        id=f"chatwoot_identity.{code}",
                    )
                )
    return errors


def _text(value: object) -> object:
    """A secret or token given as ``bytes`` compared as the text it holds."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", "replace")
    return value
