"""The exception hierarchy, its codes, and the secret staying out of every message."""

from __future__ import annotations

import re
import traceback
from pathlib import Path
from typing import Any, Callable

import pytest

import chatwoot_identity
from chatwoot_identity import (
    EmptyIdentifierError,
    EmptySecretError,
    IdentityError,
    Signer,
    diagnose,
    identifier_hash,
    verify,
)

SECRET = "a-distinctive-secret-QX7ZP9"
REPOSITORY_ROOT = Path(__file__).resolve().parents[2]


def test_hierarchy_roots_at_value_error() -> None:
    assert issubclass(IdentityError, ValueError)
    assert issubclass(EmptySecretError, IdentityError)
    assert issubclass(EmptyIdentifierError, IdentityError)
    assert not issubclass(EmptySecretError, EmptyIdentifierError)


# Every code of the core's ErrorCode::ALL (core/src/error.rs) and the class it raises.
CLASS_OF_CODE = {
    "empty_secret": "EmptySecretError",
    "empty_identifier": "EmptyIdentifierError",
    "missing_secret": "MissingSecretError",
    "invalid_base_url": "InvalidBaseUrlError",
    "invalid_website_token": "InvalidWebsiteTokenError",
    "invalid_nonce": "InvalidNonceError",
    "incomplete_user": "IncompleteUserError",
    "invalid_custom_attribute": "InvalidCustomAttributeError",
    "invalid_widget_setting": "InvalidWidgetSettingError",
    "invalid_widget_json": "InvalidWidgetJsonError",
    "output_length": "OutputLengthError",
}


def test_each_subclass_carries_its_code() -> None:
    assert EmptySecretError.code == "empty_secret"
    assert EmptyIdentifierError.code == "empty_identifier"
    for code, name in CLASS_OF_CODE.items():
        exception = getattr(chatwoot_identity, name)
        assert exception.code == code
        assert exception.__bases__ == (IdentityError,)
        assert exception.__module__ == "chatwoot_identity"
        assert exception.__doc__ and code in exception.__doc__


def test_every_core_error_code_has_its_own_class() -> None:
    error_rs = REPOSITORY_ROOT / "core" / "src" / "error.rs"
    source = error_rs.read_text(encoding="utf-8")
    core_codes = set(re.findall(r'ErrorCode::\w+ => "(\w+)"', source))
    assert core_codes == set(CLASS_OF_CODE)
    coded = {
        e.code
        for e in vars(chatwoot_identity).values()
        if isinstance(e, type) and issubclass(e, IdentityError) and e is not IdentityError
    }
    assert coded == core_codes


def test_exceptions_are_importable_from_where_they_say_they_live() -> None:
    for exception in (IdentityError, EmptySecretError, EmptyIdentifierError):
        assert exception.__module__ == "chatwoot_identity"
        assert getattr(chatwoot_identity, exception.__name__) is exception


FAILING_CALLS: list[tuple[str, Callable[[], Any]]] = [
    ("empty identifier", lambda: identifier_hash(SECRET, "")),
    ("empty identifier, Signer", lambda: Signer(SECRET).identifier_hash(b"")),
    ("empty identifier in batch", lambda: Signer(SECRET).identifier_hashes(["a", ""])),
    ("identifier type", lambda: identifier_hash(SECRET, None)),  # type: ignore[arg-type]
    ("candidate type", lambda: verify(SECRET, "a", 1.5)),  # type: ignore[arg-type]
    ("batch item type", lambda: Signer(SECRET).identifier_hashes([SECRET, 1.5])),
    ("identifier overflow", lambda: identifier_hash(SECRET, 2**200)),
    ("identifier surrogate", lambda: diagnose(SECRET, "\udc80", "x")),
    ("secret surrogate", lambda: Signer(SECRET + "\udc80")),
    ("secret type", lambda: Signer(42)),  # type: ignore[arg-type]
]


@pytest.mark.parametrize("call", [c for _, c in FAILING_CALLS], ids=[n for n, _ in FAILING_CALLS])
def test_no_error_shows_the_secret(call: Callable[[], Any]) -> None:
    with pytest.raises(Exception) as raised:
        call()
    error = raised.value
    shown = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    assert SECRET not in shown
    assert SECRET not in repr(error.args)
    for attribute in vars(error).values():
        assert SECRET not in repr(attribute)
