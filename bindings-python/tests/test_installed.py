"""The suite runs against the installed package, which matches the crate it was built from."""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path
from types import ModuleType

import tomllib

import chatwoot_identity
from chatwoot_identity import _native

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]


def test_package_comes_from_site_packages_not_the_source_tree() -> None:
    package = Path(chatwoot_identity.__file__).resolve()
    assert package.is_relative_to(Path(sys.prefix).resolve())
    assert "site-packages" in package.parts


def test_native_module_is_an_abi3_extension_with_its_stub_and_marker() -> None:
    native = Path(_native.__file__)
    assert re.fullmatch(r"_native\.abi3\.so|_native\.pyd", native.name)
    assert (native.parent / "_native.pyi").is_file()
    assert (native.parent / "py.typed").is_file()


def test_version_is_the_crate_version_everywhere() -> None:
    workspace = tomllib.loads((REPOSITORY_ROOT / "Cargo.toml").read_text(encoding="utf-8"))
    crate_version = workspace["workspace"]["package"]["version"]
    assert chatwoot_identity.__version__ == crate_version
    assert metadata.version("chatwoot-identity") == crate_version


def test_public_api_is_exactly_what_all_lists() -> None:
    # Subpackages (chatwoot_identity.django) appear as attributes once imported.
    public = {
        name
        for name in dir(chatwoot_identity)
        if not name.startswith("_") and not isinstance(getattr(chatwoot_identity, name), ModuleType)
    }
    assert public == set(chatwoot_identity.__all__) - {"__version__"}


def test_everything_public_has_a_docstring() -> None:
    for name in chatwoot_identity.__all__:
        item = getattr(chatwoot_identity, name)
        if callable(item):
            assert item.__doc__, name
    for method in ("identifier_hash", "verify", "identifier_hashes"):
        assert getattr(chatwoot_identity.Signer, method).__doc__, method
