"""What a history entry changed, field by field, in full: ``side: Ukraine → Russia``.

Used by the ``history`` command and the History window. Only fields whose value differs
are listed; the attributes of an annotation (a dict in the stored snapshot) are compared
one by one, so a change of side reads as that, not as the whole attribute set twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Bookkeeping in history entries that means nothing to a reader of the history.
_HIDDEN = {"review_id"}
# Snapshot fields whose value is itself a set of fields: compared one by one.
_NESTED = {"attributes"}
ARROW = "→"
EMPTY = "(empty)"


class _Absent:
    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()


def _plain(value: Any) -> str:
    if value is ABSENT or value in (None, "", [], {}):
        return EMPTY
    if isinstance(value, dict):
        return ", ".join(f"{label(k)}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def label(key: str) -> str:
    return key.replace("_", " ")


@dataclass(frozen=True)
class FieldChange:
    field: str  # as a reader names it: "side", "note", "status"
    old: Any  # ABSENT when the field is new
    new: Any  # ABSENT when the field was removed

    @property
    def old_text(self) -> str:
        return _plain(self.old)

    @property
    def new_text(self) -> str:
        return _plain(self.new)

    def text(self) -> str:
        if self.old is ABSENT:
            return f"{self.field}: {self.new_text}"
        return f"{self.field}: {self.old_text} {ARROW} {self.new_text}"


def _empty(value: Any) -> bool:
    return value is ABSENT or value in (None, "", [], {})


def field_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[FieldChange]:
    """The fields that differ between two snapshots, in the order of ``after``.

    A new entry (no ``before``) lists the fields it was created with, empty ones left out.
    """
    created = before is None
    before, after = before or {}, after or {}
    changes: list[FieldChange] = []
    for key in [*after, *(k for k in before if k not in after)]:
        if key in _HIDDEN:
            continue
        old, new = before.get(key, ABSENT), after.get(key, ABSENT)
        if key in _NESTED and isinstance(old if old is not ABSENT else {}, dict):
            inner_old = old if isinstance(old, dict) else {}
            inner_new = new if isinstance(new, dict) else {}
            for inner in field_changes(None if created else inner_old, inner_new):
                changes.append(inner)
            continue
        if old == new or (_empty(old) and _empty(new)):
            continue
        if created and _empty(new):
            continue
        changes.append(FieldChange(label(key), ABSENT if created else old, new))
    return changes


def describe_change(
    before: dict[str, Any] | None, after: dict[str, Any] | None, separator: str = "; "
) -> str:
    """Every changed field as ``field: old → new`` (a new entry: ``field: value``)."""
    return separator.join(change.text() for change in field_changes(before, after))
