"""The CLI's streamed JSON is what json.dump(indent=2) writes, item by item."""

from __future__ import annotations

import io
import json

import pytest

from kursk_annotator.cli import json_stream
from kursk_annotator.cli.json_stream import write_json

CASES = [
    [],
    {},
    "plain",
    7,
    None,
    [{}],
    [{"a": []}],
    {"x": 1.5, "y": [1, 2, {"z": None}], "t": True, "f": False},
    {"s": 'ü "quoted"\n\t\u2028 \x00 😀 \ud800'},
    [1e100, -0.0, 3, 12000],
    {"a": {"b": {"c": [], "d": {}}}},
    {1: "int keys go through json itself"},
    [{"id": n, "attributes": {"value": n * 1000, "unit": "km²"}, "note": ""} for n in range(5)],
]


@pytest.mark.parametrize("data", CASES)
def test_same_text_as_json_dump(data) -> None:
    expected = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    out = io.StringIO()
    write_json(data, out)
    assert out.getvalue() == expected
    if isinstance(data, list):
        streamed = io.StringIO()
        write_json(iter(data), streamed)
        assert streamed.getvalue() == expected


def test_long_streams_are_written_in_chunks(monkeypatch) -> None:
    monkeypatch.setattr(json_stream, "CHUNK", 100)
    writes: list[str] = []

    class Recorder(io.StringIO):
        def write(self, text: str) -> int:
            writes.append(text)
            return super().write(text)

    items = [{"id": n, "quote": "Sudzha " * 3} for n in range(300)]
    out = Recorder()
    write_json((item for item in items), out)
    assert json.loads(out.getvalue()) == items
    assert 10 < len(writes) < 300  # in pieces, never one write per value


def test_values_json_cannot_write_are_refused_as_json_refuses_them() -> None:
    with pytest.raises(TypeError):
        write_json([{"when": object()}], io.StringIO())
