"""The widget vectors: requests as every host passes them, with what the page must receive.

A good case's expected `set_user_payload` is built here in plain Python from the request (the
user's fields as given, `identifier` as text) plus the `identifier_hash` that the six
documented snippets computed; nothing comes from this project's code. A bad case names the
error code, the path and whether a host raises its wrong-type class for it.
"""

from __future__ import annotations

import json
from typing import Callable

SECRET = "your-secret-token-for-hmac"
BASE = {"base_url": "https://chat.example.com", "website_token": "QrtMG8GydFgEy7bVzsLLmHoq"}
JANE = {"identifier": "user-42", "name": "Jane Doe", "email": "jane@example.com"}

# Fields of a WidgetUser other than `identifier`, exactly as Chatwoot's setUser names them.
TEXT_FIELDS = ("name", "email", "avatar_url", "phone_number", "description", "country_code",
               "city", "company_name")


def good_cases() -> list[tuple[str, dict, dict | None]]:
    """(description, request, user) for requests that must render; `user` may be None."""
    everything = {
        **JANE,
        "avatar_url": "https://example.com/jane.png",
        "phone_number": "+15555550123",
        "description": "Pays yearly",
        "country_code": "PT",
        "city": "Lisboa",
        "company_name": "Example & Co",
        "social_profiles": {"github": "jane", "twitter": "jane_doe"},
        "custom_attributes": {"plan": "pro", "seats": 3, "trial": False, "ratio": 0.25},
    }
    hostile = {
        "identifier": "</script><script>alert('id')</script>",
        "name": "</script><!-- \u2028\u2029 & ' \"",
        "custom_attributes": {"</SCRIPT>": "<b>", "emoji": "\U0001F600"},
    }
    return [
        ("anonymous visitor", {**BASE}, None),
        ("name and email", {**BASE, "user": JANE}, JANE),
        ("every field", {**BASE, "user": everything}, everything),
        ("email only", {**BASE, "user": {"identifier": "e-1", "email": "e@example.com"}},
         {"identifier": "e-1", "email": "e@example.com"}),
        ("avatar only", {**BASE, "user": {"identifier": "a-1", "avatar_url": "https://x.example/a"}},
         {"identifier": "a-1", "avatar_url": "https://x.example/a"}),
        ("integer identifier becomes its decimal text",
         {**BASE, "user": {"identifier": 42, "name": "Jane"}}, {"identifier": 42, "name": "Jane"}),
        ("negative integer identifier",
         {**BASE, "user": {"identifier": -7, "name": "Neg"}}, {"identifier": -7, "name": "Neg"}),
        ("null optional fields are left out",
         {**BASE, "user": {**JANE, "phone_number": None, "city": None}}, JANE),
        ("unicode identifier", {**BASE, "user": {"identifier": "jöhn@exämple.com", "name": "Jöhn"}},
         {"identifier": "jöhn@exämple.com", "name": "Jöhn"}),
        ("hostile values", {**BASE, "user": hostile}, hostile),
        ("every setting", {**BASE, "settings": {
            "locale": "pt_BR", "use_browser_language": False, "position": "left",
            "type": "expanded_bubble", "launcher_title": "Chat", "hide_message_bubble": True,
            "show_unread_messages_dialog": False, "show_popout_button": True, "dark_mode": "auto",
            "base_domain": "example.com"}, "user": JANE}, JANE),
        ("a nonce", {**BASE, "nonce": "r4nd0m+/-_==", "user": JANE}, JANE),
        ("trailing slash on the base URL", {**BASE, "base_url": "https://chat.example.com/"}, None),
    ]


