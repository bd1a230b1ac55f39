"""The exception hierarchy, its codes, and the secret staying out of every message."""

from __future__ import annotations

import ast
import pickle
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from error_classes import class_name

import chatwoot_identity
from chatwoot_identity import (
    ChatwootIdentityError,
    EmptyIdentifierError,
    EmptySecretError,
    InvalidWidgetRequestError,
    Signer,
    _native,
    diagnose,
    identifier_hash,
    set_user_payload,
    verify,
    widget_script,
)

SECRET = "a-distinctive-secret-QX7ZP9"
BASE_URL = "https://chat.example.com"
TOKEN = "QrtMG8GydFgEy7bVzsLLmHoq"
# The core's table of codes (ErrorCode::ALL), as the compiled module was built from it.
CORE_CODES: tuple[str, ...] = _native._error_codes


def test_the_core_table_reaches_the_module() -> None:
    assert "empty_secret" in CORE_CODES and "invalid_widget_request" in CORE_CODES
    assert len(set(CORE_CODES)) == len(CORE_CODES)


def test_hierarchy_roots_at_value_error() -> None:
    assert issubclass(ChatwootIdentityError, ValueError)
    assert not issubclass(ChatwootIdentityError, TypeError)
    assert issubclass(EmptySecretError, ChatwootIdentityError)
    assert not issubclass(EmptySecretError, EmptyIdentifierError)


@pytest.mark.parametrize("code", CORE_CODES)
def test_every_core_code_has_its_class_named_after_it(code: str) -> None:
    exception = getattr(chatwoot_identity, class_name(code))
    assert exception.__name__ == class_name(code)
    assert exception.__module__ == "chatwoot_identity"
    assert exception.__bases__ == (ChatwootIdentityError,)
    assert exception.code == code
    assert exception.__doc__ and exception.__doc__.endswith(".")
    assert class_name(code) in chatwoot_identity.__all__
    wrong_type = exception.WrongTypeError
    assert wrong_type.__bases__ == (exception, TypeError)
    assert wrong_type.__qualname__ == f"{class_name(code)}.WrongTypeError"
    assert wrong_type.code == code
    assert wrong_type.__doc__.startswith(exception.__doc__)


def test_the_coded_classes_are_exactly_the_core_codes() -> None:
    coded = {
        e.code
        for e in vars(chatwoot_identity).values()
        if isinstance(e, type)
        and issubclass(e, ChatwootIdentityError)
        and e is not ChatwootIdentityError
    }
    assert coded == set(CORE_CODES)
    docs = [getattr(chatwoot_identity, class_name(code)).__doc__ for code in CORE_CODES]
    assert len(set(docs)) == len(docs), "each class has its code's own summary"


def test_the_stub_lists_a_class_for_every_core_code() -> None:
    # A code added to the core gets its class at import; this fails until the stub has it too.
    stub = Path(_native.__file__).with_name("_native.pyi")
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    classes = {
        node.name: node
        for node in tree.body
        if isinstance(node, ast.ClassDef)
        and [ast.unparse(base) for base in node.bases] == ["ChatwootIdentityError"]
    }
    assert set(classes) == {class_name(code) for code in CORE_CODES}
    for name, node in classes.items():
        nested = [n.name for n in node.body if isinstance(n, ast.ClassDef)]
        assert nested == ["WrongTypeError"], name


def test_removed_codes_have_no_class() -> None:
    for gone in (
        "IdentityError",
        "OutputLengthError",
        "InvalidWidgetSettingError",
        "InvalidWidgetJsonError",
        "InvalidCustomAttributeError",
    ):
        assert not hasattr(chatwoot_identity, gone), gone
        assert not hasattr(_native, gone), gone


def test_exceptions_are_importable_from_where_they_say_they_live() -> None:
    for exception in (ChatwootIdentityError, EmptySecretError, InvalidWidgetRequestError):
        assert exception.__module__ == "chatwoot_identity"
        assert getattr(chatwoot_identity, exception.__name__) is exception


def test_raised_errors_survive_pickling_with_their_class() -> None:
    # Celery and multiprocessing pickle exceptions; the nested WrongTypeError must resolve.
    for call in (
        lambda: identifier_hash("", "a"),
        lambda: widget_script(BASE_URL, TOKEN, settings={"hide_message_bubble": "yes"}),  # type: ignore[typeddict-item]
    ):
        with pytest.raises(ChatwootIdentityError) as raised:
            call()
        for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
            copy = pickle.loads(pickle.dumps(raised.value, protocol=protocol))
            assert type(copy) is type(raised.value)
            assert str(copy) == str(raised.value) and copy.code == raised.value.code


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
    ("widget secret type", lambda: widget_script(BASE_URL, TOKEN, hmac_secret=[SECRET])),  # type: ignore[arg-type]
    ("widget empty secret", lambda: set_user_payload("", {"identifier": SECRET, "name": "n"})),
    (
        "widget user shape",
        lambda: set_user_payload(SECRET, {"identifier": "u", "name": SECRET.encode()}),  # type: ignore[typeddict-item]
    ),
    ("widget url", lambda: widget_script(f"https://{SECRET}@x.example", TOKEN, hmac_secret=SECRET)),
    ("widget token", lambda: widget_script(BASE_URL, SECRET + "!", hmac_secret=SECRET)),
    ("widget nonce", lambda: widget_script(BASE_URL, TOKEN, nonce=SECRET + '"')),
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


def test_an_unknown_setting_value_is_not_echoed() -> None:
    with pytest.raises(InvalidWidgetRequestError) as raised:
        widget_script(BASE_URL, TOKEN, settings={"position": SECRET})  # type: ignore[typeddict-item]
    assert str(raised.value) == "settings.position: unknown variant, expected `left` or `right`"
