"""Type stub of the compiled module; ``python -m mypy.stubtest`` keeps it honest."""

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Literal, NoReturn, final

from typing_extensions import Self, TypeAlias

__all__ = [
    "Diagnosis",
    "EmptyIdentifierError",
    "EmptySecretError",
    "Finding",
    "IdentityError",
    "IncompleteUserError",
    "InvalidBaseUrlError",
    "InvalidCustomAttributeError",
    "InvalidNonceError",
    "InvalidWebsiteTokenError",
    "InvalidWidgetJsonError",
    "InvalidWidgetSettingError",
    "MissingSecretError",
    "OutputLengthError",
    "Signer",
    "WidgetUser",
    "__version__",
    "diagnose",
    "identifier_hash",
    "reset_script",
    "set_user_payload",
    "verify",
    "widget_script",
]

__version__: str

_Secret: TypeAlias = str | bytes | bytearray | memoryview
_Identifier: TypeAlias = str | bytes | bytearray | memoryview | int
_Candidate: TypeAlias = str | bytes | bytearray | memoryview
_Attribute: TypeAlias = str | int | float | bool

def identifier_hash(secret: _Secret, identifier: _Identifier) -> str:
    """The ``identifier_hash`` Chatwoot expects for ``identifier`` under ``secret``."""

def verify(secret: _Secret, identifier: _Identifier, identifier_hash: _Candidate) -> bool:
    """Whether Chatwoot would accept ``identifier_hash``; ``False`` for any malformed one."""

def diagnose(secret: _Secret, identifier: _Identifier, identifier_hash: _Candidate) -> Diagnosis:
    """Explains why ``identifier_hash`` is, or is not, what Chatwoot expects."""

@final
class Signer:
    """An inbox's HMAC secret, prepared once for any number of hashes."""

    def __new__(cls, secret: _Secret) -> Self: ...
    def identifier_hash(self, identifier: _Identifier) -> str: ...
    def verify(self, identifier: _Identifier, identifier_hash: _Candidate) -> bool: ...
    def identifier_hashes(self, identifiers: Iterable[_Identifier]) -> list[str]: ...
    def __reduce__(self) -> NoReturn: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...

@final
class Diagnosis:
    """What ``diagnose()`` found out about a candidate ``identifier_hash``."""

    @property
    def verified(self) -> bool: ...
    @property
    def findings(self) -> list[Finding]: ...

@final
class Finding:
    """One reason a hash does not verify."""

    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str: ...

class IdentityError(ValueError):
    """A value chatwoot_identity cannot hash; ``code`` is the stable error code."""

    code: str

class EmptySecretError(IdentityError):
    code: str

class EmptyIdentifierError(IdentityError):
    code: str

class MissingSecretError(IdentityError):
    code: str

class InvalidBaseUrlError(IdentityError):
    code: str

class InvalidWebsiteTokenError(IdentityError):
    code: str

class InvalidNonceError(IdentityError):
    code: str

class IncompleteUserError(IdentityError):
    code: str

class InvalidCustomAttributeError(IdentityError):
    code: str

class InvalidWidgetSettingError(IdentityError):
    code: str

class InvalidWidgetJsonError(IdentityError):
    code: str

class OutputLengthError(IdentityError):
    code: str

@final
class WidgetUser:
    """The logged-in user as the Chatwoot widget knows them; immutable."""

    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __new__(
        cls,
        identifier: str | int,
        *,
        name: str | None = None,
        email: str | None = None,
        avatar_url: str | None = None,
        phone_number: str | None = None,
        description: str | None = None,
        country_code: str | None = None,
        city: str | None = None,
        company_name: str | None = None,
        social_profiles: Mapping[str, str] | None = None,
        custom_attributes: Mapping[str, _Attribute] | None = None,
    ) -> Self: ...
    def __eq__(self, other: object, /) -> bool: ...
    @property
    def identifier(self) -> str: ...
    @property
    def name(self) -> str | None: ...
    @property
    def email(self) -> str | None: ...
    @property
    def avatar_url(self) -> str | None: ...
    @property
    def phone_number(self) -> str | None: ...
    @property
    def description(self) -> str | None: ...
    @property
    def country_code(self) -> str | None: ...
    @property
    def city(self) -> str | None: ...
    @property
    def company_name(self) -> str | None: ...
    @property
    def social_profiles(self) -> dict[str, str]: ...
    @property
    def custom_attributes(self) -> dict[str, _Attribute]: ...

def widget_script(
    base_url: str,
    website_token: str,
    *,
    user: WidgetUser | None = None,
    signer: Signer | None = None,
    nonce: str | None = None,
    locale: str | None = None,
    use_browser_language: bool | None = None,
    position: Literal["left", "right"] | None = None,
    widget_type: Literal["standard", "expanded_bubble"] | None = None,
    launcher_title: str | None = None,
    hide_message_bubble: bool | None = None,
    show_unread_messages_dialog: bool | None = None,
    show_popout_button: bool | None = None,
    dark_mode: Literal["light", "auto"] | None = None,
    base_domain: str | None = None,
) -> str:
    """The widget's ``<script>`` element for a server-rendered page, ``setUser`` included."""

def reset_script(nonce: str | None = None) -> str:
    """A ``<script>`` element that logs the user out of the widget."""

def set_user_payload(signer: Signer, user: WidgetUser) -> dict[str, Any]:
    """The signed user for a single-page or React Native app."""
