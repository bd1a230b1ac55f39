"""The name the package gives each of the core's error codes, `empty_secret` ->
`EmptySecretError`: what tests/test_errors.py checks the classes against, and how the vector
tests find the class a case must raise."""

from __future__ import annotations

import chatwoot_identity
from chatwoot_identity import ChatwootIdentityError


def class_name(code: str) -> str:
    return "".join(word.capitalize() for word in code.split("_")) + "Error"


def class_of_code(code: str) -> type[ChatwootIdentityError]:
    exception: type[ChatwootIdentityError] = getattr(chatwoot_identity, class_name(code))
    return exception
