"""Printing for the CLI: JSON (documented, stable) or short human-readable lines.

Human-readable output shows text other people wrote (titles, notes, names, comments).
A terminal obeys escape sequences in it: ESC and OSC sequences can recolour, retitle or
clear the screen, a carriage return can overwrite a line, and bidi overrides can show
"annotated" where the bytes say something else. So everything printed for people goes
through :func:`terminal_safe` (installed on stdout and stderr by the CLI), which shows
such characters as visible symbols; ``--json`` output is written exactly.
"""

from __future__ import annotations

import io
import sys
from typing import Any, TextIO

from kursk_annotator.cli.json_stream import write_json
from kursk_annotator.core.records import AnnotationInfo


def print_json(data: Any) -> None:
    """``data`` as indented JSON; a list may be an iterator, written as it yields."""
    write_json(data, sys.stdout)


def _visible_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        if chr(code) not in "\n\t":
            table[code] = chr(0x2400 + code)  # control pictures: ␛ for ESC, ␍ for CR
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):  # C1 controls (0x9B is a one-byte CSI)
        table[code] = f"<U+{code:04X}>"
    for code in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)):
        table[code] = f"<U+{code:04X}>"  # bidi marks, embeddings, overrides, isolates
    for code in range(0xD800, 0xE000):  # lone surrogates (undecodable bytes)
        table[code] = "\ufffd"
    return table


_VISIBLE = _visible_table()


def terminal_safe(text: str) -> str:
    """``text`` with control characters, escape sequences and bidi controls made visible
    (newlines and tabs kept)."""
    return text.translate(_VISIBLE)


class SafeText(io.TextIOBase):
    """A text stream that passes everything through :func:`terminal_safe`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_safe(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._stream.encoding

    def __getattr__(self, name: str) -> Any:  # buffer, errors, reconfigure...
        return getattr(self._stream, name)


def make_terminal_safe(json_output: bool) -> None:
    """Sanitise what this command prints for people: stderr always, stdout unless the
    command writes JSON (which stays byte-exact)."""
    if not isinstance(sys.stderr, SafeText):
        sys.stderr = SafeText(sys.stderr)
    if not json_output and not isinstance(sys.stdout, SafeText):
        sys.stdout = SafeText(sys.stdout)


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
