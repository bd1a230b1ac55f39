"""Compute, verify and explain Chatwoot identity-validation hashes (``identifier_hash``).

``identifier_hash`` is the lowercase hex HMAC-SHA256 of the user's identifier, keyed with the
inbox's HMAC secret. Chatwoot recomputes it and compares exactly; :func:`diagnose` explains a
mismatch. The work is done by a Rust core shared with the Node, Ruby and C bindings.
"""

from chatwoot_identity._native import (
    Diagnosis,
    EmptyIdentifierError,
    EmptySecretError,
    Finding,
    IdentityError,
    Signer,
    __version__,
    diagnose,
    identifier_hash,
    verify,
)

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
