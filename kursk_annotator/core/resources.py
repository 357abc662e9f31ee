"""Where the shipped data files (``resources/``: gazetteer, map data, icons) are found.

In a source checkout they are the top-level ``resources/`` folder; an installed copy
carries them as the package data ``kursk_annotator/resources``, beside the package's
modules. Every reader of resources asks here, so moving the folder touches one function.
"""

from __future__ import annotations

from pathlib import Path

import kursk_annotator
from kursk_annotator.core.errors import UserError

# Where the package's modules are (what ``importlib.resources.files`` gives for a package
# installed as files, without importing it: 10 ms of the app's start-up).
_PACKAGED = Path(kursk_annotator.__file__).resolve().parent / "resources"
_CHECKOUT = Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """The path of ``resources/<parts...>``; raises :class:`UserError` when missing."""
    candidates = [_PACKAGED, _CHECKOUT]
    for base in candidates:
        path = base.joinpath(*parts)
        if path.exists():
            return path
    raise UserError(f"data file missing: resources/{'/'.join(parts)}: reinstall Kursk Annotator")
