"""Readable one-line summaries of history entries (the CLI and the history dialog)."""

from __future__ import annotations

from typing import Any


def _short(value: Any, limit: int) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_change(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """The fields that changed, as ``field: old -> new``; new fields as ``field=value``."""
    before, after = before or {}, after or {}
    keys = [*after, *(k for k in before if k not in after)]
    parts = []
    for key in keys:
        old, new = before.get(key), after.get(key)
        if key in before and old == new:
            continue
        if key in before:
            parts.append(f"{key}: {_short(old, 30)} -> {_short(new, 30)}")
        elif new not in (None, "", {}, []):
            parts.append(f"{key}={_short(new, 40)}")
    return "; ".join(parts)
