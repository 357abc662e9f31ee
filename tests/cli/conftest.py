from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(tmp_path: Path) -> Run:
    """Run ``kursk-annotator ARGS`` in a subprocess, as a user would, without a display."""

    def run(
        *args: str, db: Path | None = None, ok: bool = True
    ) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        env.pop("QT_QPA_PLATFORM", None)
        argv = [sys.executable, "-m", "kursk_annotator"]
        if db is not None:
            argv += ["--db", str(db)]
        result = subprocess.run(
            [*argv, *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
        )
        assert "Traceback" not in result.stderr, result.stderr
        if ok:
            assert result.returncode == 0, result.stderr
        return result

    return run
