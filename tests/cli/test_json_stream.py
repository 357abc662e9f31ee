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


def test_annotations_json_from_the_driver_is_what_the_records_write(
    cli, sample_db, tmp_path
) -> None:
    """``annotations --json`` builds its text from the SQLite driver's rows; it must be
    byte for byte json.dump(indent=2) of the records the services read, filters and all."""
    from kursk_annotator.core.store import open_store
    from kursk_annotator.core.workspace import Workspace

    ws = Workspace(open_store(str(sample_db)), "Ünïcode “Analyst” 😀")
    text = ws.annotations.article_text(2)
    made = ws.annotations.create(
        2, "figure", 0, 12, ws.analyst, note='a "quoted"\nnote\t\u2028 😀', attributes={}
    )
    ws.annotations.update(made.id, ws.analyst, note="edited ü")  # version 2, new time
    ws.annotations.create(2, "claim", 20, 40, ws.analyst, attributes={"attributed_to": "Ж"})
    gone = ws.annotations.create(2, "place", 50, 60, ws.analyst)
    ws.annotations.delete(gone.id, ws.analyst)
    assert text
    cases = [
        ([], {}),
        (["--article", "2"], {"article_id": 2}),
        (["--kind", "claim", "--kind", "figure"], {"kinds": ["claim", "figure"]}),
        (["--status", "pending", "--article", "2"], {"statuses": ["pending"], "article_id": 2}),
        (["--analyst", ws.analyst_name], {"analysts": [ws.analyst_name]}),
        (["--article", "2", "--kind", "place", "--analyst", "nobody"], None),
    ]
    for options, filters in cases:
        records = ws.annotations.list(**filters) if filters is not None else []
        expected = json.dumps([a.as_json() for a in records], ensure_ascii=False, indent=2)
        out = cli("annotations", "--json", *options, db=sample_db).stdout
        assert out == expected + "\n", options
    ws.close()
