"""Who the current analyst is when nobody says: ``--analyst``, the environment, the OS user.

Kept apart from the analyst service so that opening a workspace does not define the
store's tables (a command that only reads never needs them).
"""

from __future__ import annotations

import getpass
import os

from kursk_annotator.core.errors import UserError

ENV_ANALYST = "KURSK_ANNOTATOR_ANALYST"


def default_analyst_name(explicit: str | None = None) -> str:
    """``--analyst``, else ``KURSK_ANNOTATOR_ANALYST``, else the OS user name."""
    if explicit is not None and not explicit.strip():
        raise UserError("--analyst is empty: give your name, or leave --analyst out")
    name = explicit or os.environ.get(ENV_ANALYST)
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):
            name = "analyst"
    return name
