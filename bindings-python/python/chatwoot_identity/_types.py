"""The shapes of the widget's structured inputs, for type checkers.

At run time they are plain ``dict`` types: ``widget_script`` and ``set_user_payload`` take any
mapping with these keys, and the Rust core checks it (the shapes are its serde types). A value
given as ``None`` is left out, as if the key were absent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypedDict


class _Identified(TypedDict):
    identifier: str | int


class WidgetUser(_Identified, total=False):
    """The logged-in user as Chatwoot's ``setUser`` takes them.

    ``identifier`` (``str``, or ``int`` written as its decimal text) is what ``setUser`` gets and
    what is hashed; Chatwoot's SDK also needs at least one of ``name``, ``email`` and
    ``avatar_url``.
    """

    name: str | None
    email: str | None
    avatar_url: str | None
    phone_number: str | None
    description: str | None
    country_code: str | None
    city: str | None
    company_name: str | None
    social_profiles: Mapping[str, str] | None
    custom_attributes: Mapping[str, str | int | float | bool] | None


class WidgetSettings(TypedDict, total=False):
    """``window.chatwootSettings``, in Chatwoot's names (snake_case); the launcher's look is
    ``type``. An unset key leaves the widget's default."""

    locale: str | None
    use_browser_language: bool | None
    position: Literal["left", "right"] | None
    type: Literal["standard", "expanded_bubble"] | None
    launcher_title: str | None
    hide_message_bubble: bool | None
    show_unread_messages_dialog: bool | None
    show_popout_button: bool | None
    dark_mode: Literal["light", "auto", "dark"] | None
    base_domain: str | None
    widget_style: Literal["standard", "flat"] | None
    welcome_title: str | None
    welcome_description: str | None
    available_message: str | None
    unavailable_message: str | None
    enable_file_upload: bool | None
    enable_emoji_picker: bool | None
    enable_end_conversation: bool | None
