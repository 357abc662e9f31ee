"""Printing for the CLI: JSON (documented, stable) or short human-readable lines."""

from __future__ import annotations

import sys
from typing import Any

from kursk_annotator.cli.json_stream import write_json
from kursk_annotator.core.records import AnnotationInfo


def print_json(data: Any) -> None:
    """``data`` as indented JSON; a list may be an iterator, written as it yields."""
    write_json(data, sys.stdout)


def one_line(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def annotation_line(a: AnnotationInfo) -> str:
    attrs = ", ".join(f"{k}={v}" for k, v in a.attributes.items())
    line = (
        f"#{a.id:<5} art {a.article_id:<3} {a.kind:<6} {a.start:>6}-{a.end:<6} "
        f"{a.status:<17} {a.analyst:<18} “{one_line(a.quote, 60)}”"
    )
    if attrs:
        line += f"  [{one_line(attrs, 80)}]"
    if a.note:
        line += f"  note: {one_line(a.note, 60)}"
    return line
