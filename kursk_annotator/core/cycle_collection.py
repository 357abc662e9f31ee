"""Python's cycle collector paused around work that makes many objects and no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """The collector, started by allocation counts, would walk every live object (the
    whole library read, tens of thousands of rows) again and again while such work runs:
    up to half its time. Reference counting still frees everything; the collector is
    back as it was afterwards (left off if someone else had turned it off)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
