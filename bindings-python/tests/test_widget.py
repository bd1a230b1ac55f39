"""What the widget functions do with Python's own types; the shared behaviour (every field,
setting and error of a widget request) is tests/vectors/widget.json, run by test_vectors.py."""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import hmac
from collections import OrderedDict
from collections.abc import Callable
from enum import IntEnum
from hashlib import sha256
from types import MappingProxyType
from typing import Any

import pytest
from widget_config import widget_config

from chatwoot_identity import (
    EmptyIdentifierError,
    IncompleteUserError,
    InvalidWidgetRequestError,
    MissingSecretError,
    Signer,
    WidgetSettings,
    WidgetUser,
    insert_widget,
    read_page,
    reset_script,
    set_user_payload,
    widget_script,
)

SECRET = "a-distinctive-secret-QX7ZP9"
BASE_URL = "https://chat.example.com"
TOKEN = "QrtMG8GydFgEy7bVzsLLmHoq"


def reference(identifier: str) -> str:
    return hmac.new(SECRET.encode(), identifier.encode(), sha256).hexdigest()


def test_a_text_or_flag_of_another_type_is_a_type_error_naming_its_parameter() -> None:
    with pytest.raises(InvalidWidgetRequestError.WrongTypeError, match=r"^debug: invalid type"):
        widget_script(BASE_URL, TOKEN, debug="yes")  # type: ignore[arg-type]
    assert "debug" in widget_script(BASE_URL, TOKEN, debug=True)
    calls: list[tuple[str, Callable[[], object]]] = [
        ("html", lambda: insert_widget(None, "<script></script>")),  # type: ignore[arg-type]
        ("snippet", lambda: insert_widget("<body></body>", b"<script>")),  # type: ignore[arg-type]
        ("html", lambda: read_page(None)),  # type: ignore[arg-type]
    ]
    for param, call in calls:
        with pytest.raises(TypeError, match=rf"^{param} must be str, not "):
            call()


def test_typed_dicts_are_plain_dicts_the_functions_read() -> None:
    user = WidgetUser(identifier=42, name="Jane", custom_attributes={"plan": "pro"})
    settings = WidgetSettings(type="expanded_bubble", position="left")
    assert type(user) is dict and type(settings) is dict
    script = widget_script(BASE_URL, TOKEN, hmac_secret=SECRET, user=user, settings=settings)
    document = widget_config(script)
    assert document["settings"] == {"type": "expanded_bubble", "position": "left"}
    assert document["user"]["attributes"]["identifier_hash"] == reference("42")


@pytest.mark.parametrize(
    "hmac_secret",
    [
        SECRET,
        SECRET.encode(),
        bytearray(SECRET.encode()),
        memoryview(SECRET.encode()),
        Signer(SECRET),
    ],
    ids=["str", "bytes", "bytearray", "memoryview", "Signer"],
)
def test_hmac_secret_is_a_secret_or_a_signer(hmac_secret: Any) -> None:
    user: WidgetUser = {"identifier": "u-1", "email": "u@example.com"}
    payload = set_user_payload(hmac_secret, user)
    assert payload == {
        "identifier": "u-1",
        "identifier_hash": reference("u-1"),
        "email": "u@example.com",
    }
    document = widget_config(widget_script(BASE_URL, TOKEN, hmac_secret=hmac_secret, user=user))
    assert document["user"]["attributes"]["identifier_hash"] == reference("u-1")


def test_options_are_keyword_only() -> None:
    with pytest.raises(TypeError, match="takes 2 positional arguments"):
        widget_script(BASE_URL, TOKEN, SECRET)  # type: ignore[misc]
    with pytest.raises(TypeError, match="unexpected keyword argument 'signer'"):
        widget_script(BASE_URL, TOKEN, signer=SECRET)  # type: ignore[call-arg]


def test_any_mapping_is_read_in_its_own_order() -> None:
    for user in (
        MappingProxyType({"identifier": "u-1", "name": "Jane"}),
        OrderedDict(name="Jane", identifier="u-1"),
    ):
        payload = set_user_payload(SECRET, user)  # type: ignore[arg-type]
        assert payload["identifier_hash"] == reference("u-1")


@pytest.mark.parametrize(
    "number", [0, -7, 2**63, 2**64 + 1, -(2**127), 2**128 - 1], ids=lambda n: f"int{n}"
)
def test_int_identifiers_are_their_decimal_text(number: int) -> None:
    payload = set_user_payload(SECRET, {"identifier": number, "name": "n"})
    assert payload["identifier"] == str(number)
    assert payload["identifier_hash"] == reference(str(number))


@pytest.mark.parametrize("number", [2**128, -(2**127) - 1, 10**60], ids=lambda n: f"int{n}")
def test_ints_beyond_128_bits_are_refused_by_path_in_words_of_the_range(number: int) -> None:
    attribute = {"identifier": "u", "name": "n", "custom_attributes": {"seats": number}}
    for user, path in [
        ({"identifier": number, "name": "n"}, "user.identifier"),
        (attribute, "user.custom_attributes.seats"),
    ]:
        with pytest.raises(InvalidWidgetRequestError) as raised:
            set_user_payload(SECRET, user)
        assert str(raised.value) == (
            f"{path}: integer out of range: integers from -2**127 to 2**128-1 are supported; "
            "pass a larger one as a str"
        )


