"""chatwoot_identity.django.webhooks: the decorator and verify_request through Django's test
client, the system check, and a real Django server over loopback receiving requests from the
Chatwoot-like sender (tests/webhooks/chatwoot_sender.rb, real Ruby and ActiveSupport)."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import webhook_urls
from django.conf import settings
from django.core import checks
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.test import Client, RequestFactory, override_settings
from webhook_urls import RECEIVED

import chatwoot_identity.django.webhooks as webhooks
from chatwoot_identity import VerifiedWebhook, sign_webhook

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
SENDER = REPOSITORY_ROOT / "tests" / "webhooks" / "chatwoot_sender.rb"
SECRET = "Sx5GdKjW7rvbcaQ8JtUmHn2p"
HMAC_TOKEN = "QrtMG8GydFgEy7bVzsLLmHoq"
BODY = b'{"event":"message_created","content":"\\u003c/script\\u003e \\u0026 \xf0\x9f\x98\x80"}'
WEBHOOKS = {"ROOT_URLCONF": "webhook_urls", "CHATWOOT_WEBHOOK_SECRET": SECRET}
CSRF_MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
RECEIVERS = ["/webhooks/chatwoot", "/webhooks/async", "/webhooks/class"]


@pytest.fixture(autouse=True)
def receivers() -> Iterator[None]:
    RECEIVED.clear()
    with override_settings(**WEBHOOKS, MIDDLEWARE=CSRF_MIDDLEWARE):
        yield
    RECEIVED.clear()


def post(path: str, body: bytes, headers: dict[str, str]) -> Any:
    client = Client(enforce_csrf_checks=True)
    return client.post(path, body, content_type="application/json", headers=headers)


def signed(body: bytes = BODY, age: int = 0) -> dict[str, str]:
    return sign_webhook(SECRET, body, int(time.time()) - age).headers


@pytest.mark.parametrize("path", RECEIVERS)
def test_a_signed_request_reaches_the_view_with_its_event(path: str) -> None:
    headers = signed()
    response = post(path, BODY, headers)
    assert response.status_code == 200, response.content
    ((view, body, event, webhook),) = RECEIVED
    assert body == BODY
    assert event == json.loads(BODY)
    assert isinstance(webhook, VerifiedWebhook)
    assert webhook.delivery_id == headers["X-Chatwoot-Delivery"]
    assert response.json() == {
        "view": view,
        "event": "message_created",
        "delivery_id": webhook.delivery_id,
    }


@pytest.mark.parametrize("path", RECEIVERS)
def test_a_bad_request_is_a_401_and_never_reaches_the_view(path: str) -> None:
    headers = signed()
    cases = {
        "signature_mismatch": (BODY.replace(b"created", b"updated"), headers),
        "missing_signature": (BODY, {}),
        "stale_timestamp": (BODY, signed(age=301)),
        "malformed_signature": (
            BODY,
            {**headers, "X-Chatwoot-Signature": headers["X-Chatwoot-Signature"].upper()},
        ),
    }
    for code, (body, sent) in cases.items():
        response = post(path, body, sent)
        assert response.status_code == 401
        assert response["Content-Type"] == "application/json"
        document = response.json()
        assert document["error"] == code
        assert document["message"] and SECRET not in document["message"]
    assert RECEIVED == []


def test_a_get_without_headers_is_refused() -> None:
    response = Client().get("/webhooks/chatwoot")
    assert (response.status_code, response.json()["error"]) == (401, "missing_signature")


@pytest.mark.parametrize("path", RECEIVERS)
def test_a_signed_body_that_is_not_json_is_a_400(path: str) -> None:
    for body in (b"not json", b"\xff\xfe{", b""):
        response = post(path, body, signed(body))
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_json"
    assert RECEIVED == []


def test_csrf_exemption_is_for_the_webhook_view_only() -> None:
    assert Client(enforce_csrf_checks=True).post("/form", {}).status_code == 403
    assert post("/webhooks/chatwoot", BODY, signed()).status_code == 200


def test_the_tolerance_setting_is_applied() -> None:
    with override_settings(CHATWOOT_WEBHOOK_TOLERANCE=5):
        response = post("/webhooks/chatwoot", BODY, signed(age=60))
        assert response.json()["error"] == "stale_timestamp"
    assert post("/webhooks/chatwoot", BODY, signed(age=60)).status_code == 200


def test_the_verifier_is_built_once_and_rebuilt_when_settings_change() -> None:
    first = webhooks.verifier()
    assert webhooks.verifier() is first
    with override_settings(CHATWOOT_WEBHOOK_SECRET="another-secret"):
        assert webhooks.verifier() is not first
        assert post("/webhooks/chatwoot", BODY, signed()).json()["error"] == "signature_mismatch"


def test_a_missing_secret_at_request_time_is_a_503_and_logged_never_a_500(
    caplog: pytest.LogCaptureFixture,
) -> None:
    for broken in (
        {"CHATWOOT_WEBHOOK_SECRET": ""},
        {"CHATWOOT_WEBHOOK_SECRET": None},
        {"CHATWOOT_WEBHOOK_TOLERANCE": -1},
    ):
        with override_settings(**broken), caplog.at_level(logging.ERROR, logger=webhooks.__name__):
            for path in RECEIVERS:
                response = post(path, BODY, signed())
                assert response.status_code == 503
                assert response.json()["error"] == "webhook_not_configured"
        assert "manage.py check" in caplog.text
        caplog.clear()
    assert RECEIVED == []


def test_a_body_read_as_a_stream_first_is_a_clear_error() -> None:
    request = RequestFactory().post(
        "/hook", BODY, content_type="application/json", headers=signed()
    )
    request.read()
    with pytest.raises(RuntimeError, match=r"call verify_request before request\.POST"):
        webhooks.verify_request(request)


def test_the_decorated_views_keep_their_names_and_kind() -> None:
    assert webhook_urls.receive.__name__ == "receive"
    assert asyncio.iscoroutinefunction(webhook_urls.receive_async)
    assert webhook_urls.receive.csrf_exempt is True  # type: ignore[attr-defined]


def serious(messages: list[checks.CheckMessage]) -> list[str]:
    return [
        m.id or ""
        for m in messages
        if m.is_serious() and (m.id or "").startswith("chatwoot_identity.E1")
    ]


def test_the_system_check_requires_the_secret_of_a_project_that_serves_webhooks() -> None:
    saved = settings.CHATWOOT_WEBHOOK_SECRET
    del settings.CHATWOOT_WEBHOOK_SECRET  # as in a project that never set it
    try:
        assert serious(checks.run_checks()) == ["chatwoot_identity.E101"]
        (error,) = [m for m in checks.run_checks() if m.id == "chatwoot_identity.E101"]
        assert "CHATWOOT_WEBHOOK_SECRET is not set" in error.msg
        with override_settings(ROOT_URLCONF="widget_page.urls"):
            assert serious(checks.run_checks()) == []  # no webhook view, no setting: not in use
    finally:
        settings.CHATWOOT_WEBHOOK_SECRET = saved
    assert serious(checks.run_checks()) == []
    with override_settings(CHATWOOT_WEBHOOK_SECRET=""):
        assert serious(checks.run_checks()) == ["chatwoot_identity.E101"]
    with override_settings(CHATWOOT_WEBHOOK_TOLERANCE="300"):
        (error,) = [m for m in checks.run_checks() if m.id == "chatwoot_identity.E102"]
        assert "tolerance must be an int" in error.msg
    with override_settings(ROOT_URLCONF="widget_page.urls", CHATWOOT_WEBHOOK_SECRET=12345):
        (error,) = [m for m in checks.run_checks() if m.id == "chatwoot_identity.E102"]
        assert "secret must be str, bytes, bytearray or memoryview, not int" in error.msg


# --- over loopback, from the Chatwoot-like sender ------------------------------------------

MODES = {
    "good": (200, None),
    "tampered_body": (401, "signature_mismatch"),
    "tampered_timestamp": (401, "signature_mismatch"),
    "stale": (401, "stale_timestamp"),
    "future": (401, "future_timestamp"),
    "missing_signature": (401, "missing_signature"),
    "missing_timestamp": (401, "missing_timestamp"),
    "missing_headers": (401, "missing_signature"),
    "wrong_secret": (401, "signature_mismatch"),
    "identity_token": (401, "signature_mismatch"),
}
PAYLOAD = {
    "event": "message_created",
    "id": 4217,
    "content": "Hi </script><script>alert(1)</script> & <b>bold</b> \U0001f600 \u2028",
    "sender": {"id": 77, "name": "Zo\u00eb \u00c5ngstr\u00f6m", "type": "contact"},
    "conversation": {"id": 311, "labels": ["vip", "billing"], "meta": {"assignee": None}},
}
TO_JSON = (
    "require 'json'; require 'active_support'; require 'active_support/core_ext/object/json'; "
    "print JSON.parse(File.read(ARGV[0])).to_json"
)


def ruby_with_activesupport() -> bool:
    if shutil.which("ruby") is None:
        return False
    probe = [
        "ruby",
        "-e",
        "require 'active_support'; require 'active_support/core_ext/object/json'",
    ]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def live_server() -> Iterator[str]:
    """Django's own development server (the one `runserver` runs), on a loopback port."""
    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(WSGIHandler())  # built under the fixture's settings: CSRF middleware on
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_chatwoots_requests_over_loopback(live_server: str, tmp_path: Path) -> None:
    """The decorated view; verify_request and the async view share its code and are covered by
    the test client above (one sender run is a few seconds of Ruby)."""
    if not ruby_with_activesupport():
        assert not os.environ.get("CHATWOOT_IDENTITY_REQUIRE_RUBY"), (
            "ruby with ActiveSupport is required (Debian: apt-get install ruby-activesupport)"
        )
        pytest.skip("ruby with ActiveSupport is not installed")
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps(PAYLOAD), encoding="utf-8")
    command = ["ruby", str(SENDER), live_server + "/webhooks/chatwoot", "--secret", SECRET]
    command += ["--hmac-token", HMAC_TOKEN, "--payload", str(payload), "--mode", ",".join(MODES)]
    sent = subprocess.run(command, capture_output=True, check=False, timeout=60)
    assert sent.returncode == 0, sent.stderr.decode()
    lines = sent.stdout.decode().splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == list(MODES)
    for line in lines:
        mode, status, body = line.split(" ", 2)
        expected_status, code = MODES[mode]
        assert int(status) == expected_status, line
        document = json.loads(body)
        if code is None:
            assert document["event"] == "message_created"
        else:
            assert document["error"] == code, line
            assert SECRET not in body and HMAC_TOKEN not in body
    # Only `good` ran the view, and it saw exactly the bytes ActiveSupport wrote.
    ((_, body_seen, event, webhook),) = RECEIVED
    to_json = subprocess.run(["ruby", "-e", TO_JSON, str(payload)], capture_output=True, check=True)
    assert body_seen == to_json.stdout
    assert b"\\u003c/script\\u003e" in body_seen and b"\\u0026" in body_seen
    assert event == PAYLOAD
    assert abs(webhook.age) <= 5 and webhook.delivery_id
    assert json.loads(lines[0].split(" ", 2)[2])["delivery_id"] == webhook.delivery_id
