"""``{% load chatwoot %}{% chatwoot_widget %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.exceptions import ImproperlyConfigured
from django.utils.safestring import SafeString, mark_safe

from chatwoot_identity.django.widget import render_widget

register = template.Library()


@register.simple_tag(takes_context=True)
def chatwoot_widget(context: dict[str, Any]) -> SafeString:
    """The Chatwoot widget for the current request, its user signed in when logged in."""
    request = context.get("request")
    if request is None:
        raise ImproperlyConfigured(
            "{% chatwoot_widget %} needs the request: add "
            "'django.template.context_processors.request' to the template engine's "
            "context_processors, or render with a RequestContext."
        )
    # Safe as it is: the core JSON-encodes and escapes every value inside the element.
    return mark_safe(render_widget(request, context.get("csp_nonce")))
