"""`widget_script`, `reset_script`, `set_user_payload` and `WidgetUser` over the core."""

from __future__ import annotations

import hmac
import json
import re
from hashlib import sha256
from typing import Any, Callable

import pytest

import chatwoot_identity
from chatwoot_identity import (
    IdentityError,
    IncompleteUserError,
    InvalidBaseUrlError,
    InvalidCustomAttributeError,
    InvalidNonceError,
    InvalidWebsiteTokenError,
    InvalidWidgetSettingError,
    MissingSecretError,
    Signer,
    WidgetUser,
    reset_script,
    set_user_payload,
    verify,
    widget_script,
)

SECRET = "a-distinctive-secret-QX7ZP9"
BASE_URL = "https://chat.example.com"
TOKEN = "QrtMG8GydFgEy7bVzsLLmHoq"
CONFIG = re.compile(r"var config = (\{.*\});\n")
HOSTILE = [
    "</script><script>window.trap()</script>",
    "<!--",
    "]]>",
    "'\"\\",
    "\u2028\u2029",
    "caf\u00e9 \U0001f600",
    "</SCRIPT >",
    "x" * 100_000,
]


def reference(identifier: str) -> str:
    return hmac.new(SECRET.encode(), identifier.encode(), sha256).hexdigest()


def config_of(script: str) -> dict[str, Any]:
    """The JSON document the core embedded in the snippet, parsed back."""
    match = CONFIG.search(script)
    assert match, script
    document: dict[str, Any] = json.loads(match.group(1))
    return document


def test_anonymous_snippet_loads_the_sdk_without_set_user() -> None:
    script = widget_script(BASE_URL + "/", TOKEN)
    assert script.startswith("<script>\n") and script.endswith("\n</script>")
    assert config_of(script) == {"baseUrl": BASE_URL, "websiteToken": TOKEN}
    assert '"/packs/js/sdk.js"' in script


def test_signed_user_snippet_carries_every_field_and_a_verifying_hash() -> None:
    user = WidgetUser(
        42,
        name="Jane Doe",
        email="jane@example.com",
        avatar_url="https://example.com/jane.png",
        phone_number="+15555550100",
        description="VIP",
        country_code="US",
        city="Springfield",
        company_name="ACME",
        social_profiles={"github": "jane"},
        custom_attributes={"plan": "pro", "seats": 3, "ratio": 0.5, "trial": False},
    )
    signer = Signer(SECRET)
    document = config_of(widget_script(BASE_URL, TOKEN, user=user, signer=signer))
    assert document["user"]["identifier"] == "42"
    attributes = document["user"]["attributes"]
    assert attributes.pop("identifier_hash") == reference("42")
    assert attributes == {
        "name": "Jane Doe",
        "email": "jane@example.com",
        "avatar_url": "https://example.com/jane.png",
        "phone_number": "+15555550100",
        "description": "VIP",
        "country_code": "US",
        "city": "Springfield",
        "company_name": "ACME",
        "social_profiles": {"github": "jane"},
        "custom_attributes": {"plan": "pro", "seats": 3, "ratio": 0.5, "trial": False},
    }


def test_settings_are_keyword_arguments_in_chatwoot_names() -> None:
    script = widget_script(
        BASE_URL,
        TOKEN,
        locale="pt_BR",
        use_browser_language=False,
        position="left",
        widget_type="expanded_bubble",
        launcher_title="Chat",
        hide_message_bubble=True,
        show_unread_messages_dialog=False,
        show_popout_button=True,
        dark_mode="auto",
        base_domain="example.com",
    )
    assert config_of(script)["settings"] == {
        "locale": "pt_BR",
        "useBrowserLanguage": False,
        "position": "left",
        "type": "expanded_bubble",
        "launcherTitle": "Chat",
        "hideMessageBubble": True,
        "showUnreadMessagesDialog": False,
        "showPopoutButton": True,
        "darkMode": "auto",
        "baseDomain": "example.com",
    }


