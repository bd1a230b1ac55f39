"""Opt-in automatic injection: ``"chatwoot_identity.django.middleware.ChatwootWidgetMiddleware"``
in ``MIDDLEWARE`` (after the authentication middleware and any CSP middleware) puts the widget
before the last ``</body>`` of every HTML page, with the request's user signed in, so no
template needs the tag.

It leaves a response as it is when ``CHATWOOT_ENABLED`` is off, when the view is decorated with
:func:`chatwoot_exempt` or set ``request.chatwoot_exempt = True``, and when the response is not
HTML, is streamed (``StreamingHttpResponse``, ``FileResponse``), is compressed, has no
``</body>``, or already has a widget (the ``{% chatwoot_widget %}`` tag rendered, or a Chatwoot
snippet written by hand).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from chatwoot_identity import insert_widget
from chatwoot_identity.django.widget import RENDERED, enabled, render_widget

View = TypeVar("View", bound=Callable[..., Any])

HTML_TYPES = ("text/html", "application/xhtml+xml")


def chatwoot_exempt(view: View) -> View:
    """No automatic widget on this view's pages."""

    @wraps(view)
    def exempt(*args: Any, **kwargs: Any) -> Any:
        return view(*args, **kwargs)

    exempt.chatwoot_exempt = True  # type: ignore[attr-defined]
    return exempt  # type: ignore[return-value]


class ChatwootWidgetMiddleware:
    """Inserts ``{% chatwoot_widget %}``'s snippet before ``</body>`` of HTML responses."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if isinstance(response, HttpResponse) and self.wants_widget(request, response):
            self.inject(request, response)
        return response

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> None:
        if getattr(view_func, "chatwoot_exempt", False):
            request.chatwoot_exempt = True  # type: ignore[attr-defined]

    def wants_widget(self, request: HttpRequest, response: HttpResponse) -> bool:
        """Whether ``response`` is a page the widget may go on; where it goes (and whether the
        page already has one) is the core's ``insert_widget``."""
        if not enabled() or getattr(request, "chatwoot_exempt", False):
            return False
        if response.streaming or response.has_header("Content-Encoding"):
            return False
        # A download would carry the user's identifier_hash into a file that is saved and shared.
        if response.get("Content-Disposition", "").strip().lower().startswith("attachment"):
            return False
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        return content_type in HTML_TYPES and not getattr(request, RENDERED, False)

    def inject(self, request: HttpRequest, response: HttpResponse) -> None:
        charset = response.charset or "utf-8"
        try:
            html = response.content.decode(charset)
        except (UnicodeDecodeError, LookupError):
            return
        page = insert_widget(html, render_widget(request))
        if page is None:
            return
        response.content = page.encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        # The page is now this user's: a validator kept from the view would let the next person
        # on this browser get a 304 and see the cached page, this user's identity in it.
        del response["ETag"]
        del response["Last-Modified"]
