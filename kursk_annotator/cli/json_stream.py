"""JSON for the command line, written as it is produced: constant memory, few writes.

The output is byte for byte what ``json.dump(data, out, ensure_ascii=False, indent=2)``
writes (a test holds them together), but ``json`` encodes indented output in pure Python
and hands the stream millions of tiny pieces (1.56 million writes for 200,000
annotations). Here each value is built as a string with the C-accelerated string
encoder, objects of a list are encoded one at a time as an iterator yields them (so a
listing of the whole store never sits in memory), and the text goes out in chunks.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

# json's own C string encoder (falls back to its Python twin where C is missing).
_string = json.encoder.encode_basestring  # type: ignore[attr-defined]
_float = json.JSONEncoder(ensure_ascii=False).encode
CHUNK = 1 << 16  # characters gathered before one write


def encode(value: Any, indent: str = "") -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` would write it,
    its inner lines indented by ``indent`` more."""
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not all(isinstance(k, str) for k in value):
            return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
        items = ",\n".join(f"{inner}{_string(k)}: {encode(v, inner)}" for k, v in value.items())
        return "{\n" + items + "\n" + indent + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + encode(v, inner) for v in value) + "\n" + indent + "]"
    # Anything else json knows how to write (or refuses, as json.dump would).
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


def write_json(data: Any, out: TextIO) -> None:
    """Write ``data`` and a newline; a list may also be given as any iterator of items."""
    if isinstance(data, list | tuple | dict | str) or not isinstance(data, Iterable):
        out.write(encode(list(data) if isinstance(data, tuple) else data) + "\n")
        return
    parts: list[str] = []
    size = 0
    separator = "[\n  "
    for item in data:
        piece = separator + encode(item, "  ")
        separator = ",\n  "
        parts.append(piece)
        size += len(piece)
        if size >= CHUNK:
            out.write("".join(parts))
            parts, size = [], 0
    parts.append("[]\n" if separator == "[\n  " else "\n]\n")
    out.write("".join(parts))
