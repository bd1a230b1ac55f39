"""The Chatwoot widget in Jinja templates (Flask, FastAPI/Starlette, plain Jinja2).

:func:`chatwoot_widget` is :func:`chatwoot_identity.widget_script` returning
``markupsafe.Markup``, so ``{{ chatwoot_widget(...) }}`` is not escaped by autoescaping.
:class:`ChatwootWidget` holds the configuration (and one ``Signer``) for a template global::

    app.jinja_env.globals["chatwoot_widget"] = ChatwootWidget(base_url, token, hmac_secret=secret)
    {{ chatwoot_widget(user=user_fields, nonce=csp_nonce) }}

A user the widget cannot take gets the visitor widget and a warning in the ``chatwoot_identity``
log, unless ``strict=True`` (pass your app's debug flag), which raises instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from chatwoot_identity._native import MissingSecretError, Signer, widget_script
from chatwoot_identity._render import host_user, render
from chatwoot_identity._types import WidgetSettings, WidgetUser

__all__ = ["ChatwootWidget", "chatwoot_widget"]


def chatwoot_widget(
    base_url: str,
    website_token: str,
    *,
    hmac_secret: str | bytes | Signer | None = None,
    user: WidgetUser | Mapping[str, Any] | None = None,
    settings: WidgetSettings | None = None,
    nonce: str | None = None,
    debug: bool = False,
) -> Markup:
    """``widget_script(...)`` as ``Markup``; raises as ``widget_script`` does. A ``uuid.UUID``
    identifier is signed as its canonical text."""
    html = widget_script(
        base_url,
        website_token,
        hmac_secret=hmac_secret,
        user=host_user(user),  # type: ignore[arg-type]
        settings=settings,
        nonce=nonce,
        debug=debug,
    )
    # Safe as it is: the core JSON-encodes and escapes every value inside the element.
    return Markup(html)


class _NoSecret:
    """``hmac_secret`` left out: a widget for visitors only, which signs nobody."""

    def __repr__(self) -> str:
        return "<no hmac_secret>"


_NO_SECRET = _NoSecret()


class ChatwootWidget:
    """A configured ``chatwoot_widget(user=None, nonce=None, settings=None)`` for a template
    global. ``enabled=False`` renders nothing and needs no secret (tests, local runs). Leave
    ``hmac_secret`` out for a widget that never signs a user in; given as ``None`` (what
    ``os.environ.get`` returns for a variable that is not set) it fails here, when the app
    starts, rather than as a page without its user."""

    def __init__(
        self,
        base_url: str | None,
        website_token: str | None,
        *,
        hmac_secret: str | bytes | Signer | _NoSecret | None = _NO_SECRET,
        settings: WidgetSettings | None = None,
        debug: bool = False,
        strict: bool = False,
        enabled: bool = True,
    ) -> None:
        self.enabled = enabled
        self.base_url = base_url
        self.website_token = website_token
        self.settings = settings
        self.debug = debug
        self.strict = strict
        # Checked and prepared once: a bad base URL, token, settings or secret fails here, when
        # the app starts, rather than on its pages.
        self._signer: Signer | None = None
        if not enabled:
            return
        widget_script(base_url, website_token, settings=settings)  # type: ignore[arg-type]
        if hmac_secret is None:
            raise MissingSecretError(
                "hmac_secret is None: set the inbox's HMAC secret (CHATWOOT_HMAC_SECRET), or "
                "leave hmac_secret out for a widget that signs no user in"
            )
        if not isinstance(hmac_secret, _NoSecret):
            self._signer = hmac_secret if isinstance(hmac_secret, Signer) else Signer(hmac_secret)

    def __repr__(self) -> str:
        return (
            f"ChatwootWidget(base_url={self.base_url!r}, website_token={self.website_token!r}, "
            f"enabled={self.enabled!r})"
        )

    def __call__(
        self,
        user: WidgetUser | Mapping[str, Any] | None = None,
        *,
        nonce: str | None = None,
        settings: WidgetSettings | None = None,
    ) -> Markup:
        """The snippet for this page, with ``user`` signed in (``None``: a visitor)."""
        if not self.enabled:
            return Markup("")
        html = render(
            self.base_url,
            self.website_token,
            hmac_secret=self._signer,
            user=user,
            settings=self.settings if settings is None else settings,
            nonce=nonce,
            debug=self.debug,
            strict=self.strict,
        )
        return Markup(html)
