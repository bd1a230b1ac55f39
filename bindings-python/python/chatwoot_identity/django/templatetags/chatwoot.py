"""``{% load chatwoot %}{% chatwoot_widget %}``, or ``{% chatwoot_widget settings=s debug=d %}``."""

from __future__ import annotations

import logging
from typing import Any

from django import template
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.safestring import SafeString, mark_safe

from chatwoot_identity import WidgetSettings
from chatwoot_identity.django.widget import render_widget

register = template.Library()
logger = logging.getLogger("chatwoot_identity")


@register.simple_tag(takes_context=True)
def chatwoot_widget(
    context: dict[str, Any], settings: WidgetSettings | None = None, debug: bool | None = None
) -> SafeString:
    """The Chatwoot widget for the current request, its user signed in when logged in.
    ``settings`` and ``debug`` replace ``CHATWOOT_WIDGET_SETTINGS`` and ``CHATWOOT_DEBUG`` for
    this page."""
    request = context.get("request")
    if request is None:
        # Django renders its own error page (500.html) without a request: a base template's
        # widget must not make that page fail too. In production the page gets no widget;
        # with DEBUG the missing context processor is reported as the mistake it usually is.
        if not django_settings.DEBUG:
            logger.warning("{%% chatwoot_widget %%} rendered nothing: the template has no request")
            return mark_safe("")
        raise ImproperlyConfigured(
            "{% chatwoot_widget %} needs the request: add "
            "'django.template.context_processors.request' to the template engine's "
            "context_processors, or render with a RequestContext."
        )
    html = render_widget(request, context.get("csp_nonce"), widget_settings=settings, debug=debug)
    # Safe as it is: the core JSON-encodes and escapes every value inside the element.
    return mark_safe(html)
