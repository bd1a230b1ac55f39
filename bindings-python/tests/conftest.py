"""Configures Django once for the session (django_settings.py), and loads the shared vectors
(tests/vectors/*.json at the repository root) for every test that asks for one by fixture name,
e.g. a `hash_vector` argument runs once per vector of hash.json. `make_user` gives the tests of
a logged-in user's page their Django users."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import django_settings
import pytest

if TYPE_CHECKING:
    from django.contrib.auth.models import User

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
VECTORS = REPOSITORY_ROOT / "tests" / "vectors"
VECTOR_FILES = ("hash", "verify", "error", "diagnose", "widget")
# widget.json is plain JSON: its secret is text or null, its request what a host passes.
PLAIN_JSON_FILES = ("widget",)


def decode(value: dict[str, str]) -> str | bytes | int:
    """One vector value as the Python type a user would pass (see tests/vectors/README.md)."""
    ((kind, text),) = value.items()
    if kind == "utf8":
        return text
    if kind == "hex":
        return bytes.fromhex(text)
    if kind == "integer":
        return int(text)
    raise AssertionError(f"unknown vector value kind {kind!r}")


def load_vectors(name: str) -> list[dict[str, Any]]:
    path = VECTORS / f"{name}.json"
    vectors: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["vectors"]
    assert vectors, f"{path} holds no vectors"
    if name in PLAIN_JSON_FILES:
        return vectors
    for vector in vectors:
        for key in ("secret", "identifier", "candidate"):
            if key in vector:
                vector[key] = decode(vector[key])
    return vectors


def pytest_configure(config: pytest.Config) -> None:
    django_settings.configure()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    for name in VECTOR_FILES:
        fixture = f"{name}_vector"
        if fixture in metafunc.fixturenames:
            vectors = load_vectors(name)
            metafunc.parametrize(fixture, vectors, ids=[v["description"] for v in vectors])


@pytest.fixture
def make_user() -> Iterator[Callable[..., User]]:
    """Creates Django users, ``make_user("ann", email="ann@example.com")``, and deletes them
    after the test, so each test's users are its own."""
    # Django's models can be imported only once pytest_configure has configured Django.
    from django.contrib.auth.models import User

    created: list[User] = []

    def make(username: str, **fields: str) -> User:
        user = User.objects.create_user(username, **fields)
        created.append(user)
        return user

    yield make
    for user in created:
        user.delete()
