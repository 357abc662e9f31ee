"""Where the application's non-code files are: the top-level ``resources/`` folder.

Installed, ``resources/`` is the package ``kursk_annotator.resources`` (setup.py maps the
folder to that name; pyproject.toml ships every file under it as package data), found
through ``importlib.resources``: a wheel, an editable install and a zipped install alike.

Run from a source checkout (``PYTHONPATH=.``), the checkout's own ``resources/`` is used:
another checkout installed in editable mode in the same environment would otherwise
answer with *its* files. Qt-free, so the core and the CLI can read resources too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

# Reverse-DNS name of the application: the .desktop file, the AppStream component, the
# icon name desktops look up, and Qt's desktop file name (Wayland task bars).
APP_ID = "org.kurskannotator.KurskAnnotator"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

_CHECKOUT = Path(__file__).resolve().parent.parent


def resources_root() -> Traversable:
    """The ``resources/`` folder (a ``Traversable``: a ``Path`` unless zipped)."""
    checkout = _CHECKOUT / "resources"
    if (_CHECKOUT / "pyproject.toml").is_file() and (checkout / "__init__.py").is_file():
        return checkout
    return files("kursk_annotator.resources")


def resource(*parts: str) -> Traversable:
    """``resource("icons", "kursk-annotator.svg")``: one file or folder in ``resources/``.

    Read it with ``.read_bytes()`` / ``.read_text()`` / ``.open()``; for a library that
    needs a real file name (SQLite, Qt), use ``resource_file``."""
    node = resources_root()
    for part in parts:
        node = node.joinpath(part)
    return node


@contextmanager
def resource_file(*parts: str) -> Iterator[Path]:
    """A real file-system path for ``resource(*parts)``, valid inside the ``with`` block
    (a temporary copy only when the package is installed zipped)."""
    with as_file(resource(*parts)) as path:
        yield Path(path)


def icon_png(size: int) -> Traversable:
    return resource("icons", f"kursk-annotator-{size}.png")


def icon_svg() -> Traversable:
    return resource("icons", "kursk-annotator.svg")


def desktop_entry() -> Traversable:
    return resource("linux", f"{APP_ID}.desktop")


def appstream_metadata() -> Traversable:
    return resource("linux", f"{APP_ID}.metainfo.xml")
