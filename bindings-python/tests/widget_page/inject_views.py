"""Views for the auto-injection middleware's tests: one response of each kind it meets."""

from __future__ import annotations

import datetime
import gzip

from django.http import (
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.views.decorators.http import etag, last_modified

from chatwoot_identity.django.middleware import chatwoot_exempt

PAGE = "<!doctype html><html><head><title>t</title></head><body><h1>plain</h1></BODY></html>"


def plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse(PAGE)


def with_length(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(PAGE)
    response["Content-Length"] = str(len(response.content))
    return response


def latin1(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        PAGE.replace("plain", "caf\u00e9"), content_type="text/html; charset=latin-1"
    )


def xhtml(request: HttpRequest) -> HttpResponse:
    return HttpResponse(PAGE, content_type="application/xhtml+xml")


def json(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"html": PAGE})


def text(request: HttpRequest) -> HttpResponse:
    return HttpResponse(PAGE, content_type="text/plain")


def streamed(request: HttpRequest) -> StreamingHttpResponse:
    return StreamingHttpResponse(iter([PAGE[:40], PAGE[40:]]), content_type="text/html")


def compressed(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(gzip.compress(PAGE.encode()))
    response["Content-Encoding"] = "gzip"
    return response


def encoded_text(request: HttpRequest) -> HttpResponse:
    """A body whose bytes happen to read as text, but that the browser will decode first."""
    response = HttpResponse(PAGE)
    response["Content-Encoding"] = "br"
    return response


@etag(lambda request: '"article-v1"')
@last_modified(lambda request: datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc))
def validated(request: HttpRequest) -> HttpResponse:
    """A page with validators, as Django's conditional-view decorators give one."""
    return HttpResponse(PAGE)


def attachment(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(PAGE)
    response["Content-Disposition"] = 'attachment; filename="report.html"'
    return response


def no_body_end(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<p>a fragment for htmx</p>")


def tagged(request: HttpRequest) -> HttpResponse:
    return render(request, "page.html")


def hand_written(request: HttpRequest) -> HttpResponse:
    snippet = "<script>window.chatwootSDK.run({websiteToken: 'x', baseUrl: 'y'})</script>"
    return HttpResponse(PAGE.replace("</BODY>", f"{snippet}</BODY>"))


@chatwoot_exempt
def exempt(request: HttpRequest) -> HttpResponse:
    return HttpResponse(PAGE)


def opted_out(request: HttpRequest) -> HttpResponse:
    request.chatwoot_exempt = True  # type: ignore[attr-defined]
    return HttpResponse(PAGE)
