"""Every file the app writes is replaced atomically: Ctrl-C, SIGKILL or a full disk
leave the previous file exactly as it was."""

from __future__ import annotations

import ast
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kursk_annotator.core.atomic_file import atomic_write, write_text_atomic
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace
from tests.robustness.conftest import Run, cli_env

PREVIOUS = b'{"previous": "export", "kept": true}\n'

SLOW_WRITER = """
import sys, time
from kursk_annotator.core.atomic_file import atomic_write
with atomic_write(sys.argv[1], "wb") as handle:
    handle.write(b"new content " * 100000)
    handle.flush()
    print("writing", flush=True)
    time.sleep(120)
"""


def _ctrl_c_reaches_it() -> None:
    """Run in the child before it starts: a program started from a script's background job
    inherits SIGINT ignored, and Python then never turns Ctrl-C into KeyboardInterrupt.
    A user's Ctrl-C reaches a program in the foreground, which is what these tests model."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_writer_killed_mid_write_leaves_previous_file(tmp_path: Path, sig: int) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(PREVIOUS)
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
        preexec_fn=_ctrl_c_reaches_it,
    )
    assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
    temps = list(tmp_path.glob(".out.json.*.tmp"))
    assert temps and temps[0].stat().st_size > 0  # really in the middle of writing
    proc.send_signal(sig)
    proc.wait(timeout=30)
    assert target.read_bytes() == PREVIOUS
    if sig == signal.SIGINT:  # an orderly stop cleans up after itself
        assert not list(tmp_path.glob(".out.json.*.tmp"))


def test_full_disk_leaves_previous_file_and_no_temp(tiny_disk) -> None:
    disk = tiny_disk(256)
    target = disk / "export.jsonld"
    target.write_bytes(PREVIOUS)
    with pytest.raises(UserError, match="disk is full"):
        write_text_atomic(target, "x" * (1024 * 1024))
    assert target.read_bytes() == PREVIOUS
    assert sorted(p.name for p in disk.iterdir()) == ["export.jsonld"]


def test_replacement_keeps_permissions_and_rejects_partial_on_error(tmp_path: Path) -> None:
    target = tmp_path / "shared.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    with pytest.raises(RuntimeError), atomic_write(target, "wb") as handle:
        handle.write(b"half")
        raise RuntimeError("the writer failed half-way")
    assert target.read_bytes() == b"old"
    write_text_atomic(target, "new")
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["shared.txt"]


def _big_store(path: Path) -> Path:
    ws = Workspace(open_store(str(path)), "Writer")
    article = ws.articles.add(NewArticle(text="word " * 400, title="Target"))
    for i in range(8):
        ws.annotations.create(
            article.id, "claim", i * 5, i * 5 + 4, ws.analyst, note="n" * 4_000_000
        )
    ws.close()
    return path


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_export_annotations_interrupted_keeps_earlier_export(tmp_path: Path, sig: int) -> None:
    db = _big_store(tmp_path / "big.sqlite")
    target = tmp_path / "shared.jsonld"
    target.write_bytes(PREVIOUS)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kursk_annotator",
            "--db",
            str(db),
            "export-annotations",
            str(target),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
        preexec_fn=_ctrl_c_reaches_it,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if list(tmp_path.glob(".shared.jsonld.*.tmp")):
            break
        time.sleep(0.002)
    assert proc.poll() is None, "the export finished before it could be interrupted"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err
    assert target.read_bytes() == PREVIOUS


@pytest.mark.parametrize("command", ["export-annotations", "export-docx"])
def test_cli_export_on_full_disk_is_one_line_and_keeps_previous(
    tmp_path: Path, tiny_disk, cli: Run, command: str
) -> None:
    db = tmp_path / "store.sqlite"
    ws = Workspace(open_store(str(db)), "Writer")
    article = ws.articles.add(NewArticle(text="word " * 400, title="Target"))
    for i in range(4):
        # Random notes: a .docx is compressed, repeated letters would fit on any disk.
        note = secrets.token_hex(100_000)
        ws.annotations.create(article.id, "claim", i * 5, i * 5 + 4, ws.analyst, note=note)
    ws.close()
    disk = tiny_disk(64)
    target = disk / ("out.jsonld" if command == "export-annotations" else "out.docx")
    target.write_bytes(PREVIOUS)
    result = cli(command, str(target), db=db, ok=False)
    assert "disk is full" in result.stderr
    assert target.read_bytes() == PREVIOUS
    assert [p.name for p in disk.iterdir()] == [target.name]


# docx_stream.py writes zip members (ZipFile.open(name, "w")) into the file that
# atomic_write opened for the briefing: nothing of its own reaches the target.
WRITERS_ALLOWED = {"atomic_file.py", "docx_stream.py"}


def test_no_module_writes_files_except_through_the_atomic_writer() -> None:
    """A guard for writers added later: files are written only by core/atomic_file.py
    (SQLite writes its own files; logs append and are not covered)."""
    package = Path(__file__).resolve().parents[2] / "kursk_annotator"
    offenders = []
    for source in package.rglob("*.py"):
        if source.name in WRITERS_ALLOWED or "migrations" in source.parts:
            continue
        tree = ast.parse(source.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            modes = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant)] + [
                k.value.value
                for k in node.keywords
                if k.arg == "mode" and isinstance(k.value, ast.Constant)
            ]
            writes = name in ("write_text", "write_bytes", "copyfile", "copy2", "mkstemp") or (
                name in ("open", "fdopen")
                and any(isinstance(m, str) and set(m) & set("wax+") for m in modes)
            )
            if writes:
                offenders.append(f"{source.relative_to(package)}:{node.lineno} {name}")
    assert not offenders, f"write files through core/atomic_file.atomic_write: {offenders}"
