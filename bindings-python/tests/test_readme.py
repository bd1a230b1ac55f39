"""Runs the Python examples of this package's README and of the repository's README.

A block with `>>>` prompts runs as a doctest. Other Python blocks are executed and then checked
by what they are: Django settings (applied, system-checked, a page rendered), a
`CHATWOOT_USER_FIELDS` function (used for a logged-in user's page), or a Django view (called as
a logged-in user). `django` template blocks are rendered for an anonymous and a logged-in user.
Django itself is configured once for the session (django_settings.py). The root README may have
no Python section yet.
"""

from __future__ import annotations

import doctest
import hmac
import json
import os
import re
import sys
import types
from collections.abc import Iterator
from hashlib import sha256
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import checks
from django.template import Context, Template
from django.test import Client, RequestFactory, override_settings
from django_settings import EXAMPLE_SECRET, EXAMPLE_WEBSITE_TOKEN
from readme_webhooks import check_webhook_example, is_webhook_example

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
CONFIG = re.compile(r"var config = (\{.*\});\n")


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


def widget_config(html: str) -> dict[str, Any]:
    match = CONFIG.search(html)
    assert match, html
    document: dict[str, Any] = json.loads(match.group(1))
    return document


@pytest.fixture
def user() -> Iterator[User]:
    created = User.objects.create_user("readme", email="readme@example.com", first_name="Ann")
    yield created
    created.delete()


def test_this_package_readme_has_python_and_template_examples() -> None:
    assert len(blocks(READMES["bindings-python/README.md"], PYTHON_BLOCK)) >= 5
    assert len(blocks(READMES["bindings-python/README.md"], TEMPLATE_BLOCK)) >= 1


@pytest.mark.parametrize(
    ("label", "number", "block"),
    PYTHON_BLOCKS,
    ids=[f"{label}#{number}" for label, number, _ in PYTHON_BLOCKS],
)
def test_readme_python_block_runs(label: str, number: int, block: str, user: User) -> None:
    os.environ.setdefault("CHATWOOT_HMAC_SECRET", EXAMPLE_SECRET)
    os.environ.setdefault("CHATWOOT_WEBSITE_TOKEN", EXAMPLE_WEBSITE_TOKEN)
    name = f"{label} python block {number}"
    if ">>>" in block:
        test = doctest.DocTestParser().get_doctest(block, {}, name, label, 0)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        runner.run(test)
        assert runner.failures == 0, f"{name}: {runner.failures} doctest failure(s), see output"
        assert runner.tries > 0
        return
    namespace: dict[str, Any] = {"__name__": "readme_example"}
    exec(compile(block, name, "exec"), namespace)
    if "INSTALLED_APPS" in namespace:
        check_settings_example(namespace)
    elif is_webhook_example(block):
        check_webhook_example(namespace)
    elif "user_fields" in namespace:
        check_user_fields_example(namespace, user)
    elif "django" in block:
        check_django_view(namespace)


def check_settings_example(namespace: dict[str, Any]) -> None:
    """The settings pass the system check and render a page with the widget."""
    assert "chatwoot_identity.django" in namespace["INSTALLED_APPS"]
    chatwoot = {k: v for k, v in namespace.items() if k.startswith("CHATWOOT_")}
    assert {"CHATWOOT_BASE_URL", "CHATWOOT_WEBSITE_TOKEN", "CHATWOOT_HMAC_SECRET"} <= set(chatwoot)
    with override_settings(**chatwoot):
        assert [m for m in checks.run_checks() if m.is_serious()] == []
        html = Client().get("/").content.decode()
    assert widget_config(html)["baseUrl"] == namespace["CHATWOOT_BASE_URL"]


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
