"""The Chatwoot widget in Django templates, with the logged-in user signed in.

Add ``"chatwoot_identity.django"`` to ``INSTALLED_APPS``, set ``CHATWOOT_BASE_URL``,
``CHATWOOT_WEBSITE_TOKEN`` and ``CHATWOOT_HMAC_SECRET``, and put ``{% load chatwoot %}``
``{% chatwoot_widget %}`` in your base template. Optional settings: ``CHATWOOT_USER_FIELDS``
(dotted path to a callable ``user -> dict`` of :class:`chatwoot_identity.WidgetUser` fields, or
``None`` to leave that user anonymous) and ``CHATWOOT_WIDGET_SETTINGS`` (the
:class:`chatwoot_identity.WidgetSettings` passed as ``settings`` to
:func:`chatwoot_identity.widget_script`, such as ``{"locale": "fr"}``).
"""
