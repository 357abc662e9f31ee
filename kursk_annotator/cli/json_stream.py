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

from kursk_annotator.core.json_text import encode, encode_string

CHUNK = 1 << 16  # characters gathered before one write


def write_json(data: Any, out: TextIO) -> None:
    """Write ``data`` and a newline; a list may also be given as any iterator of items."""
    if isinstance(data, list | tuple | dict | str) or not isinstance(data, Iterable):
        out.write(encode(list(data) if isinstance(data, tuple) else data) + "\n")
        return
    write_json_items((encode(item, "  ") for item in data), out)


def write_json_items(items: Iterable[str], out: TextIO) -> None:
    """A JSON list of items already encoded (each as :func:`encode` writes it at an indent
    of two), written in chunks as the iterator yields them, and a newline."""
    parts: list[str] = []
    size = 0
    separator = "[\n  "
    for text in items:
        piece = separator + text
        separator = ",\n  "
        parts.append(piece)
        size += len(piece)
        if size >= CHUNK:
            out.write("".join(parts))
            parts, size = [], 0
    parts.append("[]\n" if separator == "[\n  " else "\n]\n")
    out.write("".join(parts))


def _stamp(value: str | None) -> str:
    """A time as SQLite holds it (``2025-01-02 03:04:05.123456``, UTC) written as
    ``records.iso`` writes the datetime read from it: ``"2025-01-02T03:04:05Z"``."""
    if value is None:
        return "null"
    if len(value) in (19, 26) and value[10] == " " and value[4] == "-":
        return f'"{value[:10]}T{value[11:19]}Z"'
    from datetime import UTC, datetime

    from kursk_annotator.core.records import iso

    moment = datetime.fromisoformat(value)  # another spelling: read it as the ORM would
    if moment.utcoffset() is None:
        moment = moment.replace(tzinfo=UTC)
    return encode_string(iso(moment.astimezone(UTC)))


def annotation_json(row: tuple[Any, ...]) -> str:
    """One raw row of ``core.listings.raw_annotation_rows`` as ``encode`` writes its
    ``AnnotationInfo.as_json()`` in a list (byte for byte; a test holds them together)."""
    (id_, uid, article, kind, start, end, quote, prefix, suffix, note, attributes) = row[:11]
    attrs = "{}" if attributes == "{}" else encode(json.loads(attributes), "    ")
    return (
        f'{{\n    "id": {id_},\n    "uid": {encode_string(uid)},\n'
        f'    "article_id": {article},\n    "kind": {encode_string(kind)},\n'
        f'    "start": {start},\n    "end": {end},\n    "quote": {encode_string(quote)},\n'
        f'    "prefix": {encode_string(prefix)},\n    "suffix": {encode_string(suffix)},\n'
        f'    "note": {encode_string(note)},\n    "attributes": {attrs},\n'
        f'    "analyst": {encode_string(row[12])},\n    "status": {encode_string(row[13])},\n'
        f'    "version": {row[14]},\n    "created": {_stamp(row[15])},\n'
        f'    "updated": {_stamp(row[16])}\n  }}'
    )