def test_an_int_enum_identifier_is_its_value() -> None:
    class UserId(IntEnum):
        ADMIN = 7

    assert set_user_payload(SECRET, {"identifier": UserId.ADMIN, "name": "n"})["identifier"] == "7"


@dataclasses.dataclass
class Profile:
    plan: str


NOT_JSON: list[tuple[str, object]] = [
    ("bool", True),
    ("bytes", b"pro"),
    ("date", datetime.date(2026, 1, 1)),
    ("Decimal", decimal.Decimal("1.5")),
    ("set", {"pro"}),
    ("dataclass", Profile("pro")),
    ("object", object()),
]


@pytest.mark.parametrize("value", [v for _, v in NOT_JSON], ids=[n for n, _ in NOT_JSON])
def test_python_values_without_a_json_meaning_are_wrong_types_by_path(value: object) -> None:
    with pytest.raises(InvalidWidgetRequestError.WrongTypeError) as raised:
        set_user_payload(SECRET, {"identifier": value, "name": "n"})  # type: ignore[typeddict-item]
    assert str(raised.value).startswith("user.identifier: ")
    assert isinstance(raised.value, TypeError)
    if not isinstance(value, bool):
        with pytest.raises(InvalidWidgetRequestError.WrongTypeError, match=r"^user\.name: "):
            set_user_payload(SECRET, {"identifier": "u", "name": value})  # type: ignore[typeddict-item]


def test_a_deeply_nested_list_is_a_wrong_type_by_path_without_exhausting_the_stack() -> None:
    deep: object = "x"
    for _ in range(100_000):
        deep = [deep]
    in_attribute = {"identifier": "u", "name": "n", "custom_attributes": {"x": deep}}
    for user, path in [
        (in_attribute, "user.custom_attributes.x"),
        ({"identifier": deep, "name": "n"}, "user.identifier"),
    ]:
        with pytest.raises(InvalidWidgetRequestError.WrongTypeError) as raised:
            set_user_payload(SECRET, user)  # type: ignore[arg-type]
        assert str(raised.value).startswith(f"{path}: invalid type: sequence"), raised.value


def test_whole_values_of_the_wrong_type_name_their_parameter() -> None:
    calls: list[tuple[str, Callable[[], object]]] = [
        ("base_url", lambda: widget_script(None, TOKEN)),  # type: ignore[arg-type]
        ("website_token", lambda: widget_script(BASE_URL, TOKEN.encode())),  # type: ignore[arg-type]
        ("settings", lambda: widget_script(BASE_URL, TOKEN, settings="left")),  # type: ignore[arg-type]
        ("nonce", lambda: widget_script(BASE_URL, TOKEN, nonce=1)),  # type: ignore[arg-type]
        ("nonce", lambda: reset_script(nonce=b"abc")),  # type: ignore[arg-type]
        ("user", lambda: set_user_payload(SECRET, "u-1")),  # type: ignore[arg-type]
    ]
    for path, call in calls:
        with pytest.raises(InvalidWidgetRequestError.WrongTypeError) as raised:
            call()
        assert str(raised.value).startswith(f"{path}: "), raised.value


def test_a_key_that_is_not_a_str_is_a_wrong_type() -> None:
    with pytest.raises(InvalidWidgetRequestError.WrongTypeError, match="expected a str key"):
        set_user_payload(SECRET, {"identifier": "u", "name": "n", 0: "x"})  # type: ignore[misc]


def test_a_lone_surrogate_is_refused_by_path_without_the_text() -> None:
    with pytest.raises(InvalidWidgetRequestError) as raised:
        set_user_payload(SECRET, {"identifier": "u", "name": "J\udc80ne"})
    assert not isinstance(raised.value, TypeError)
    assert str(raised.value).startswith("user.name: a str that cannot be encoded as UTF-8")
    assert raised.value.__cause__ is None and raised.value.__context__ is None


def test_hmac_secret_of_a_wrong_type_is_a_plain_type_error() -> None:
    with pytest.raises(TypeError) as raised:
        set_user_payload(42, {"identifier": "u", "name": "n"})  # type: ignore[arg-type]
    assert type(raised.value) is TypeError
    assert str(raised.value) == (
        "hmac_secret must be str, bytes, bytearray, memoryview or a Signer, not int"
    )


def test_value_errors_of_a_user_are_their_codes_classes() -> None:
    cases: list[tuple[type[Exception], Callable[[], object]]] = [
        (IncompleteUserError, lambda: set_user_payload(SECRET, {"identifier": "u"})),
        (EmptyIdentifierError, lambda: set_user_payload(SECRET, {"identifier": "", "name": "n"})),
        (
            MissingSecretError,
            lambda: widget_script(BASE_URL, TOKEN, user={"identifier": "u", "name": "n"}),
        ),
    ]
    for exception, call in cases:
        with pytest.raises(exception) as raised:
            call()
        assert type(raised.value) is exception


def test_reset_script_takes_an_optional_nonce() -> None:
    assert "window.$chatwoot.reset()" in reset_script()
    assert reset_script(nonce="abc").startswith('<script nonce="abc">')
    assert reset_script(None) == reset_script()
