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


def start(extra: dict[str, str]) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "CHATWOOT_BASE_URL": "http://127.0.0.1:45123",
        "CHATWOOT_WEBSITE_TOKEN": "QrtMG8GydFgEy7bVzsLLmHoq",
        "CHATWOOT_HMAC_SECRET": SECRET,
        **extra,
    }
    server = subprocess.Popen(
        [sys.executable, str(SERVE)], env=env, stdout=subprocess.PIPE, text=True
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


def fetch(port: int) -> tuple[str, dict[str, str]]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60) as response:
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
