"""`ChatwootWidgetMiddleware`: the widget put before `</body>` of HTML pages, and only there.
Each rule has its test; the views are in widget_page/inject_views.py."""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django_settings import EXAMPLE_SECRET
from widget_config import widget_configs
from widget_page.inject_views import PAGE

from chatwoot_identity import insert_widget, verify

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "widget_page.middleware.csp_nonce",
    "chatwoot_identity.django.middleware.ChatwootWidgetMiddleware",
]

pytestmark = pytest.mark.usefixtures("injecting")


@pytest.fixture
def injecting() -> Iterator[None]:
    with override_settings(MIDDLEWARE=MIDDLEWARE, ROOT_URLCONF="widget_page.inject_urls"):
        yield


@pytest.fixture
def client(make_user: Callable[..., User]) -> Client:
    client = Client()
    client.force_login(make_user("inject", email="inject@example.com", first_name="In"))
    return client


def get(client: Client, name: str) -> Any:
    response = client.get(f"/{name}/")
    assert response.status_code == 200
    return response


def test_html_page_gets_the_signed_widget_before_the_body_end(client: Client) -> None:
    response = get(client, "plain")
    html = response.content.decode()
    before, _, after = html.rpartition("</BODY>")
    assert after == "</html>" and before.startswith(PAGE.split("</BODY>")[0])
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert nonce and before.endswith("</script>")
    assert f'<script nonce="{nonce.group(1)}">' in before
    (config,) = widget_configs(html)
    signed = config["user"]
    assert verify(EXAMPLE_SECRET, signed["identifier"], signed["attributes"]["identifier_hash"])


def test_anonymous_visitor_gets_the_visitor_widget() -> None:
    (config,) = widget_configs(get(Client(), "plain").content.decode())
    assert "user" not in config


def test_content_length_follows_the_new_body(client: Client) -> None:
    response = get(client, "with_length")
    assert int(response["Content-Length"]) == len(response.content) > len(PAGE)


def test_the_response_charset_is_kept(client: Client) -> None:
    response = get(client, "latin1")
    html = response.content.decode("latin-1")
    assert "caf\u00e9" in html and len(widget_configs(html)) == 1


def test_xhtml_is_html(client: Client) -> None:
    assert len(widget_configs(get(client, "xhtml").content.decode())) == 1


@pytest.mark.parametrize("name", ["json", "text"])
def test_non_html_responses_are_untouched(client: Client, name: str) -> None:
    assert b"chatwootSDK" not in get(client, name).content


def test_streamed_responses_are_untouched(client: Client) -> None:
    response = get(client, "streamed")
    assert response.streaming
    assert b"".join(response.streaming_content) == PAGE.encode()


def test_compressed_responses_are_untouched(client: Client) -> None:
    assert gzip.decompress(get(client, "compressed").content) == PAGE.encode()
    assert get(client, "encoded_text").content == PAGE.encode()


def test_a_page_for_a_user_keeps_no_validator_that_would_show_it_to_the_next_one(
    client: Client,
) -> None:
    # With the view's ETag or Last-Modified kept, the next person on this browser sends them
    # back, the view answers 304, and the browser shows its copy: the first user's identity.
    response = get(client, "validated")
    assert len(widget_configs(response.content.decode())) == 1
    assert not response.has_header("ETag") and not response.has_header("Last-Modified")


def test_a_download_is_untouched(client: Client) -> None:
    # A saved or shared file would carry the user's identifier_hash.
    assert get(client, "attachment").content == PAGE.encode()


def test_a_fragment_without_body_end_is_untouched(client: Client) -> None:
    assert get(client, "no_body_end").content == b"<p>a fragment for htmx</p>"


@pytest.mark.parametrize("name", ["tagged", "hand_written"])
def test_a_page_with_a_widget_gets_no_second_one(client: Client, name: str) -> None:
    assert get(client, name).content.count(b"chatwootSDK.run") == 1


@pytest.mark.parametrize("name", ["exempt", "opted_out"])
def test_per_request_opt_out(client: Client, name: str) -> None:
    assert get(client, name).content == PAGE.encode()


def test_per_environment_switch(client: Client) -> None:
    with override_settings(CHATWOOT_ENABLED=False):
        assert get(client, "plain").content == PAGE.encode()


@override_settings(
    CHATWOOT_CURRENT_USER="widget_page.users.header_user",
    CHATWOOT_USER_FIELDS="widget_page.users.widget_fields",
)
def test_the_user_comes_from_the_current_user_setting(client: Client) -> None:
    html = client.get("/plain/", HTTP_X_TEST_USER="hdr-3").content.decode()
    (config,) = widget_configs(html)
    assert config["user"]["identifier"] == "hdr-3"


def test_where_the_snippet_goes_is_the_cores_insert_widget() -> None:
    assert insert_widget("<body>a</BODY >", "<s></s>") == "<body>a<s></s></BODY >"
    assert insert_widget("<p>fragment</p>", "<s></s>") is None
    assert insert_widget("<body><script>chatwootSDK.run({})</script></body>", "<s></s>") is None
