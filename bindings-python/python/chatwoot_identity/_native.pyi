"""Type stub of the compiled module; ``python -m mypy.stubtest`` keeps it honest.

The error classes are made at import from the core's table of codes; each code's class is
listed here by hand (tests/test_errors.py fails when one is missing).
"""

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, NoReturn, Protocol, TypeAlias, final

from typing_extensions import Self

from chatwoot_identity._types import WidgetSettings, WidgetUser

__all__ = [
    "ChatwootIdentityError",
    "Diagnosis",
    "EmptyIdentifierError",
    "EmptySecretError",
    "Finding",
    "FutureTimestampError",
    "IncompleteUserError",
    "InvalidBaseUrlError",
    "InvalidNonceError",
    "InvalidWebsiteTokenError",
    "InvalidWidgetRequestError",
    "MalformedSignatureError",
    "MalformedTimestampError",
    "MissingSecretError",
    "MissingSignatureError",
    "MissingTimestampError",
    "SignatureMismatchError",
    "SignedWebhook",
    "Signer",
    "StaleTimestampError",
    "VerifiedWebhook",
    "WebhookDiagnosis",
    "WebhookFinding",
    "WebhookVerifier",
    "diagnose",
    "diagnose_webhook",
    "identifier_hash",
    "insert_widget",
    "read_page",
    "reset_script",
    "set_user_payload",
    "sign_webhook",
    "verify",
    "verify_webhook",
    "widget_script",
]

__version__: str
_error_codes: tuple[str, ...]
_webhook_finding_codes: tuple[str, ...]

_Secret: TypeAlias = str | bytes | bytearray | memoryview
_Identifier: TypeAlias = str | bytes | bytearray | memoryview | int
_Candidate: TypeAlias = str | bytes | bytearray | memoryview

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

_HmacSecret: TypeAlias = _Secret | Signer

def widget_script(
    base_url: str,
    website_token: str,
    *,
    hmac_secret: _HmacSecret | None = None,
    user: WidgetUser | None = None,
    settings: WidgetSettings | None = None,
    nonce: str | None = None,
    debug: bool = False,
) -> str:
    """The widget's ``<script>`` element for a server-rendered page, ``setUser`` included."""

def reset_script(nonce: str | None = None) -> str:
    """A ``<script>`` element that logs the user out of the widget."""

def set_user_payload(hmac_secret: _HmacSecret, user: WidgetUser) -> dict[str, Any]:
    """The signed user for a single-page or React Native app."""

# A webhook body: the raw request body, any bytes-like object, or str (hashed as UTF-8).
_Body: TypeAlias = bytes | bytearray | memoryview | str
_HeaderText: TypeAlias = str | bytes

class _HeaderItems(Protocol):
    """Anything with ``items()``: a mapping, Starlette's or werkzeug's ``Headers``, ..."""

    def items(self) -> Iterable[tuple[Any, Any]]: ...

# request.headers, request.META (entries that are not text are skipped), a dict, Starlette's or
# werkzeug's Headers, or (name, value) pairs such as ASGI's scope["headers"].
_Headers: TypeAlias = (
    _HeaderItems
    | Mapping[str, Any]
    | Iterable[tuple[_HeaderText, _HeaderText]]
    | Iterable[list[_HeaderText]]
)
_HeaderValue: TypeAlias = str | bytes | bytearray | memoryview

@final
class VerifiedWebhook:
    """A webhook that passed verification."""

    @property
    def timestamp(self) -> int: ...
    @property
    def age(self) -> int: ...
    @property
    def delivery_id(self) -> str | None: ...
    @property
    def replay_key(self) -> str: ...

@final
class SignedWebhook:
    """The headers Chatwoot would send with a body, for tests of a receiver."""

    @property
    def signature(self) -> str: ...
    @property
    def timestamp(self) -> str: ...
    @property
    def delivery_id(self) -> str: ...
    @property
    def headers(self) -> dict[str, str]: ...

@final
class WebhookDiagnosis:
    """What ``diagnose_webhook()`` found out about a webhook's signature."""

    @property
    def verified(self) -> bool: ...
    @property
    def findings(self) -> list[WebhookFinding]: ...

@final
class WebhookFinding:
    """One reason a webhook signature does not verify."""

    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str: ...

