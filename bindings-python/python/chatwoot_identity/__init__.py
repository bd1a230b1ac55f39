"""Compute, verify and explain Chatwoot identity-validation hashes (``identifier_hash``), and put
the Chatwoot widget on a page with the logged-in user signed in.

``identifier_hash`` is the lowercase hex HMAC-SHA256 of the user's identifier, keyed with the
inbox's HMAC secret. Chatwoot recomputes it and compares exactly; :func:`diagnose` explains a
mismatch. :func:`widget_script` renders the widget's snippet for a server-rendered page and
:func:`set_user_payload` the signed user for a single-page or React Native app. The work is done
by a Rust core shared with the Node, Ruby and C bindings. Django users: add
``chatwoot_identity.django`` to ``INSTALLED_APPS``.
"""

from chatwoot_identity._native import (
    Diagnosis,
    EmptyIdentifierError,
    EmptySecretError,
    Finding,
    IdentityError,
    IncompleteUserError,
    InvalidBaseUrlError,
    InvalidCustomAttributeError,
    InvalidNonceError,
    InvalidWebsiteTokenError,
    InvalidWidgetJsonError,
    InvalidWidgetSettingError,
    MissingSecretError,
    OutputLengthError,
    Signer,
    WidgetUser,
    __version__,
    diagnose,
    identifier_hash,
    reset_script,
    set_user_payload,
    verify,
    widget_script,
)

__all__ = [
    "Diagnosis",
    "EmptyIdentifierError",
    "EmptySecretError",
    "Finding",
    "IdentityError",
    "IncompleteUserError",
    "InvalidBaseUrlError",
    "InvalidCustomAttributeError",
    "InvalidNonceError",
    "InvalidWebsiteTokenError",
    "InvalidWidgetJsonError",
    "InvalidWidgetSettingError",
    "MissingSecretError",
    "OutputLengthError",
    "Signer",
    "WidgetUser",
    "__version__",
    "diagnose",
    "identifier_hash",
    "reset_script",
    "set_user_payload",
    "verify",
    "widget_script",
]
