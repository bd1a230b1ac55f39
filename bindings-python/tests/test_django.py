"""`chatwoot_identity.django` in a real Django project, through Django's test client."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import checks
from django.template import Context, Template
from django.test import Client, override_settings
from django_settings import EXAMPLE_BASE_URL, EXAMPLE_SECRET, EXAMPLE_WEBSITE_TOKEN
from widget_config import widget_config

import chatwoot_identity.django.widget as django_widget
from chatwoot_identity import Signer, verify
from chatwoot_identity.django.widget import default_user_fields

PAGE_START = (
    '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>'
    "<h1>page</h1><script"
)
HOSTILE_NAME = "</script><script>window.trap()</script><!-- ]]> '\"\\ \u2028\u2029 \U0001f600"


@pytest.fixture
def user(make_user: Callable[..., User]) -> User:
    return make_user("jane", email="jane@example.com", first_name="Jane", last_name="Doe")


def get_page(client: Client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    html: str = response.content.decode()
    assert html.startswith(PAGE_START) and html.endswith("</script></body></html>")
    return html


def test_anonymous_visitor_gets_the_loader_only() -> None:
    html = get_page(Client())
    assert widget_config(html) == {
        "baseUrl": EXAMPLE_BASE_URL,
        "websiteToken": EXAMPLE_WEBSITE_TOKEN,
    }
    assert html.count("<script") == 1


def test_logged_in_user_is_signed_with_the_default_fields(user: User) -> None:
    client = Client()
    client.force_login(user)
    signed = widget_config(get_page(client))["user"]
    assert signed["identifier"] == str(user.pk)
    attributes = signed["attributes"]
    assert verify(EXAMPLE_SECRET, str(user.pk), attributes.pop("identifier_hash"))
    assert attributes == {"name": "Jane Doe", "email": "jane@example.com"}


def test_default_fields_fall_back_to_the_username_and_leave_out_a_blank_email(
    user: User,
) -> None:
    user.first_name = user.last_name = user.email = ""
    assert default_user_fields(user) == {"identifier": user.pk, "name": "jane", "email": None}


def test_hostile_user_names_render_inert_and_arrive_intact(user: User) -> None:
    user.first_name, user.last_name = HOSTILE_NAME, "</SCRIPT>"
    user.save()
    client = Client()
    client.force_login(user)
    html = get_page(client)
    assert html.lower().count("</script") == 1
    assert "window.trap()</script>" not in html and "<!--" not in html
    assert widget_config(html)["user"]["attributes"]["name"] == f"{HOSTILE_NAME} </SCRIPT>"


@override_settings(CHATWOOT_USER_FIELDS="widget_page.users.plan_fields")
def test_user_fields_setting_maps_the_user(user: User) -> None:
    client = Client()
    client.force_login(user)
    signed = widget_config(get_page(client))["user"]
    assert signed["identifier"] == f"user-{user.pk}"
    assert signed["attributes"]["custom_attributes"] == {"plan": "pro", "staff": False}
    user.username = "anonymous-please"
    user.save()
    assert "user" not in widget_config(get_page(client))


@override_settings(CHATWOOT_WIDGET_SETTINGS={"locale": "fr", "position": "left"})
def test_widget_settings_setting_reaches_the_snippet() -> None:
    assert widget_config(get_page(Client()))["settings"] == {"locale": "fr", "position": "left"}


def test_csp_nonce_of_the_request_is_on_the_snippet(user: User) -> None:
    with override_settings(
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "widget_page.middleware.csp_nonce",
        ]
    ):
        client = Client()
        client.force_login(user)
        nonces = []
        for _ in range(2):
            response = client.get("/")
            nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
            assert nonce
            html = response.content.decode()
            assert f'<script nonce="{nonce.group(1)}">' in html
            assert widget_config(html)["nonce"] == nonce.group(1)
            nonces.append(nonce.group(1))
        assert nonces[0] != nonces[1]


def test_csp_nonce_template_variable_is_used_without_request_attribute() -> None:
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    html = Template("{% load chatwoot %}{% chatwoot_widget %}").render(
        Context({"request": request, "csp_nonce": "dj4ng0"})
    )
    assert html.startswith('<script nonce="dj4ng0">')


def test_tag_without_the_request_says_how_to_fix_it_in_development() -> None:
    from django.core.exceptions import ImproperlyConfigured

    with (
        override_settings(DEBUG=True),
        pytest.raises(ImproperlyConfigured, match=r"context_processors\.request"),
    ):
        Template("{% load chatwoot %}{% chatwoot_widget %}").render(Context({}))


def test_tag_without_the_request_renders_nothing_in_production(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Django's server_error view renders 500.html without a request: a base template's widget
    # must not make the error page fail in turn.
    with override_settings(DEBUG=False):
        html = Template("{% load chatwoot %}<p>{% chatwoot_widget %}</p>").render(Context({}))
    assert html == "<p></p>"
    assert "the template has no request" in caplog.text


def test_django_6_csp_nonce_is_used_when_nothing_else_gives_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Django 6's ContentSecurityPolicyMiddleware keeps the nonce behind get_nonce(request); the
    # auto-injection middleware has no template context to find it in. (Django 6 needs Python
    # 3.12; this suite's Django is 5.2, so its module is stood in for.)
    import sys
    import types

    from django.test import RequestFactory

    csp = types.ModuleType("django.middleware.csp")
    csp.get_nonce = lambda request: getattr(request, "_csp_nonce", None)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "django.middleware.csp", csp)
    assert django_widget._find_django_get_nonce() is csp.get_nonce  # type: ignore[attr-defined]
    monkeypatch.setattr(django_widget, "_django_get_nonce", csp.get_nonce)  # type: ignore[attr-defined]
    request = RequestFactory().get("/")
    request._csp_nonce = "s1x"  # type: ignore[attr-defined]
    assert django_widget.request_nonce(request) == "s1x"
    assert django_widget.render_widget(request).startswith('<script nonce="s1x">')
    request.csp_nonce = "own"  # type: ignore[attr-defined]
    assert django_widget.request_nonce(request) == "own", "an explicit nonce comes first"
    assert django_widget.request_nonce(RequestFactory().get("/")) is None


def test_one_signer_per_process_rebuilt_only_when_the_secret_changes() -> None:
    first = django_widget.signer()
    assert django_widget.signer() is first
    assert isinstance(first, Signer)
    with override_settings(CHATWOOT_HMAC_SECRET="another-secret"):
        assert django_widget.signer() is not first
        assert django_widget.signer().identifier_hash("a") == Signer(
            "another-secret"
        ).identifier_hash("a")
    assert django_widget.signer().identifier_hash("a") == first.identifier_hash("a")


def check_ids() -> list[str]:
    return sorted(m.id or "" for m in checks.run_checks() if m.is_serious())


def test_system_check_passes_with_the_settings() -> None:
    assert check_ids() == []


@pytest.mark.parametrize(
    ("setting", "check_id"),
    [
        ("CHATWOOT_BASE_URL", "chatwoot_identity.E001"),
        ("CHATWOOT_WEBSITE_TOKEN", "chatwoot_identity.E002"),
        ("CHATWOOT_HMAC_SECRET", "chatwoot_identity.E003"),
    ],
)
def test_system_check_fails_on_a_missing_setting(setting: str, check_id: str) -> None:
    with override_settings(**{setting: ""}):
        assert check_ids() == [check_id]
    with override_settings():
        from django.conf import settings

        delattr(settings, setting)
        messages = [m for m in checks.run_checks() if m.is_serious()]
        assert [m.id for m in messages] == [check_id]
        assert setting in messages[0].msg


@pytest.mark.parametrize(
    "override",
    [
        {"CHATWOOT_BASE_URL": "app.chatwoot.com"},
        {"CHATWOOT_WEBSITE_TOKEN": "not a token"},
        {"CHATWOOT_WIDGET_SETTINGS": {"position": "top"}},
        {"CHATWOOT_WIDGET_SETTINGS": {"colour": "red"}},
    ],
)
def test_system_check_fails_on_an_invalid_setting(override: dict[str, Any]) -> None:
    with override_settings(**override):
        assert check_ids() == ["chatwoot_identity.E004"]


def test_system_check_fails_on_an_unimportable_user_fields_path() -> None:
    with override_settings(CHATWOOT_USER_FIELDS="nowhere.fields"):
        assert check_ids() == ["chatwoot_identity.E005"]


def test_system_check_never_shows_the_secret() -> None:
    secret = "a-distinctive-secret-QX7ZP9"
    with override_settings(CHATWOOT_HMAC_SECRET=secret, CHATWOOT_BASE_URL=f"https://{secret}@x"):
        messages = checks.run_checks()
    assert messages
    assert all(secret not in str(m) for m in messages)


def test_system_check_refuses_the_website_token_as_the_secret() -> None:
    with override_settings(CHATWOOT_HMAC_SECRET=EXAMPLE_WEBSITE_TOKEN):
        messages = [m for m in checks.run_checks() if m.is_serious()]
    assert [m.id for m in messages] == ["chatwoot_identity.E006"]
    assert "CHATWOOT_HMAC_SECRET" in messages[0].msg and "website token" in messages[0].msg
    with override_settings(CHATWOOT_HMAC_SECRET=EXAMPLE_WEBSITE_TOKEN.encode()):
        assert check_ids() == ["chatwoot_identity.E006"]


@pytest.mark.parametrize("setting", ["CHATWOOT_WEBSITE_TOKEN", "CHATWOOT_HMAC_SECRET"])
def test_system_check_says_which_environment_variable_to_set(setting: str) -> None:
    with override_settings(**{setting: None}):
        (message,) = [m for m in checks.run_checks() if m.is_serious()]
    assert f'os.environ.get("{setting}")' in (message.hint or "")
    assert "CHATWOOT_ENABLED = False" in (message.hint or "")


def test_system_check_fails_on_an_unimportable_current_user_path() -> None:
    with override_settings(CHATWOOT_CURRENT_USER="nowhere.current_user"):
        assert check_ids() == ["chatwoot_identity.E007"]


def test_disabled_widget_needs_no_setting_and_renders_nothing(user: User) -> None:
    with override_settings(CHATWOOT_ENABLED=False):
        from django.conf import settings

        for name in ("CHATWOOT_BASE_URL", "CHATWOOT_WEBSITE_TOKEN", "CHATWOOT_HMAC_SECRET"):
            delattr(settings, name)
        assert check_ids() == []
        client = Client()
        client.force_login(user)
        html = client.get("/").content.decode()
    assert "<script" not in html and html.endswith("<h1>page</h1></body></html>")


INCOMPLETE = {"identifier": "u-1", "phone_number": "+15550001"}
UNTEXTABLE = {"identifier": 4.5, "name": "Jane"}


@pytest.mark.parametrize("fields", [INCOMPLETE, UNTEXTABLE], ids=["no-name-email-avatar", "float"])
def test_a_user_the_widget_cannot_take_gets_the_visitor_widget_and_a_warning(
    fields: dict[str, Any], user: User, caplog: pytest.LogCaptureFixture, monkeypatch: Any
) -> None:
    monkeypatch.setattr("widget_page.users.FIXED_FIELDS", fields, raising=False)
    with override_settings(CHATWOOT_USER_FIELDS="widget_page.users.fixed_fields"):
        client = Client()
        client.force_login(user)
        with caplog.at_level("WARNING", logger="chatwoot_identity"):
            html = get_page(client)
        assert widget_config(html) == {
            "baseUrl": EXAMPLE_BASE_URL,
            "websiteToken": EXAMPLE_WEBSITE_TOKEN,
        }
        (record,) = caplog.records
        assert record.levelname == "WARNING" and "visitor widget" in record.getMessage()
        assert EXAMPLE_SECRET not in record.getMessage()
        # In development (DEBUG), the page fails instead, with the core's error.
        with override_settings(DEBUG=True), pytest.raises((ValueError, TypeError)):
            client.get("/")


def test_missing_secret_at_render_time_never_fails_a_page(
    user: User, caplog: pytest.LogCaptureFixture
) -> None:
    with override_settings(CHATWOOT_HMAC_SECRET=""):
        client = Client()
        client.force_login(user)
        with caplog.at_level("WARNING", logger="chatwoot_identity"):
            assert "user" not in widget_config(get_page(client))
        assert [r.levelname for r in caplog.records] == ["WARNING"]


def test_a_uuid_primary_key_is_signed_as_its_canonical_text() -> None:
    from types import SimpleNamespace
    from uuid import UUID

    from django.test import RequestFactory

    pk = UUID("8C2A6D1E-0B7F-4E29-9A51-3F6E2B1C7D90")
    request = RequestFactory().get("/")
    request.user = SimpleNamespace(  # type: ignore[assignment]
        pk=pk, is_authenticated=True, email="u@example.com", get_username=lambda: "u"
    )
    html = django_widget.render_widget(request)
    signed = widget_config(html)["user"]
    assert signed["identifier"] == "8c2a6d1e-0b7f-4e29-9a51-3f6e2b1c7d90" == str(pk)
    assert verify(EXAMPLE_SECRET, str(pk), signed["attributes"]["identifier_hash"])


@override_settings(
    CHATWOOT_CURRENT_USER="widget_page.users.header_user",
    CHATWOOT_USER_FIELDS="widget_page.users.widget_fields",
)
def test_current_user_setting_finds_the_user() -> None:
    html = Client().get("/", HTTP_X_TEST_USER="hdr-9").content.decode()
    assert widget_config(html)["user"]["identifier"] == "hdr-9"
    assert "user" not in widget_config(get_page(Client()))


def test_tag_options_replace_the_settings_for_one_page() -> None:
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    html = Template("{% load chatwoot %}{% chatwoot_widget settings=s debug=True %}").render(
        Context({"request": request, "s": {"widget_style": "flat", "dark_mode": "dark"}})
    )
    config = widget_config(html)
    assert config["settings"] == {"widgetStyle": "flat", "darkMode": "dark"}
    assert config["debug"] is True
    assert "debug" not in widget_config(django_widget.render_widget(request))
