"""Structure checks: the core stays Qt-free, the code stays lint-clean, PySide6 stays safe."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_core_imports_without_qt_installed(tmp_path: Path) -> None:
    """Import every core module with PySide6 made unimportable."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import importlib, pkgutil, sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'PySide6' or name.startswith('PySide6.'):\n"
        "            raise ImportError('PySide6 is blocked in this test')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import kursk_annotator.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'kursk_annotator.core.'):\n"
        "    if '.migrations' not in m.name:\n"
        "        importlib.import_module(m.name)\n"
        "import kursk_annotator.cli\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, str(probe)], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_import_contracts_hold() -> None:
    lint = BIN / "lint-imports"
    done = subprocess.run([str(lint)], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("args", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff_is_clean(args: list[str]) -> None:
    ruff = BIN / "ruff" if (BIN / "ruff").exists() else shutil.which("ruff")
    done = subprocess.run(
        [str(ruff), *args, "kursk_annotator", "tests", "bench"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_python_311_cannot_install_the_crashing_pyside() -> None:
    """PySide6 6.12.0 aborts on Python 3.11 (docs/DESIGN.md); the pin must exclude it there."""
    deps = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    pyside = [Requirement(d) for d in deps if d.lower().startswith("pyside6")]
    for python, allowed in (("3.11", False), ("3.12", True), ("3.13", True)):
        env = {"python_version": python}
        active = [r for r in pyside if r.marker is None or r.marker.evaluate(env)]
        assert len(active) == 1, f"exactly one PySide6 requirement applies on {python}"
        assert active[0].specifier.contains(Version("6.12.0")) is allowed
        assert active[0].specifier.contains(Version("6.11.2"))
