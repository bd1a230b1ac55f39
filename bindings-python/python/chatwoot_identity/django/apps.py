"""The Django app; ``ready()`` registers the system check of its settings."""

from __future__ import annotations

from django.apps import AppConfig


class ChatwootIdentityConfig(AppConfig):
    name = "chatwoot_identity.django"
    # The default label would be "django", too generic to be unique in a project.
    label = "chatwoot_identity"
    verbose_name = "Chatwoot identity"

    def ready(self) -> None:
        from django.core import checks

        from chatwoot_identity.django.checks import check_settings
        from chatwoot_identity.django.webhooks import check_webhook_settings

        checks.register(check_settings)
        checks.register(check_webhook_settings)
