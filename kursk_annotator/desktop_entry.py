"""Install the desktop entry, icons and AppStream metadata for the current user (Linux).

The files come from ``resources/`` (found through ``core.resources.resource_path``) and go where the
freedesktop.org specifications look: ``$XDG_DATA_HOME/applications``,
``.../icons/hicolor/<size>x<size>/apps`` and ``.../metainfo``. The entry's ``Exec`` line
names the command that is running now, so a virtual environment need not be on PATH.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from kursk_annotator import APP_ID
from kursk_annotator.core.atomic_file import write_bytes_atomic
from kursk_annotator.core.resources import resource_path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_png(size: int) -> Path:
    return resource_path("icons", f"kursk-annotator-{size}.png")


def icon_svg() -> Path:
    return resource_path("icons", "kursk-annotator.svg")


def desktop_entry() -> Path:
    return resource_path("linux", f"{APP_ID}.desktop")


def appstream_metadata() -> Path:
    return resource_path("linux", f"{APP_ID}.metainfo.xml")


def default_data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launch_command() -> str:
    """The ``Exec`` value that starts this installation's app."""
    script = shutil.which("kursk-annotator")
    if script:
        return _quote(script)
    return f"{_quote(sys.executable)} -m kursk_annotator"


def _quote(arg: str) -> str:
    # The desktop entry spec quotes with double quotes and escapes ", `, $ and \.
    if all(c.isalnum() or c in "/._-+" for c in arg):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{escaped}"'


def entry_text(command: str) -> str:
    lines = []
    for line in desktop_entry().read_text(encoding="utf-8").splitlines():
        lines.append(f"Exec={command}" if line.startswith("Exec=") else line)
    return "\n".join(lines) + "\n"


def install(data_home: Path | None = None, command: str | None = None) -> list[Path]:
    """Write the files; returns their paths. Running it again replaces them."""
    home = data_home or default_data_home()
    written: list[tuple[Path, bytes]] = [
        (
            home / "applications" / f"{APP_ID}.desktop",
            entry_text(command or launch_command()).encode("utf-8"),
        ),
        (home / "metainfo" / f"{APP_ID}.metainfo.xml", appstream_metadata().read_bytes()),
        (home / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg", icon_svg().read_bytes()),
    ]
    for size in ICON_SIZES:
        target = home / f"icons/hicolor/{size}x{size}/apps" / f"{APP_ID}.png"
        written.append((target, icon_png(size).read_bytes()))
    for path, data in written:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, data)  # a desktop never reads a half-written entry
    return [path for path, _ in written]


def uninstall(data_home: Path | None = None) -> list[Path]:
    home = data_home or default_data_home()
    candidates = [
        home / "applications" / f"{APP_ID}.desktop",
        home / "metainfo" / f"{APP_ID}.metainfo.xml",
        home / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg",
        *(home / f"icons/hicolor/{s}x{s}/apps" / f"{APP_ID}.png" for s in ICON_SIZES),
    ]
    removed = [path for path in candidates if path.is_file()]
    for path in removed:
        path.unlink()
    return removed
