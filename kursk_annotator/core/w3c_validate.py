"""Validate a W3C Web Annotation file completely before anything of it is stored.

Pure functions, no store: :func:`load_w3c` turns the bytes of a file into JSON data or
one line saying why not (not UTF-8, not JSON, nested too deep, numbers too large, NaN);
:func:`validate_w3c` lists every problem of the data, one line each (structure, types,
ranges, sizes, dates, lone surrogates); :func:`check_w3c_file` does both and raises a
UserError naming the first problems. An importer calls it first and stores nothing if
the file has any problem, so a file is imported whole or not at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from kursk_annotator.core.errors import UserError

MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_DEPTH = 32  # an annotation is about 6 levels deep; a collection adds 3
MAX_ANNOTATIONS = 2_000_000
MAX_IRI = 2_000
MAX_QUOTE = 1_000_000
MAX_CONTEXT = 10_000
MAX_NOTE = 10_000_000
MAX_NAME = 500
MAX_INT = 2**31 - 1
MAX_INT_DIGITS = 18
STATUSES = ("pending", "accepted", "rejected", "changes_requested")
_SURROGATE = re.compile("[\ud800-\udfff]")
_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$"
)


class _Refused(ValueError):
    pass


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _Refused(f"a number with {len(text)} digits is too large for an annotation")
    return int(text)


def _parse_constant(name: str) -> float:
    raise _Refused(f"{name} is not a number JSON allows")


def load_w3c(raw: bytes, name: str = "the file") -> Any:
    """The JSON data of a W3C file, or a UserError in one line."""
    if len(raw) > MAX_FILE_BYTES:
        raise UserError(
            f"{name} is {len(raw) / 1e6:.0f} MB, more than {MAX_FILE_BYTES // 2**20} MB: "
            "export fewer annotations per file"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{name} is not UTF-8 text (bad byte at offset {exc.start}): W3C files are UTF-8"
        ) from None
    try:
        return json.loads(text, parse_int=_parse_int, parse_constant=_parse_constant)
    except _Refused as exc:
        raise UserError(f"{name} is not a valid annotation file: {exc}") from None
    except RecursionError:
        raise UserError(
            f"{name} is nested too deeply to be an annotation file (more than {MAX_DEPTH} levels)"
        ) from None
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{name} is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except ValueError as exc:  # e.g. Python's own limit on digits
        raise UserError(f"{name} is not a valid annotation file: {exc}") from None


def _depth_problem(data: Any) -> str | None:
    # Level by level, keeping only the objects and lists (a value per stack entry was a
    # tenth of an import): a value deeper than MAX_DEPTH lies in a non-empty object or
    # list at depth MAX_DEPTH (the data itself is at depth 1).
    level = [data] if isinstance(data, (dict, list)) else []
    for _depth in range(1, MAX_DEPTH):
        below: list[Any] = []
        for value in level:
            values = value.values() if isinstance(value, dict) else value
            below += [v for v in values if isinstance(v, (dict, list))]
        if not below:
            return None
        level = below
    if any(level):
        return f"the data is nested more than {MAX_DEPTH} levels deep"
    return None


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("type", node.get("@type", []))
    if isinstance(value, str):
        return {value}
    return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()


def _annotations(data: Any, problems: list[str]) -> Iterator[Any]:
    """The annotation nodes of a collection, page, list or single annotation."""
    if isinstance(data, list):
        for item in data:
            yield from _annotations(item, problems)
        return
    if not isinstance(data, dict):
        problems.append("the file holds no W3C annotations: expected a JSON object or list")
        return
    kinds = _types(data)
    if "Annotation" in kinds:
        yield data
    elif "AnnotationPage" in kinds:
        items = data.get("items", [])
        if not isinstance(items, list):
            problems.append("an AnnotationPage's items is not a list")
            return
        yield from items
    elif "AnnotationCollection" in kinds:
        page = data.get("first")
        seen = 0
        while page is not None:
            if not isinstance(page, dict):
                problems.append(
                    "the collection's pages are linked, not embedded: save them in one file"
                )
                return
            items = page.get("items", [])
            if not isinstance(items, list):
                problems.append("an AnnotationPage's items is not a list")
                return
            yield from items
            page = page.get("next")
            seen += 1
            if seen > MAX_DEPTH:
                return
    else:
        problems.append(
            "the file holds no W3C annotations: expected an Annotation, AnnotationPage "
            "or AnnotationCollection"
        )


def _text(value: Any, what: str, limit: int, required: bool = False) -> str | None:
    if value is None:
        return f"{what} is missing" if required else None
    if not isinstance(value, str):
        return f"{what} is {type(value).__name__}, not text"
    if required and not value:
        return f"{what} is empty"
    if len(value) > limit:
        return f"{what} is {len(value):,} characters long (at most {limit:,})"
    if _SURROGATE.search(value):
        return f"{what} holds a lone surrogate (not valid Unicode)"
    if "\x00" in value:
        return f"{what} holds a NUL character"
    return None


def _integer(value: Any, what: str, low: int = 0, high: int = MAX_INT) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return f"{what} is {type(value).__name__}, not a whole number"
    if not low <= value <= high:
        return f"{what} {value} is outside {low}..{high:,}"
    return None


def _date(value: Any, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        return f"{what} is {type(value).__name__}, not a date"
    if not _DATETIME.match(value):
        return f"{what} {value[:40]!r} is not an ISO 8601 date and time"
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        return f"{what} {value[:40]!r} is not a real date ({exc})"
    return None


def _strings(value: Any, what: str, depth: int = 0) -> Iterator[str]:
    """Problems of free-form values (attributes): lone surrogates, NUL, huge numbers."""
    if isinstance(value, str):
        problem = _text(value, what, MAX_NOTE)
        if problem:
            yield problem
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, f"{what} key", depth + 1)
            yield from _strings(item, f"{what} {key!s:.30}", depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, what, depth + 1)
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        yield f"{what} {value} is too large"


def annotation_problems(node: Any) -> list[str]:
    """Every problem of one annotation node (empty if it can be imported)."""
    if not isinstance(node, dict):
        return [f"is {type(node).__name__}, not an annotation object"]
    out: list[str] = []

    def add(problem: str | None) -> None:
        if problem:
            out.append(problem)

    add(_text(node.get("id", node.get("@id")), "id", MAX_IRI, required=True))
    if "Annotation" not in _types(node):
        out.append("its type is not 'Annotation'")
    # What is well-formed but unusable here (a bare IRI target, no selector, an unknown
    # kind) is the importer's to report per annotation; this refuses malformed data only.
    target = node.get("target")
    if isinstance(target, list):
        target = target[0] if target else None
    if isinstance(target, str):
        add(_text(target, "target", MAX_IRI))
    elif target is not None and not isinstance(target, dict):
        out.append(f"its target is {type(target).__name__}, not an object or IRI")
    elif isinstance(target, dict):
        add(_text(target.get("source"), "target source", MAX_IRI, required=True))
        selectors = target.get("selector", [])
        selectors = selectors if isinstance(selectors, list) else [selectors]
        quote = position = None
        for selector in selectors:
            if not isinstance(selector, dict):
                out.append("a selector is not an object")
                continue
            kinds = _types(selector)
            if "TextQuoteSelector" in kinds:
                quote = selector
            elif "TextPositionSelector" in kinds:
                position = selector
        if quote is not None:
            add(_text(quote.get("exact"), "exact quote", MAX_QUOTE, required=True))
            add(_text(quote.get("prefix", ""), "prefix", MAX_CONTEXT))
            add(_text(quote.get("suffix", ""), "suffix", MAX_CONTEXT))
        if position is not None:
            start, end = position.get("start"), position.get("end")
            add(_integer(start, "start"))
            add(_integer(end, "end", 1))
            if isinstance(start, int) and isinstance(end, int) and not start < end:
                out.append(f"start {start} is not before end {end}")
    body = node.get("body", [])
    bodies = body if isinstance(body, list) else [body]
    for b in bodies:
        if isinstance(b, str):
            add(_text(b, "body", MAX_IRI))
            continue
        if not isinstance(b, dict):
            out.append(f"a body is {type(b).__name__}, not an object")
            continue
        limit = MAX_NOTE if b.get("purpose") == "commenting" else MAX_NAME
        add(_text(b.get("value"), f"{b.get('purpose') or 'body'} value", limit))
    attributes = node.get("kursk:attributes")
    if attributes is not None and not isinstance(attributes, dict):
        out.append("kursk:attributes is not an object")
    elif attributes:
        out.extend(_strings(attributes, "attribute"))
    status = node.get("kursk:status")
    if status is not None and status not in STATUSES:
        out.append(f"kursk:status {str(status)[:40]!r} is not one of {', '.join(STATUSES)}")
    if "kursk:version" in node:
        add(_integer(node["kursk:version"], "kursk:version", 1))
    creator = node.get("creator")
    creators = creator if isinstance(creator, list) else [creator]
    for c in creators:
        if isinstance(c, dict):
            add(_text(c.get("name"), "creator name", MAX_NAME))
            add(_text(c.get("nickname"), "creator nickname", MAX_NAME))
        elif c is not None:
            add(_text(c, "creator", MAX_NAME))
    add(_date(node.get("created"), "created"))
    add(_date(node.get("modified"), "modified"))
    return out


def validate_w3c(data: Any) -> list[str]:
    """Every problem of a W3C file's data, one line each (empty if it can be imported)."""
    problems: list[str] = []
    deep = _depth_problem(data)
    if deep:
        return [deep]
    for count, node in enumerate(_annotations(data, problems), start=1):
        if count > MAX_ANNOTATIONS:
            problems.append(f"more than {MAX_ANNOTATIONS:,} annotations: split the file")
            break
        iri = node.get("id") if isinstance(node, dict) else None
        label = f"annotation {count}" + (f" ({iri[:80]})" if isinstance(iri, str) else "")
        problems.extend(f"{label}: {p}" for p in annotation_problems(node))
    return problems


def check_w3c_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """Read and validate a whole W3C file; its data, or a UserError listing the problems."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UserError(
                f"{path.name} is {size / 1e6:.0f} MB, more than {max_bytes / 1e6:.0f} MB: "
                "export fewer annotations per file"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path} does not exist: check the file name") from None
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
    data = load_w3c(raw, path.name)
    problems = validate_w3c(data)
    if problems:
        shown = "; ".join(problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise UserError(
            f"{path.name} was not imported, nothing of it was stored: {shown}{more}: "
            "correct the file and import it again"
        )
    return data