def bad_cases() -> list[tuple[str, str | None, dict, str, str | None, bool]]:
    """(description, secret, request, code, path, wrong_type); secret None means none given."""
    user = lambda **fields: {**BASE, "user": {**JANE, **fields}}  # noqa: E731
    return [
        ("no name, email or avatar_url", SECRET,
         {**BASE, "user": {"identifier": "u", "phone_number": "+1"}}, "incomplete_user", None, False),
        ("empty identifier", SECRET, user(identifier=""), "empty_identifier", None, False),
        ("a user without the secret", None, user(), "missing_secret", None, False),
        ("an empty secret", "", user(), "empty_secret", None, False),
        ("a null custom attribute", SECRET, user(custom_attributes={"plan": None}),
         "invalid_widget_request", "user.custom_attributes.plan", False),
        ("a number as the name", SECRET, user(name=5), "invalid_widget_request", "user.name", True),
        ("a float as the identifier", SECRET, user(identifier=1.5),
         "invalid_widget_request", "user.identifier", True),
        ("a misspelt user key", SECRET, user(nmae="Jane"),
         "invalid_widget_request", "user.nmae", False),
        ("social_profiles that are not an object", SECRET, user(social_profiles="jane"),
         "invalid_widget_request", "user.social_profiles", True),
        ("custom_attributes that are a list", SECRET, user(custom_attributes=["pro"]),
         "invalid_widget_request", "user.custom_attributes", True),
        ("a custom attribute that is a list", SECRET, user(custom_attributes={"tags": ["a"]}),
         "invalid_widget_request", "user.custom_attributes.tags", True),
        ("an unknown position", SECRET, {**BASE, "settings": {"position": "top"}},
         "invalid_widget_request", "settings.position", False),
        ("an unknown launcher type", SECRET, {**BASE, "settings": {"type": "bubble"}},
         "invalid_widget_request", "settings.type", False),
        ("a misspelt setting", SECRET, {**BASE, "settings": {"colour": "red"}},
         "invalid_widget_request", "settings.colour", False),
        ("a setting of the wrong type", SECRET, {**BASE, "settings": {"hide_message_bubble": "yes"}},
         "invalid_widget_request", "settings.hide_message_bubble", True),
        ("a base URL that is not http(s)", SECRET, {**BASE, "base_url": "ftp://chat.example.com"},
         "invalid_base_url", None, False),
        ("a base URL with credentials", SECRET, {**BASE, "base_url": "https://u:p@chat.example.com"},
         "invalid_base_url", None, False),
        ("a website token that is not a token", SECRET, {**BASE, "website_token": "not a token"},
         "invalid_website_token", None, False),
        ("a nonce with a space", SECRET, {**BASE, "nonce": "a b"}, "invalid_nonce", None, False),
        # serde's derive would read these field by field; a shape is read from an object only.
        ("a user given as a list", SECRET, {**BASE, "user": ["user-42", "Jane Doe"]},
         "invalid_widget_request", "user", True),
        ("settings given as a list", SECRET, {**BASE, "settings": ["en"]},
         "invalid_widget_request", "settings", True),
    ]


def expected_payload(user: dict, identifier_hash: str) -> dict:
    """What setUser's server-made payload holds: the fields that are set, as given."""
    payload = {"identifier": str(user["identifier"]), "identifier_hash": identifier_hash}
    for field in TEXT_FIELDS:
        if user.get(field) is not None:
            payload[field] = user[field]
    for field in ("social_profiles", "custom_attributes"):
        if user.get(field):
            payload[field] = user[field]
    return payload


def widget_vectors(ask: Callable[[bytes, bytes], int],
                   answer: Callable[[int], str]) -> Callable[[], list[dict]]:
    """Asks the six-implementation hasher for each user's hash; builds the vectors after."""
    tickets = []
    for description, request, user in good_cases():
        ticket = None
        if user is not None:
            ticket = ask(SECRET.encode(), str(user["identifier"]).encode("utf-8"))
        tickets.append((description, request, user, ticket))

    def build() -> list[dict]:
        vectors = []
        for description, request, user, ticket in tickets:
            vector = {"description": description, "secret": SECRET, "request": request}
            if user is not None:
                vector["set_user_payload"] = expected_payload(user, answer(ticket))
            vectors.append(vector)
        for description, secret, request, code, path, wrong_type in bad_cases():
            vectors.append({"description": description, "secret": secret, "request": request,
                            "error": {"code": code, "path": path, "wrong_type": wrong_type}})
        # Every vector must survive a JSON round trip unchanged (no NaN, no big integers).
        assert json.loads(json.dumps(vectors)) == vectors
        return vectors

    return build
