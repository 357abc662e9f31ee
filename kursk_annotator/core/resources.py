"""Where the shipped data files (``resources/``: gazetteer, map data, icons) are found.

In a source checkout they are the top-level ``resources/`` folder; an installed copy
carries them as the package data ``kursk_annotator/resources`` (found through
``importlib.resources``). Every reader of resources asks here, so moving the folder
touches one function.
"""

from __future__ import annotations

from importlib import resources as _importlib_resources
from pathlib import Path

from kursk_annotator.core.errors import UserError

_CHECKOUT = Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """The path of ``resources/<parts...>``; raises :class:`UserError` when missing."""
    candidates: list[Path] = []
    try:
        packaged = _importlib_resources.files("kursk_annotator").joinpath("resources")
        candidates.append(Path(str(packaged)))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - zipped installs
        pass
    candidates.append(_CHECKOUT)
    for base in candidates:
        path = base.joinpath(*parts)
        if path.exists():
            return path
    raise UserError(f"data file missing: resources/{'/'.join(parts)}: reinstall Kursk Annotator")
