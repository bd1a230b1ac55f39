"""The Chatwoot widget in Django templates, with the logged-in user signed in.

Add ``"chatwoot_identity.django"`` to ``INSTALLED_APPS``, set ``CHATWOOT_BASE_URL``,
``CHATWOOT_WEBSITE_TOKEN`` and ``CHATWOOT_HMAC_SECRET``, and put ``{% load chatwoot %}``
``{% chatwoot_widget %}`` in your base template (or add
``chatwoot_identity.django.middleware.ChatwootWidgetMiddleware`` to ``MIDDLEWARE``). The system
checks report a missing or wrong setting when the app boots. Optional settings:
``CHATWOOT_ENABLED`` (``False``: nothing rendered or checked), ``CHATWOOT_USER_FIELDS`` (dotted
path to a callable ``user -> dict`` of :class:`chatwoot_identity.WidgetUser` fields, or
``None`` to leave that user anonymous), ``CHATWOOT_CURRENT_USER`` (dotted path to a callable
``request -> user``; default ``request.user``), ``CHATWOOT_WIDGET_SETTINGS`` (the
:class:`chatwoot_identity.WidgetSettings` passed as ``settings`` to
:func:`chatwoot_identity.widget_script`, such as ``{"locale": "fr"}``) and ``CHATWOOT_DEBUG``
(the snippet explains a refused hash in the browser console).
"""
