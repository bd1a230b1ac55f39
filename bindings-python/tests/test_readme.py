"""Runs the Python examples of this package's README and of the repository's README.

A block with `>>>` prompts runs as a doctest; any other Python block is executed, with Django
configured for the Django example. The root README may have no Python section yet.
"""

from __future__ import annotations

import doctest
import os
import re
from pathlib import Path

import pytest

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
READMES = {
    "bindings-python/README.md": REPOSITORY_ROOT / "bindings-python" / "README.md",
    "README.md": REPOSITORY_ROOT / "README.md",
}
PYTHON_BLOCK = re.compile(r"^```(?:python|py)[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
EXAMPLE_SECRET = "your-secret-token-for-hmac"


def python_blocks(readme: Path) -> list[str]:
    if not readme.is_file():
        return []
    return PYTHON_BLOCK.findall(readme.read_text(encoding="utf-8"))


def blocks_of_every_readme() -> list[tuple[str, int, str]]:
    return [
        (label, number, block)
        for label, path in READMES.items()
        for number, block in enumerate(python_blocks(path), start=1)
    ]


def configure_django_once() -> None:
    from django.conf import settings

    if not settings.configured:
        settings.configure(CHATWOOT_HMAC_SECRET=EXAMPLE_SECRET)


def test_this_package_readme_has_python_examples() -> None:
    assert len(python_blocks(READMES["bindings-python/README.md"])) >= 3


@pytest.mark.parametrize(
    ("label", "number", "block"),
    blocks_of_every_readme(),
    ids=[f"{label}#{number}" for label, number, _ in blocks_of_every_readme()],
)
def test_readme_python_block_runs(label: str, number: int, block: str) -> None:
    os.environ.setdefault("CHATWOOT_HMAC_SECRET", EXAMPLE_SECRET)
    name = f"{label} python block {number}"
    if ">>>" in block:
        test = doctest.DocTestParser().get_doctest(block, {}, name, label, 0)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        runner.run(test)
        assert runner.failures == 0, f"{name}: {runner.failures} doctest failure(s), see output"
        assert runner.tries > 0
    else:
        namespace: dict[str, object] = {"__name__": "readme_example"}
        if "django" in block:
            configure_django_once()
        exec(compile(block, name, "exec"), namespace)
        if "django" in block:
            check_django_view(namespace)


def check_django_view(namespace: dict[str, object]) -> None:
    """Calls each view the example defines as a logged-in user and checks the hash it returns."""
    import hmac
    import json
    from hashlib import sha256
    from types import SimpleNamespace

    from django.test import RequestFactory

    views = [
        v
        for k, v in namespace.items()
        if callable(v) and getattr(v, "__module__", "") == "readme_example"
    ]
    assert views, "the Django example defines no view"
    for view in views:
        request = RequestFactory().get("/chatwoot/user")
        request.user = SimpleNamespace(pk=42, email="user@example.com", is_authenticated=True)
        payload = json.loads(view(request).content)
        expected = hmac.new(EXAMPLE_SECRET.encode(), payload["identifier"].encode(), sha256)
        assert payload["identifier_hash"] == expected.hexdigest()
