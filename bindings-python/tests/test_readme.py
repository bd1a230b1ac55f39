"""Runs the Python examples of this package's README and of the repository's README.

A block with `>>>` prompts runs as a doctest. Other Python blocks are executed (after what
`startproject` writes, for a block that adds to `INSTALLED_APPS` or `MIDDLEWARE`) and then
checked by what they are: Django settings (run without and with the environment variables,
system-checked, a page rendered), the middleware setting, a Flask or FastAPI app (its page
fetched), a `CHATWOOT_USER_FIELDS` function (used for a logged-in user's page), or a Django
view (called as a logged-in user). `django` template blocks are rendered for an anonymous and a
logged-in user.
Django itself is configured once for the session (django_settings.py). The root README may have
no Python section yet.
"""

from __future__ import annotations

import doctest
import hmac
import json
import re
import sys
import types
from collections.abc import Callable
from hashlib import sha256
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import checks
from django.db import transaction
from django.template import Context, Template
from django.test import Client, RequestFactory, override_settings
from django_settings import EXAMPLE_SECRET, EXAMPLE_WEBSITE_TOKEN
from readme_webhooks import check_webhook_example, is_webhook_example
from widget_config import widget_config

from chatwoot_identity import verify

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
READMES = {
    "bindings-python/README.md": REPOSITORY_ROOT / "bindings-python" / "README.md",
    "README.md": REPOSITORY_ROOT / "README.md",
}
FENCE = r"^```{language}[ \t]*\n(.*?)^```[ \t]*$"
PYTHON_BLOCK = re.compile(FENCE.format(language="(?:python|py)"), re.MULTILINE | re.DOTALL)
TEMPLATE_BLOCK = re.compile(
    FENCE.format(language=r"(?:django|html\+django|jinja)"), re.MULTILINE | re.DOTALL
)


def blocks(readme: Path, pattern: re.Pattern[str]) -> list[str]:
    if not readme.is_file():
        return []
    return pattern.findall(readme.read_text(encoding="utf-8"))


def blocks_of_every_readme(pattern: re.Pattern[str]) -> list[tuple[str, int, str]]:
    return [
        (label, number, block)
        for label, path in READMES.items()
        for number, block in enumerate(blocks(path, pattern), start=1)
    ]


PYTHON_BLOCKS = blocks_of_every_readme(PYTHON_BLOCK)
TEMPLATE_BLOCKS = blocks_of_every_readme(TEMPLATE_BLOCK)


@pytest.fixture
def user(make_user: Callable[..., User]) -> User:
    return make_user("readme", email="readme@example.com", first_name="Ann")


def test_this_package_readme_has_python_and_template_examples() -> None:
    assert len(blocks(READMES["bindings-python/README.md"], PYTHON_BLOCK)) >= 8
    assert len(blocks(READMES["bindings-python/README.md"], TEMPLATE_BLOCK)) >= 1


