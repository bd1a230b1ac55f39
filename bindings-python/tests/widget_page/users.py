"""The fake logged-in user of the browser tests: ``CHATWOOT_TEST_USER_JSON`` as is."""

from __future__ import annotations

from typing import Any


class JsonUser:
    """Just enough of a Django user for the widget helper: authenticated, with its fields."""

    is_authenticated = True
    is_anonymous = False

    def __init__(self, fields: dict[str, Any]) -> None:
        self.fields = fields


def widget_fields(user: JsonUser) -> dict[str, Any]:
    """``CHATWOOT_USER_FIELDS`` of the test project: the JSON document's fields unchanged."""
    return dict(user.fields)


def plan_fields(user: Any) -> dict[str, Any] | None:
    """A custom mapping for the pytest suite: a prefixed identifier, custom attributes, and
    one user left anonymous."""
    if user.username == "anonymous-please":
        return None
    return {
        "identifier": f"user-{user.pk}",
        "email": user.email,
        "custom_attributes": {"plan": "pro", "staff": user.is_staff},
    }


FIXED_FIELDS: dict[str, Any] = {}


def fixed_fields(user: Any) -> dict[str, Any]:
    """Whatever a test put in ``FIXED_FIELDS``, for any user."""
    return dict(FIXED_FIELDS)


def header_user(request: Any) -> Any:
    """``CHATWOOT_CURRENT_USER`` for the pytest suite: the user named by an X-Test-User header."""
    name = request.headers.get("X-Test-User")
    return None if name is None else JsonUser({"identifier": name, "name": name})