def test_nonce_goes_on_the_element_and_the_sdk() -> None:
    script = widget_script(BASE_URL, TOKEN, nonce="r4nd0m+/=")
    assert script.startswith('<script nonce="r4nd0m+/=">')
    assert config_of(script)["nonce"] == "r4nd0m+/="
    assert reset_script(nonce="abc").startswith('<script nonce="abc">')
    assert "window.$chatwoot.reset()" in reset_script()


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_values_stay_inside_the_element_and_round_trip(value: str) -> None:
    user = WidgetUser(
        value,
        name=value,
        email=value,
        social_profiles={value: value},
        custom_attributes={value: value},
    )
    script = widget_script(BASE_URL, TOKEN, user=user, signer=Signer(SECRET), launcher_title=value)
    assert script.lower().count("</script") == 1
    assert "<!--" not in script and "\u2028" not in script and "\u2029" not in script
    document = config_of(script)
    assert document["user"]["identifier"] == value
    attributes = document["user"]["attributes"]
    assert attributes["name"] == attributes["email"] == value
    assert attributes["social_profiles"] == {value: value}
    assert attributes["custom_attributes"] == {value: value}
    assert document["settings"]["launcherTitle"] == value
    assert verify(SECRET, value, attributes["identifier_hash"])


def test_set_user_payload_is_a_dict_with_a_string_identifier_and_its_hash() -> None:
    big = 2**64 + 1
    payload = set_user_payload(Signer(SECRET), WidgetUser(big, email="a@example.com"))
    assert payload == {
        "identifier": str(big),
        "identifier_hash": reference(str(big)),
        "email": "a@example.com",
    }


def test_integer_identifiers_go_through_the_core() -> None:
    signer = Signer(SECRET)
    for number in (0, -7, 2**63, -(2**127)):
        payload = set_user_payload(signer, WidgetUser(number, name="n"))
        assert payload["identifier"] == str(number)
        assert payload["identifier_hash"] == signer.identifier_hash(number)
    with pytest.raises(OverflowError, match=r"^identifier is an int outside"):
        WidgetUser(2**200, name="n")


def test_widget_user_is_an_immutable_value() -> None:
    user = WidgetUser("u-1", name="Jane", custom_attributes={"n": 1})
    assert user.identifier == "u-1" and user.name == "Jane" and user.email is None
    assert user.social_profiles == {} and user.custom_attributes == {"n": 1}
    user.custom_attributes["n"] = 2
    assert user.custom_attributes == {"n": 1}
    assert user == WidgetUser("u-1", name="Jane", custom_attributes={"n": 1})
    assert user != WidgetUser("u-1", name="Jane")
    with pytest.raises(AttributeError):
        user.name = "Eve"  # type: ignore[misc]
    assert repr(user) == "WidgetUser(identifier='u-1', ...)"


ERROR_CASES: list[tuple[type[IdentityError], str, Callable[[], object]]] = [
    (IncompleteUserError, "incomplete_user", lambda: WidgetUser("u-1")),
    (IncompleteUserError, "incomplete_user", lambda: WidgetUser("u-1", name="", email="")),
    (chatwoot_identity.EmptyIdentifierError, "empty_identifier", lambda: WidgetUser("", name="x")),
    (InvalidBaseUrlError, "invalid_base_url", lambda: widget_script("javascript:x", TOKEN)),
    (
        InvalidBaseUrlError,
        "invalid_base_url",
        lambda: widget_script("https://user:pw@example.com", TOKEN),
    ),
    (InvalidWebsiteTokenError, "invalid_website_token", lambda: widget_script(BASE_URL, 'a"b')),
    (InvalidNonceError, "invalid_nonce", lambda: widget_script(BASE_URL, TOKEN, nonce='a"><x')),
    (InvalidNonceError, "invalid_nonce", lambda: reset_script(nonce="")),
    (
        MissingSecretError,
        "missing_secret",
        lambda: widget_script(BASE_URL, TOKEN, user=WidgetUser(1, name="x")),
    ),
    (
        InvalidWidgetSettingError,
        "invalid_widget_setting",
        lambda: widget_script(BASE_URL, TOKEN, position="top"),  # type: ignore[arg-type]
    ),
    (
        InvalidWidgetSettingError,
        "invalid_widget_setting",
        lambda: widget_script(BASE_URL, TOKEN, dark_mode="dark"),  # type: ignore[arg-type]
    ),
    (
        InvalidCustomAttributeError,
        "invalid_custom_attribute",
        lambda: set_user_payload(
            Signer(SECRET), WidgetUser(1, name="x", custom_attributes={"r": float("nan")})
        ),
    ),
]


@pytest.mark.parametrize(
    ("exception", "code", "call"),
    ERROR_CASES,
    ids=[f"{c}-{i}" for i, (_, c, _) in enumerate(ERROR_CASES)],
)
def test_bad_widget_values_raise_their_coded_subclass(
    exception: type[IdentityError], code: str, call: Callable[[], object]
) -> None:
    with pytest.raises(exception) as raised:
        call()
    assert type(raised.value) is exception
    assert raised.value.code == code == exception.code


