"""Type stub of the compiled module; ``python -m mypy.stubtest`` keeps it honest."""

from collections.abc import Iterable
from typing import Any, NoReturn, final

from typing_extensions import Self, TypeAlias

__all__ = [
    "Diagnosis",
    "EmptyIdentifierError",
    "EmptySecretError",
    "Finding",
    "IdentityError",
    "Signer",
    "__version__",
    "diagnose",
    "identifier_hash",
    "verify",
]

__version__: str

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

class IdentityError(ValueError):
    """A value chatwoot_identity cannot hash; ``code`` is the stable error code."""

    code: str

class EmptySecretError(IdentityError):
    code: str

class EmptyIdentifierError(IdentityError):
    code: str