# What `django-admin startproject` writes, so that `INSTALLED_APPS += [...]` runs as pasted.
STARTPROJECT = {
    "INSTALLED_APPS": [
        "django.contrib.admin",
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.staticfiles",
    ],
    "MIDDLEWARE": [
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
}
ENVIRONMENT = {
    "CHATWOOT_HMAC_SECRET": EXAMPLE_SECRET,
    "CHATWOOT_WEBSITE_TOKEN": EXAMPLE_WEBSITE_TOKEN,
}


def run_block(block: str, name: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "readme_example"}
    namespace.update({k: list(v) for k, v in STARTPROJECT.items() if f"{k} +=" in block})
    exec(compile(block, name, "exec"), namespace)
    return namespace


@pytest.mark.parametrize(
    ("label", "number", "block"),
    PYTHON_BLOCKS,
    ids=[f"{label}#{number}" for label, number, _ in PYTHON_BLOCKS],
)
def test_readme_python_block_runs(
    label: str, number: int, block: str, user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in (*ENVIRONMENT, "CHATWOOT_BASE_URL", "CHATWOOT_ENABLED"):
        monkeypatch.delenv(variable, raising=False)
    name = f"{label} python block {number}"
    if ">>>" in block:
        test = doctest.DocTestParser().get_doctest(block, {}, name, label, 0)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        runner.run(test)
        assert runner.failures == 0, f"{name}: {runner.failures} doctest failure(s), see output"
        assert runner.tries > 0
        return
    if "INSTALLED_APPS" in block:
        check_settings_example(block, name, monkeypatch)
        return
    for variable, value in ENVIRONMENT.items():
        monkeypatch.setenv(variable, value)
    namespace = run_block(block, name)
    if "chatwoot_identity.testing" in block:
        check_test_kit_example(namespace)
    elif "MIDDLEWARE" in namespace:
        check_middleware_example(namespace, user)
    elif "from flask import" in block:
        check_flask_example(namespace)
    elif "from fastapi import" in block:
        check_fastapi_example(namespace)
    elif is_webhook_example(block):
        check_webhook_example(namespace)
    elif "user_fields" in namespace:
        check_user_fields_example(namespace, user)
    elif "django" in block:
        check_django_view(namespace)
    else:
        raise AssertionError(f"{name}: no check for this kind of example")


def chatwoot_settings(namespace: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in namespace.items() if k.startswith("CHATWOOT_")}


def check_settings_example(block: str, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pasted after startproject's settings: without the environment it still imports and the
    system check names what to set; off, nothing is needed; with it, a page has the widget."""
    bare = run_block(block, name)
    assert bare["INSTALLED_APPS"] == [*STARTPROJECT["INSTALLED_APPS"], "chatwoot_identity.django"]
    with override_settings(**chatwoot_settings(bare)):
        problems = [m for m in checks.run_checks() if m.is_serious()]
    assert {m.id for m in problems} == {"chatwoot_identity.E002", "chatwoot_identity.E003"}
    assert all(f'os.environ.get("{m.msg.split()[0]}")' in (m.hint or "") for m in problems)
    monkeypatch.setenv("CHATWOOT_ENABLED", "false")
    with override_settings(**chatwoot_settings(run_block(block, name))):
        assert [m for m in checks.run_checks() if m.is_serious()] == []
        assert "<script" not in Client().get("/").content.decode()
    monkeypatch.delenv("CHATWOOT_ENABLED")
    for variable, value in ENVIRONMENT.items():
        monkeypatch.setenv(variable, value)
    namespace = run_block(block, name)
    chatwoot = chatwoot_settings(namespace)
    assert {"CHATWOOT_BASE_URL", "CHATWOOT_WEBSITE_TOKEN", "CHATWOOT_HMAC_SECRET"} <= set(chatwoot)
    with override_settings(**chatwoot):
        assert [m for m in checks.run_checks() if m.is_serious()] == []
        html = Client().get("/").content.decode()
    assert widget_config(html)["baseUrl"] == namespace["CHATWOOT_BASE_URL"]


def check_middleware_example(namespace: dict[str, Any], user: User) -> None:
    """The middleware, added to startproject's, puts the signed widget on a template-less page."""
    assert namespace["MIDDLEWARE"][: len(STARTPROJECT["MIDDLEWARE"])] == STARTPROJECT["MIDDLEWARE"]
    with override_settings(
        MIDDLEWARE=namespace["MIDDLEWARE"], ROOT_URLCONF="widget_page.inject_urls"
    ):
        client = Client()
        client.force_login(user)
        signed = widget_config(client.get("/plain/").content.decode())["user"]
    assert verify(EXAMPLE_SECRET, signed["identifier"], signed["attributes"]["identifier_hash"])


class RolledBackError(Exception):
    pass


def check_test_kit_example(namespace: dict[str, Any]) -> None:
    """Runs every test the example defines (each must pass), in a transaction rolled back."""
    tests = [v for k, v in namespace.items() if k.startswith("test_") and callable(v)]
    assert len(tests) >= 2, "the test kit example defines no tests"
    with pytest.raises(RolledBackError), transaction.atomic():
        for test in tests:
            test()
        raise RolledBackError


def check_signed_page(html: str) -> None:
    assert "&lt;script" not in html
    signed = widget_config(html)["user"]
    assert verify(EXAMPLE_SECRET, signed["identifier"], signed["attributes"]["identifier_hash"])


def check_flask_example(namespace: dict[str, Any]) -> None:
    response = namespace["app"].test_client().get("/")
    assert response.status_code == 200
    check_signed_page(response.get_data(as_text=True))


def check_fastapi_example(namespace: dict[str, Any]) -> None:
    from fastapi.testclient import TestClient

    response = TestClient(namespace["app"]).get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    check_signed_page(response.text)


def check_user_fields_example(namespace: dict[str, Any], user: User) -> None:
    """The mapping function, installed as CHATWOOT_USER_FIELDS, signs a logged-in user."""
    module = types.ModuleType("readme_user_fields")
    module.user_fields = namespace["user_fields"]  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    try:
        with override_settings(CHATWOOT_USER_FIELDS="readme_user_fields.user_fields"):
            client = Client()
            client.force_login(user)
            signed = widget_config(client.get("/").content.decode())["user"]
    finally:
        del sys.modules[module.__name__]
    assert verify(EXAMPLE_SECRET, signed["identifier"], signed["attributes"]["identifier_hash"])


def check_django_view(namespace: dict[str, Any]) -> None:
    """Calls each view the example defines as a logged-in user and checks the hash it returns."""
    views = [
        v
        for v in namespace.values()
        if callable(v) and getattr(v, "__module__", "") == "readme_example"
    ]
    assert views, "the Django example defines no view"
    for view in views:
        request = RequestFactory().get("/chatwoot/user")
        request.user = types.SimpleNamespace(  # type: ignore[assignment]
            pk=42, email="user@example.com", is_authenticated=True
        )
        payload = json.loads(view(request).content)
        expected = hmac.new(EXAMPLE_SECRET.encode(), payload["identifier"].encode(), sha256)
        assert payload["identifier_hash"] == expected.hexdigest()


@pytest.mark.parametrize(
    ("label", "number", "block"),
    TEMPLATE_BLOCKS,
    ids=[f"{label}#{number}" for label, number, _ in TEMPLATE_BLOCKS],
)
def test_readme_template_block_renders(label: str, number: int, block: str, user: User) -> None:
    template = Template(block)
    request = RequestFactory().get("/")
    request.user = user
    signed = widget_config(template.render(Context({"request": request})))["user"]
    assert signed["identifier"] == str(user.pk)
    assert verify(EXAMPLE_SECRET, signed["identifier"], signed["attributes"]["identifier_hash"])
    request.user = types.SimpleNamespace(is_authenticated=False)  # type: ignore[assignment]
    assert "user" not in widget_config(template.render(Context({"request": request})))
