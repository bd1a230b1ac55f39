"""The test page, and the pages of the browser tests' session app (tests/browser, its
support/session-app.js describes them): ``/as/<name>`` and ``/anonymous`` with the query
options ``turbo=1``, ``head=1``, ``debug=1`` and ``settings=<json>``, and links to each other
keeping the query. ``/turbo.js`` and ``/slow.js`` are served by the browser tests' own proxy."""

import json
import os

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render


def page(request: HttpRequest) -> HttpResponse:
    return render(request, "page.html")


def session_page(request: HttpRequest, name: str) -> HttpResponse:
    users = json.loads(os.environ.get("CHATWOOT_TEST_SESSION_USERS_JSON") or "{}")
    if name != "anonymous" and name not in users:
        raise Http404(name)
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    links = [(other, f"/as/{other}{suffix}") for other in users]
    links.append(("anonymous", f"/anonymous{suffix}"))
    settings = request.GET.get("settings")
    context = {
        "who": name,
        "links": links,
        "turbo": request.GET.get("turbo") == "1",
        "head": request.GET.get("head") == "1",
        "debug": request.GET.get("debug") == "1",
        "page_settings": json.loads(settings) if settings else None,
    }
    response = render(request, "session.html", context)
    response["Cache-Control"] = "no-store"
    return response
