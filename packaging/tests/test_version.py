"""version.py: the repository agrees with itself, and a manifest that disagrees is caught.

Runs on copies of the real manifests, so a manifest that changes shape breaks these tests too.
"""

import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "version.py"
sys.path.insert(0, str(SCRIPT.parent))
import version  # noqa: E402


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), "--root", str(root), *args],
                          capture_output=True, text=True)


class VersionTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.tmp)
        for name in {"Cargo.toml", *(m[0] for m in version.MANIFESTS)}:
            (self.tmp / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / name, self.tmp / name)

    def test_repository_agrees(self) -> None:
        result = run(ROOT, "check")
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_each_manifest_that_disagrees_fails_the_check(self) -> None:
        current = version.workspace_version(self.tmp)
        for name in sorted({m[0] for m in version.MANIFESTS if m[0] != "Cargo.toml"}):
            with self.subTest(manifest=name):
                path = self.tmp / name
                original = path.read_text()
                self.assertIn(current, original)
                path.write_text(original.replace(current, "9.9.9"))
                result = run(self.tmp, "check")
                self.assertEqual(result.returncode, 1)
                self.assertIn(name, result.stderr)
                self.assertIn("9.9.9", result.stderr)
                path.write_text(original)
        self.assertEqual(run(self.tmp, "check").returncode, 0)

    def test_a_workspace_bump_alone_fails_the_check(self) -> None:
        cargo = self.tmp / "Cargo.toml"
        text = cargo.read_text()
        current = version.workspace_version(self.tmp)
        cargo.write_text(text.replace(f'[workspace.package]\nversion = "{current}"',
                                      '[workspace.package]\nversion = "9.9.9"'))
        result = run(self.tmp, "check")
        self.assertEqual(result.returncode, 1)
        self.assertIn("Cargo.toml says 9.9.9", result.stderr)

    def test_set_rewrites_every_manifest(self) -> None:
        result = run(self.tmp, "set", "1.2.3-rc.1")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(run(self.tmp, "get").stdout.strip(), "1.2.3-rc.1")
        self.assertEqual(run(self.tmp, "check").returncode, 0)
        self.assertEqual(version.disagreements(self.tmp), [])

    def test_a_manifest_that_lost_its_version_line_fails(self) -> None:
        path = self.tmp / "bindings-ruby/lib/chatwoot_identity/version.rb"
        path.write_text("module ChatwootIdentity\nend\n")
        result = run(self.tmp, "check")
        self.assertEqual(result.returncode, 1)
        self.assertIn("version.rb", result.stderr)


if __name__ == "__main__":
    unittest.main()
