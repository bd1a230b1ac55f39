"""`chatwoot_identity.jinja` in real Flask and FastAPI apps, served over loopback (werkzeug's
and uvicorn's servers in a thread) and fetched with urllib, as a browser would."""

from __future__ import annotations

import logging
import threading
import urllib.request
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django_settings import EXAMPLE_BASE_URL, EXAMPLE_SECRET, EXAMPLE_WEBSITE_TOKEN
from markupsafe import Markup
from widget_config import widget_configs

from chatwoot_identity import InvalidBaseUrlError, MissingSecretError, Signer, verify
from chatwoot_identity.jinja import ChatwootWidget, chatwoot_widget

USER = {"identifier": "user-5", "name": "Ann </script><script>window.trap()</script>"}
TEMPLATE = (
    "<!doctype html><html><body><h1>{{ title }}</h1>"
    "{{ chatwoot_widget(user=user, nonce=nonce) }}</body></html>"
)


def config_of(html: str) -> dict[str, Any]:
    """The config of the page's one widget; a page with none, or with two, fails the test."""
    (document,) = widget_configs(html)
    return document


def fetch(url: str) -> tuple[str, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode(), {k.lower(): v for k, v in response.headers.items()}


def check_signed_page(html: str, nonce: str) -> None:
    assert "&lt;script" not in html and html.lower().count("</script") == 1
    assert f'<script nonce="{nonce}">' in html
    config = config_of(html)
    assert config["nonce"] == nonce
    signed = config["user"]
    assert signed["identifier"] == USER["identifier"]
    assert signed["attributes"]["name"] == USER["name"]
    assert verify(EXAMPLE_SECRET, USER["identifier"], signed["attributes"]["identifier_hash"])


def widget(**options: Any) -> ChatwootWidget:
    return ChatwootWidget(
        EXAMPLE_BASE_URL, EXAMPLE_WEBSITE_TOKEN, hmac_secret=EXAMPLE_SECRET, **options
    )


@pytest.fixture
def flask_url() -> Iterator[str]:
    from flask import Flask, render_template_string, request
    from werkzeug.serving import make_server

    app = Flask(__name__)
    app.jinja_env.globals["chatwoot_widget"] = widget()

    @app.get("/")
    def page() -> str:
        user = USER if request.args.get("signed") == "1" else None
        return render_template_string(TEMPLATE, title="<b>", user=user, nonce="fl4sk")

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    thread.join()


@pytest.fixture
def fastapi_url() -> Iterator[str]:
    import uvicorn
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse
    from jinja2 import Environment

    env = Environment(autoescape=True)
    env.globals["chatwoot_widget"] = widget()
    template = env.from_string(TEMPLATE)
    app = FastAPI()

    @app.get("/", response_class=HTMLResponse)
    # (No `Request` parameter: this module's postponed annotations could not be resolved.)
    async def page(signed: str = "0") -> str:
        return template.render(title="<b>", user=USER if signed == "1" else None, nonce="f4st")

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        assert thread.is_alive(), "uvicorn stopped before it started"
        threading.Event().wait(0.02)
    (socket,) = server.servers[0].sockets
    yield f"http://127.0.0.1:{socket.getsockname()[1]}/"
    server.should_exit = True
    thread.join()


@pytest.mark.parametrize(("app", "nonce"), [("flask_url", "fl4sk"), ("fastapi_url", "f4st")])
def test_framework_page_over_loopback(app: str, nonce: str, request: pytest.FixtureRequest) -> None:
    url: str = request.getfixturevalue(app)
    html, headers = fetch(url + "?signed=1")
    assert headers["content-type"].startswith("text/html")
    assert "<h1>&lt;b&gt;</h1>" in html, "autoescaping is on for the rest of the page"
    check_signed_page(html, nonce)
    visitor, _ = fetch(url)
    assert "user" not in config_of(visitor)


def test_chatwoot_widget_is_markup_and_signs_a_uuid_as_its_text() -> None:
    identifier = uuid.UUID("1B4E28BA-2FA1-11D2-883F-0016D3CCA427")
    html = chatwoot_widget(
        EXAMPLE_BASE_URL,
        EXAMPLE_WEBSITE_TOKEN,
        hmac_secret=Signer(EXAMPLE_SECRET),
        user={"identifier": identifier, "email": "u@example.com"},
        nonce="n0nce",
        debug=True,
    )
    assert isinstance(html, Markup) and html.startswith('<script nonce="n0nce">')
    config = config_of(str(html))
    assert config["debug"] is True
    assert config["user"]["identifier"] == "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
    assert verify(EXAMPLE_SECRET, str(identifier), config["user"]["attributes"]["identifier_hash"])


def test_a_user_the_widget_cannot_take_renders_the_visitor_widget(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="chatwoot_identity"):
        html = widget()(user={"identifier": "u-1"})
    assert "user" not in config_of(str(html))
    (record,) = caplog.records
    assert "visitor widget" in record.getMessage() and EXAMPLE_SECRET not in record.getMessage()
    with pytest.raises(ValueError, match="name, email"):
        widget(strict=True)(user={"identifier": "u-1"})


def test_configuration_fails_when_the_app_starts_unless_disabled() -> None:
    with pytest.raises(InvalidBaseUrlError):
        ChatwootWidget("app.chatwoot.com", EXAMPLE_WEBSITE_TOKEN)
    # os.environ.get of an unset variable: refused now, not on a page that loses its user.
    with pytest.raises(MissingSecretError, match="CHATWOOT_HMAC_SECRET"):
        ChatwootWidget(EXAMPLE_BASE_URL, EXAMPLE_WEBSITE_TOKEN, hmac_secret=None)
    visitors_only = ChatwootWidget(EXAMPLE_BASE_URL, EXAMPLE_WEBSITE_TOKEN)
    (config,) = widget_configs(str(visitors_only(user=None)))
    assert "user" not in config
    off = ChatwootWidget(None, None, enabled=False)
    assert off(user=USER) == Markup("") and isinstance(off(), Markup)
    assert EXAMPLE_SECRET not in repr(widget())
