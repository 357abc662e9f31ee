"""Indented JSON text built with json's C string encoder: what ``json.dumps(value,
ensure_ascii=False, indent=2)`` writes, several times faster.

``json`` encodes indented output in pure Python, value by value; the command line's
``--json`` and the W3C export write hundreds of thousands of objects, so each value is
built here as a string instead (``tests/cli/test_json_stream.py`` holds the two together).
"""

from __future__ import annotations

import json
from typing import Any

# json's own C string encoder (falls back to its Python twin where C is missing).
encode_string = json.encoder.encode_basestring  # type: ignore[attr-defined]
_float = json.JSONEncoder(ensure_ascii=False).encode


def encode(value: Any, indent: str = "") -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` would write it,
    its inner lines indented by ``indent`` more."""
    if isinstance(value, str):
        return encode_string(value)
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
        items = ",\n".join(
            f"{inner}{encode_string(k)}: {encode(v, inner)}" for k, v in value.items()
        )
        return "{\n" + items + "\n" + indent + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + encode(v, inner) for v in value) + "\n" + indent + "]"
    # Anything else json knows how to write (or refuses, as json.dump would).
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
