"""Readable one-line summaries of history entries (the CLI and the history dialog)."""

from __future__ import annotations

from typing import Any

# Bookkeeping in history entries that means nothing to a reader of the history.
_HIDDEN = {"review_id"}


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k.replace('_', ' ')}: {_plain(v)}" for k, v in value.items()) or "—"
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    return str(value)


def _short(value: Any, limit: int) -> str:
    text = " ".join(_plain(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_change(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """The fields that changed, as ``field: old -> new``; new fields as ``field=value``."""
    before, after = before or {}, after or {}
    keys = [*after, *(k for k in before if k not in after)]
    parts = []
    for key in keys:
        if key in _HIDDEN:
            continue
        old, new = before.get(key), after.get(key)
        if key in before and old == new:
            continue
        if key in before:
            parts.append(f"{key}: {_short(old, 30)} -> {_short(new, 30)}")
        elif new not in (None, "", {}, []):
            parts.append(f"{key}={_short(new, 60)}")
    return "; ".join(parts)