@final
class WebhookVerifier:
    """A webhook's secret, prepared once for verifying any number of its requests."""

    def __new__(cls, secret: _Secret, *, tolerance: int = 300, check_age: bool = True) -> Self: ...
    def verify(
        self,
        body: _Body,
        *,
        headers: _Headers | None = None,
        signature: _HeaderValue | None = None,
        timestamp: _HeaderValue | None = None,
        now: int | None = None,
    ) -> VerifiedWebhook: ...
    @property
    def tolerance(self) -> int: ...
    @property
    def check_age(self) -> bool: ...
    def __reduce__(self) -> NoReturn: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...

def verify_webhook(
    secret: _Secret,
    body: _Body,
    *,
    headers: _Headers | None = None,
    signature: _HeaderValue | None = None,
    timestamp: _HeaderValue | None = None,
    now: int | None = None,
    tolerance: int = 300,
    check_age: bool = True,
) -> VerifiedWebhook:
    """Verifies one webhook from its raw body and its headers (or the two header values)."""

def sign_webhook(secret: _Secret, body: _Body, timestamp: int | None = None) -> SignedWebhook:
    """The headers Chatwoot would send with ``body`` at ``timestamp`` (default: now)."""

def diagnose_webhook(
    secret: _Secret,
    body: _Body,
    *,
    headers: _Headers | None = None,
    signature: _HeaderValue | None = None,
    timestamp: _HeaderValue | None = None,
    identity_hmac_token: _Secret | None = None,
) -> WebhookDiagnosis:
    """Explains why a webhook's signature does, or does not, verify with ``secret``."""

def insert_widget(html: str, snippet: str) -> str | None:
    """``html`` with ``snippet`` just before its last ``</body>``; ``None`` for a page without
    ``</body>`` or that already has a widget (ours or Chatwoot's own)."""

def read_page(html: str) -> dict[str, Any]:
    """What chatwoot-identity's snippets on ``html`` will do: ``snippets``, ``resets``,
    ``escaped_snippets``, ``base_url``, ``website_token`` and ``user`` (or ``None``)."""

# The core's page checks, for chatwoot_identity.testing: {passed, problems, widget, message}.
# ``text`` is a page's HTML, or with ``payload=True`` a set-user payload's JSON text.
def _check_identity(
    text: str,
    hmac_secret: str | bytes | bytearray | memoryview,
    identifier: str,
    fields: Mapping[str, Any] | None = None,
    *,
    payload: bool = False,
) -> dict[str, Any]: ...
def _check_page_anonymous(html: str) -> dict[str, Any]: ...

class ChatwootIdentityError(ValueError):
    """The root of every error chatwoot_identity raises; ``code`` is the stable error code."""

    code: ClassVar[str]

# One class per code of the core's table, in its order. Each has a ``WrongTypeError`` subclass,
# also a ``TypeError``, raised when a structured input held a value of the wrong type.
class EmptySecretError(ChatwootIdentityError):
    class WrongTypeError(EmptySecretError, TypeError): ...

class EmptyIdentifierError(ChatwootIdentityError):
    class WrongTypeError(EmptyIdentifierError, TypeError): ...

class MissingSecretError(ChatwootIdentityError):
    class WrongTypeError(MissingSecretError, TypeError): ...

class InvalidBaseUrlError(ChatwootIdentityError):
    class WrongTypeError(InvalidBaseUrlError, TypeError): ...

class InvalidWebsiteTokenError(ChatwootIdentityError):
    class WrongTypeError(InvalidWebsiteTokenError, TypeError): ...

class InvalidNonceError(ChatwootIdentityError):
    class WrongTypeError(InvalidNonceError, TypeError): ...

class IncompleteUserError(ChatwootIdentityError):
    class WrongTypeError(IncompleteUserError, TypeError): ...

class InvalidWidgetRequestError(ChatwootIdentityError):
    class WrongTypeError(InvalidWidgetRequestError, TypeError): ...

class MissingSignatureError(ChatwootIdentityError):
    class WrongTypeError(MissingSignatureError, TypeError): ...

class MalformedSignatureError(ChatwootIdentityError):
    class WrongTypeError(MalformedSignatureError, TypeError): ...

class MissingTimestampError(ChatwootIdentityError):
    class WrongTypeError(MissingTimestampError, TypeError): ...

class MalformedTimestampError(ChatwootIdentityError):
    class WrongTypeError(MalformedTimestampError, TypeError): ...

class StaleTimestampError(ChatwootIdentityError):
    class WrongTypeError(StaleTimestampError, TypeError): ...

class FutureTimestampError(ChatwootIdentityError):
    class WrongTypeError(FutureTimestampError, TypeError): ...

class SignatureMismatchError(ChatwootIdentityError):
    class WrongTypeError(SignatureMismatchError, TypeError): ...
