"""Real faults for robustness tests: tiny disks, read-only folders, CLI subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.postgres.conftest import postgres_server, postgres_url, team  # noqa: F401

Run = Callable[..., subprocess.CompletedProcess[str]]


def _mount(args: list[str]) -> str | None:
    """Run mount; None on success, else why not."""
    if os.geteuid() != 0:
        return "mounting a file system needs root"
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    return None if done.returncode == 0 else done.stderr.strip() or "mount failed"


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Callable[[int], Path]]:
    """``tiny_disk(kib)``: a real tmpfs of that size, so writes really fail with ENOSPC."""
    mounted: list[Path] = []

    def make(kib: int) -> Path:
        where = tmp_path / f"disk{len(mounted)}"
        where.mkdir()
        why = _mount(["-t", "tmpfs", "-o", f"size={kib}k,mode=0777", "tmpfs", str(where)])
        if why:
            pytest.skip(f"cannot simulate a full disk here: {why}")
        mounted.append(where)
        return where

    yield make
    for where in reversed(mounted):
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """``read_only(folder)``: make a folder read-only for real (a read-only bind mount;
    root ignores permission bits, so chmod alone would prove nothing)."""
    mounted: list[Path] = []

    def make(folder: Path) -> None:
        why = _mount(["--bind", str(folder), str(folder)])
        if why:
            pytest.skip(f"cannot make a read-only folder here: {why}")
        mounted.append(folder)
        why = _mount(["-o", "remount,ro,bind", str(folder)])
        if why:
            pytest.skip(f"cannot make a read-only folder here: {why}")

    yield make
    for where in reversed(mounted):
        subprocess.run(["umount", "-l", str(where)], check=False)


def cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    return env


@pytest.fixture
def cli(tmp_path: Path) -> Run:
    """Run ``kursk-annotator ARGS`` in a subprocess; never a traceback."""

    def run(
        *args: str | bytes, db: Path | None = None, ok: bool | None = True, timeout: int = 120
    ) -> subprocess.CompletedProcess[str]:
        argv: list[str | bytes] = [sys.executable, "-m", "kursk_annotator"]
        if db is not None:
            argv += ["--db", str(db)]
        result = subprocess.run(
            [*argv, *args],
            capture_output=True,
            text=True,
            errors="replace",
            env=cli_env(),
            cwd=tmp_path,
            timeout=timeout,
        )
        assert "Traceback" not in result.stderr, result.stderr
        if ok is True:
            assert result.returncode == 0, result.stderr
        elif ok is False:
            assert result.returncode != 0, result.stdout
            lines = result.stderr.strip().splitlines()
            assert lines and lines[-1].startswith("kursk-annotator: error: "), result.stderr
        return result

    return run
