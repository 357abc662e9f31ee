"""A known speaker, as the claim suggester matches speakers to it.

Its own module so that the app can read the store's actors and hand them to the
suggestion process without importing (and compiling) the claim rules itself.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Actor:
    """A known speaker: its name, other names it goes by, and its side."""

    name: str
    aliases: tuple[str, ...] = ()
    side: str | None = None