WRONG_TYPES: list[tuple[str, Callable[[], object]]] = [
    ("identifier must be str or int, not bool", lambda: WidgetUser(True, name="x")),  # type: ignore[arg-type]
    ("identifier must be str or int, not bytes", lambda: WidgetUser(b"1", name="x")),  # type: ignore[arg-type]
    (
        'custom_attributes["a"] must be str, int, float or bool, not NoneType',
        lambda: WidgetUser(1, name="x", custom_attributes={"a": None}),  # type: ignore[dict-item]
    ),
    (
        'social_profiles["github"] must be str, not int',
        lambda: WidgetUser(1, name="x", social_profiles={"github": 1}),  # type: ignore[dict-item]
    ),
    (
        "custom_attributes must be a mapping, not list",
        lambda: WidgetUser(1, name="x", custom_attributes=[("a", 1)]),  # type: ignore[arg-type]
    ),
    (
        "custom_attributes keys must be str, not int",
        lambda: WidgetUser(1, name="x", custom_attributes={1: 1}),
    ),  # type: ignore[dict-item]
    (
        "signer must be a chatwoot_identity.Signer, not str",
        lambda: widget_script(BASE_URL, TOKEN, signer="secret"),  # type: ignore[arg-type]
    ),
    (
        "user must be a chatwoot_identity.WidgetUser, not dict",
        lambda: widget_script(BASE_URL, TOKEN, user={"identifier": 1}),  # type: ignore[arg-type]
    ),
    (
        "hide_message_bubble must be bool or None, not int",
        lambda: widget_script(BASE_URL, TOKEN, hide_message_bubble=1),  # type: ignore[arg-type]
    ),
    (
        "base_url must be str, not NoneType",
        lambda: widget_script(None, TOKEN),  # type: ignore[arg-type]
    ),
    (
        "website_token must be str, not bytes",
        lambda: widget_script(BASE_URL, TOKEN.encode()),  # type: ignore[arg-type]
    ),
    ("name must be str or None, not int", lambda: WidgetUser(1, name=7)),  # type: ignore[arg-type]
    ("nonce must be str or None, not int", lambda: reset_script(nonce=1)),  # type: ignore[arg-type]
    (
        "user must be a chatwoot_identity.WidgetUser, not dict",
        lambda: set_user_payload(Signer(SECRET), {"identifier": "1"}),  # type: ignore[arg-type]
    ),
    ("unexpected keyword argument 'theme'", lambda: widget_script(BASE_URL, TOKEN, theme="x")),  # type: ignore[call-arg]
]


@pytest.mark.parametrize(("message", "call"), WRONG_TYPES, ids=[m for m, _ in WRONG_TYPES])
def test_wrong_types_are_type_errors_naming_the_parameter(
    message: str, call: Callable[[], object]
) -> None:
    with pytest.raises(TypeError) as raised:
        call()
    assert type(raised.value) is TypeError
    assert message in str(raised.value)


def test_custom_attribute_int_beyond_64_bits_is_an_overflow_error() -> None:
    with pytest.raises(OverflowError, match=r'^custom_attributes\["n"\] is an int outside'):
        WidgetUser(1, name="x", custom_attributes={"n": 2**64})


WIDGET_FAILURES: list[Callable[[], object]] = [
    lambda: widget_script(BASE_URL, TOKEN, user=WidgetUser(1, name="x")),
    lambda: widget_script(f"https://{SECRET}@example.com", TOKEN),
    lambda: widget_script(BASE_URL, SECRET + "!"),
    lambda: widget_script(BASE_URL, TOKEN, nonce=SECRET + '"'),
    lambda: set_user_payload(
        Signer(SECRET), WidgetUser(1, name="x", custom_attributes={"r": float("inf")})
    ),
    lambda: widget_script(BASE_URL, TOKEN, signer=Signer(SECRET), position=SECRET),  # type: ignore[arg-type]
]


@pytest.mark.parametrize("call", WIDGET_FAILURES)
def test_no_widget_error_shows_the_secret(call: Callable[[], object]) -> None:
    with pytest.raises(Exception) as raised:
        call()
    assert SECRET not in str(raised.value) and SECRET not in repr(raised.value)
