"""Compute, verify and explain Chatwoot identity-validation hashes (``identifier_hash``), and put
the Chatwoot widget on a page with the logged-in user signed in.

``identifier_hash`` is the lowercase hex HMAC-SHA256 of the user's identifier, keyed with the
inbox's HMAC secret. Chatwoot recomputes it and compares exactly; :func:`diagnose` explains a
mismatch. :func:`widget_script` renders the widget's snippet for a server-rendered page and
:func:`set_user_payload` the signed user for a single-page or React Native app. The work is done
by a Rust core shared with the Node, Ruby and C bindings. Django users: add
``chatwoot_identity.django`` to ``INSTALLED_APPS``.

Chatwoot's signed webhooks: :func:`verify_webhook` (or a :class:`WebhookVerifier` kept per
webhook) checks ``X-Chatwoot-Signature`` over the raw body, :func:`diagnose_webhook` explains a
signature that does not verify and :func:`sign_webhook` signs a body for a receiver's tests. In
Django, :func:`chatwoot_identity.django.webhooks.chatwoot_webhook` decorates a view.

Every error is a :class:`ChatwootIdentityError` (a ``ValueError``) of the class named after its
code, e.g. ``EmptySecretError`` for ``empty_secret``; the classes come from the core's table of
codes when the native module loads.
"""

# The native module's __all__ lists the error classes it made from the core's table. Importing
# it is also how type checkers learn what the star import brings; the copy keeps it unchanged.
from chatwoot_identity._native import *  # noqa: F403
from chatwoot_identity._native import __all__ as __all__
from chatwoot_identity._native import __version__ as __version__
from chatwoot_identity._types import WidgetSettings, WidgetUser

__all__ = [*__all__]
__all__ += ["WidgetSettings", "WidgetUser", "__version__"]
