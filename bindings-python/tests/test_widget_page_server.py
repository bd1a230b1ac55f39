"""The browser tests' page server (`make widget-page-server`), over loopback HTTP."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chatwoot_identity import verify

SERVE = Path(__file__).resolve().parent / "widget_page" / "serve.py"
BINDING = Path(__file__).resolve().parents[1]
SECRET = "page-server-secret"
USER = {
    "identifier": "user-7",
    "name": "</script><script>window.trap()</script>",
    "email": "seven@example.com",
    "custom_attributes": {"plan": "pro", "seats": 3},
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def environment(extra: dict[str, str | None], port: int) -> dict[str, str]:
    """Ours plus the contract's variables; a variable given as ``None`` is left out."""
    env: dict[str, str | None] = {
        **os.environ,
        "PORT": str(port),
        "CHATWOOT_BASE_URL": "http://127.0.0.1:45123",
        "CHATWOOT_WEBSITE_TOKEN": "QrtMG8GydFgEy7bVzsLLmHoq",
        "CHATWOOT_HMAC_SECRET": SECRET,
        **extra,
    }
    return {k: v for k, v in env.items() if v is not None}


def start(
    extra: dict[str, str | None], stderr: int | None = None
) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(SERVE)],
        env=environment(extra, port),
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )
    assert server.stdout is not None
    assert server.stdout.readline() == "ready\n"
    return server, port


@pytest.fixture
def servers() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for server in started:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


def fetch(port: int, path: str = "/") -> tuple[str, dict[str, str]]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:
        return response.read().decode(), dict(response.headers)


def config_of(html: str) -> dict[str, Any]:
    match = re.search(r"var config = (\{.*\});\n", html)
    assert match, html
    document: dict[str, Any] = json.loads(match.group(1))
    return document


def test_anonymous_page(servers: list[subprocess.Popen[str]]) -> None:
    server, port = start({})
    servers.append(server)
    html, headers = fetch(port)
    assert "Content-Security-Policy" not in headers
    assert html.startswith('<!doctype html><html><head><meta charset="utf-8">')
    assert html.endswith("</script></body></html>")
    assert "user" not in config_of(html)


def test_logged_in_page_with_csp(servers: list[subprocess.Popen[str]]) -> None:
    server, port = start({"CHATWOOT_TEST_USER_JSON": json.dumps(USER), "CHATWOOT_TEST_CSP": "1"})
    servers.append(server)
    nonces = []
    for _ in range(2):
        html, headers = fetch(port)
        policy = headers["Content-Security-Policy"]
        nonce = re.fullmatch(
            r"script-src 'nonce-([^']+)' 'strict-dynamic'; object-src 'none'; base-uri 'none'",
            policy,
        )
        assert nonce, policy
        assert f'<script nonce="{nonce.group(1)}">' in html
        nonces.append(nonce.group(1))
        signed = config_of(html)["user"]
        assert signed["identifier"] == USER["identifier"]
        attributes = signed["attributes"]
        assert verify(SECRET, USER["identifier"], attributes.pop("identifier_hash"))
        assert attributes == {k: v for k, v in USER.items() if k != "identifier"}
    assert nonces[0] != nonces[1]


def test_sigterm_stops_the_server(servers: list[subprocess.Popen[str]]) -> None:
    server, _ = start({})
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=60) == 0


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"CHATWOOT_HMAC_SECRET": None}, "chatwoot_identity.E003"),
        ({"CHATWOOT_WEBSITE_TOKEN": ""}, "chatwoot_identity.E002"),
        ({"CHATWOOT_HMAC_SECRET": "QrtMG8GydFgEy7bVzsLLmHoq"}, "chatwoot_identity.E006"),
    ],
)
def test_a_bad_configuration_stops_the_server_at_boot(
    extra: dict[str, str | None], expected: str
) -> None:
    booted = subprocess.run(
        [sys.executable, str(SERVE)],
        env=environment(extra, free_port()),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert booted.returncode != 0 and booted.stdout == ""
    assert expected in booted.stderr
    assert "CHATWOOT_HMAC_SECRET" in booted.stderr or "CHATWOOT_WEBSITE_TOKEN" in booted.stderr


def test_disabled_server_boots_without_secrets_and_renders_no_widget(
    servers: list[subprocess.Popen[str]],
) -> None:
    off = {"CHATWOOT_ENABLED": "0", "CHATWOOT_HMAC_SECRET": None, "CHATWOOT_WEBSITE_TOKEN": None}
    server, port = start({**off, "CHATWOOT_TEST_USER_JSON": json.dumps(USER)})
    servers.append(server)
    html, _ = fetch(port)
    assert "<script" not in html and html.endswith("<h1>page</h1></body></html>")


def test_a_user_the_widget_cannot_take_gets_the_visitor_widget_and_a_logged_warning(
    servers: list[subprocess.Popen[str]],
) -> None:
    incomplete = {"identifier": "user-8", "phone_number": "+15550008"}
    server, port = start(
        {"CHATWOOT_TEST_USER_JSON": json.dumps(incomplete)}, stderr=subprocess.PIPE
    )
    html, _ = fetch(port)
    assert "user" not in config_of(html)
    server.send_signal(signal.SIGTERM)
    _, stderr = server.communicate(timeout=60)
    assert "visitor widget" in stderr and "IncompleteUserError" in stderr
    assert SECRET not in stderr


def test_session_pages_sign_in_the_user_of_their_path(servers: list[subprocess.Popen[str]]) -> None:
    users = {"alice": {"identifier": "alice-1", "name": "Alice"}, "bob": USER}
    server, port = start({"CHATWOOT_TEST_SESSION_USERS_JSON": json.dumps(users)})
    servers.append(server)
    html, headers = fetch(port, "/as/alice?turbo=1&debug=1")
    assert headers["Cache-Control"] == "no-store"
    config = config_of(html)
    assert config["user"]["identifier"] == "alice-1" and config["debug"] is True
    assert '<a class="to-bob" href="/as/bob?turbo=1&amp;debug=1">bob</a>' in html
    assert '<script src="/turbo.js"></script>' in html
    head, _ = fetch(port, "/anonymous?head=1&settings=%7B%22widget_style%22%3A%22flat%22%7D")
    assert "user" not in config_of(head)
    assert config_of(head)["settings"] == {"widgetStyle": "flat"}
    assert (
        head.index("var config")
        < head.index('<script src="/slow.js">')
        < head.index("</head><body>")
    )


def run_make(target: str, **variables: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE") and k != "MFLAGS"}
    arguments = [f"{name}={value}" for name, value in variables.items()]
    return subprocess.run(
        ["make", "-s", "-C", str(BINDING), target, *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_page_server_rebuilds_when_a_source_is_newer_than_the_build(tmp_path: Path) -> None:
    stamp = tmp_path / "installed.stamp"
    assert run_make("installed-is-current", INSTALL_STAMP=str(stamp)).returncode != 0
    stamp.touch()
    current = run_make("installed-is-current", INSTALL_STAMP=str(stamp))
    assert current.returncode == 0, current.stderr
    # A stamp older than the sources: some file of core/ or of this binding is newer.
    os.utime(stamp, (946684800, 946684800))
    stale = run_make("installed-is-current", INSTALL_STAMP=str(stamp))
    assert stale.returncode != 0 and "is newer than the build" in stale.stderr
