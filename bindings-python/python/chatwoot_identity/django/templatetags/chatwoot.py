"""``{% load chatwoot %}{% chatwoot_widget %}``, or ``{% chatwoot_widget settings=s debug=d %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.exceptions import ImproperlyConfigured
from django.utils.safestring import SafeString, mark_safe

from chatwoot_identity import WidgetSettings
from chatwoot_identity.django.widget import render_widget

register = template.Library()


@register.simple_tag(takes_context=True)
def chatwoot_widget(
    context: dict[str, Any], settings: WidgetSettings | None = None, debug: bool | None = None
) -> SafeString:
    """The Chatwoot widget for the current request, its user signed in when logged in.
    ``settings`` and ``debug`` replace ``CHATWOOT_WIDGET_SETTINGS`` and ``CHATWOOT_DEBUG`` for
    this page."""
    request = context.get("request")
    if request is None:
        raise ImproperlyConfigured(
            "{% chatwoot_widget %} needs the request: add "
            "'django.template.context_processors.request' to the template engine's "
            "context_processors, or render with a RequestContext."
        )
    html = render_widget(request, context.get("csp_nonce"), widget_settings=settings, debug=debug)
    # Safe as it is: the core JSON-encodes and escapes every value inside the element.
    return mark_safe(html)
