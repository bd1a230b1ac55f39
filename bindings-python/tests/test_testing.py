"""The test kit (`chatwoot_identity.testing`) against right and deliberately wrong pages and
payloads, given as text and as Django's, Flask's and FastAPI's test client responses."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.http import JsonResponse, StreamingHttpResponse
from django.test import Client
from django_settings import EXAMPLE_BASE_URL, EXAMPLE_SECRET, EXAMPLE_WEBSITE_TOKEN
from markupsafe import escape

from chatwoot_identity import reset_script, set_user_payload, widget_script
from chatwoot_identity.testing import (
    assert_chatwoot_anonymous,
    assert_chatwoot_identifies,
    assert_chatwoot_payload_identifies,
    read_page,
)

OTHER_SECRET = "another-inbox-secret-7Hq2"
USER = {"identifier": "user-1", "name": "Ann", "email": "ann@example.com"}


def page(user: dict[str, Any] | None = USER, secret: str = EXAMPLE_SECRET) -> str:
    snippet = widget_script(EXAMPLE_BASE_URL, EXAMPLE_WEBSITE_TOKEN, hmac_secret=secret, user=user)
    return f"<!doctype html><html><body>{snippet}</body></html>"


@pytest.fixture
def user(make_user: Callable[..., User]) -> User:
    return make_user("kit", email="kit@example.com", first_name="Kit")


def test_a_right_page_passes_and_returns_what_it_read() -> None:
    widget = assert_chatwoot_identifies(
        page(), identifier="user-1", hmac_secret=EXAMPLE_SECRET, email="ann@example.com"
    )
    assert widget["snippets"] == 1 and widget["user"]["identifier"] == "user-1"
    assert read_page(page())["website_token"] == EXAMPLE_WEBSITE_TOKEN


def failure(html: Any, **expected: Any) -> str:
    with pytest.raises(AssertionError) as raised:
        assert_chatwoot_identifies(html, **{"hmac_secret": EXAMPLE_SECRET, **expected})
    message = str(raised.value)
    assert EXAMPLE_SECRET not in message and OTHER_SECRET not in message
    return message


def test_a_hash_of_another_secret_fails_with_the_diagnosis() -> None:
    message = failure(page(secret=OTHER_SECRET), identifier="user-1")
    assert "does not verify" in message and "another inbox" in message


def test_another_identifier_fails() -> None:
    assert "another identifier" in failure(page(), identifier="user-2")


def test_another_field_value_fails() -> None:
    assert "email" in failure(page(), identifier="user-1", email="bob@example.com")


def test_an_anonymous_page_fails_the_identity_check() -> None:
    assert "anonymous" in failure(page(user=None), identifier="user-1")


def test_no_widget_and_an_escaped_widget_fail() -> None:
    assert "no Chatwoot widget" in failure("<html><body></body></html>", identifier="user-1")
    escaped = f"<body>{escape(widget_script(EXAMPLE_BASE_URL, EXAMPLE_WEBSITE_TOKEN))}</body>"
    assert "escaped" in failure(escaped, identifier="user-1")


def test_two_widgets_fail() -> None:
    assert "more than once" in failure(page() + page(), identifier="user-1")


def test_anonymous_assertion() -> None:
    assert_chatwoot_anonymous(page(user=None))
    assert_chatwoot_anonymous(f"<body>{reset_script()}</body>")
    with pytest.raises(AssertionError, match="user-1"):
        assert_chatwoot_anonymous(page())
    with pytest.raises(AssertionError, match="no Chatwoot widget"):
        assert_chatwoot_anonymous("<body></body>")


def test_int_and_uuid_identifiers_are_compared_as_their_text() -> None:
    assert_chatwoot_identifies(
        page({"identifier": 42, "name": "A"}), identifier=42, hmac_secret=EXAMPLE_SECRET
    )
    key = uuid.uuid4()
    assert_chatwoot_identifies(
        page({"identifier": str(key), "name": "A"}), identifier=key, hmac_secret=EXAMPLE_SECRET
    )
    with pytest.raises(TypeError, match="identifier"):
        assert_chatwoot_identifies(page(), identifier=1.5, hmac_secret=EXAMPLE_SECRET)  # type: ignore[arg-type]


def test_django_responses_plain_and_streamed(user: User) -> None:
    client = Client()
    client.force_login(user)
    assert_chatwoot_identifies(
        client.get("/"), identifier=user.pk, hmac_secret=EXAMPLE_SECRET, email="kit@example.com"
    )
    assert_chatwoot_anonymous(Client().get("/"))
    streamed = StreamingHttpResponse(iter([page()[:50].encode(), page()[50:].encode()]))
    assert_chatwoot_identifies(streamed, identifier="user-1", hmac_secret=EXAMPLE_SECRET)
    with pytest.raises(TypeError, match="html_or_response"):
        assert_chatwoot_anonymous(object())


def test_flask_and_fastapi_test_client_responses() -> None:
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse
    from fastapi.testclient import TestClient
    from flask import Flask

    flask_app = Flask(__name__)
    flask_app.get("/")(lambda: page())
    assert_chatwoot_identifies(
        flask_app.test_client().get("/"), identifier="user-1", hmac_secret=EXAMPLE_SECRET
    )
    fastapi_app = FastAPI()
    fastapi_app.get("/", response_class=HTMLResponse)(lambda: page(user=None))
    assert_chatwoot_anonymous(TestClient(fastapi_app).get("/"))


def test_payloads() -> None:
    payload = set_user_payload(EXAMPLE_SECRET, USER)
    assert_chatwoot_payload_identifies(payload, identifier="user-1", hmac_secret=EXAMPLE_SECRET)
    assert_chatwoot_payload_identifies(
        JsonResponse(payload), identifier="user-1", hmac_secret=EXAMPLE_SECRET, name="Ann"
    )
    with pytest.raises(AssertionError, match="does not verify") as raised:
        assert_chatwoot_payload_identifies(payload, identifier="user-1", hmac_secret=OTHER_SECRET)
    assert OTHER_SECRET not in str(raised.value)
    with pytest.raises(AssertionError, match="set-user payload"):
        assert_chatwoot_payload_identifies("[]", identifier="user-1", hmac_secret=EXAMPLE_SECRET)
