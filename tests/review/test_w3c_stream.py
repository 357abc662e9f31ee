"""The W3C export written to a file a batch at a time is the collection export_annotations
builds, as write_annotations writes it: same items, same order, same text layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.exchange.w3c import export_annotations, export_to_file, write_annotations
from kursk_annotator.core.workspace import Workspace


def _without_fresh_ids(collection: dict) -> dict:
    """The collection less what each export makes anew (its ids and time)."""
    data = json.loads(json.dumps(collection))
    data["id"] = data["generated"] = None
    if "first" in data:
        data["first"]["id"] = data["first"]["partOf"] = None
    return data


@pytest.mark.parametrize(
    ("article_ids", "analysts"),
    [(None, None), ([3], None), ([3, 1], None), (None, ["Nobody Here"]), ([2], ["Nobody Here"])],
)
def test_streamed_file_is_the_collection_as_written_before(
    sample_workspace: Workspace, tmp_path: Path, article_ids, analysts
) -> None:
    ws = sample_workspace
    if analysts:
        ws.analysts.ensure(analysts[0])  # known, with no annotations: an empty export
    ws.annotations.create(3, "claim", 0, 9, ws.analyst, note='ü "quoted"\nnote 😀')
    old = tmp_path / "old.jsonld"
    write_annotations(old, export_annotations(ws, article_ids, analysts))
    new = tmp_path / "new.jsonld"
    total = export_to_file(ws, new, article_ids, analysts)
    text = new.read_text(encoding="utf-8")
    written = json.loads(text)
    expected = json.loads(old.read_text(encoding="utf-8"))
    assert total == written["total"] == expected["total"]
    assert (total == 0) == (analysts is not None)
    assert _without_fresh_ids(written) == _without_fresh_ids(expected)
    # The same layout: exactly what json.dump(indent=2) writes for it.
    assert text == json.dumps(written, ensure_ascii=False, indent=2) + "\n"


def test_a_refused_export_leaves_the_previous_file(sample_workspace: Workspace, tmp_path: Path):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "kept.jsonld"
    out.write_text("previous export\n")
    with pytest.raises(UserError):
        export_to_file(sample_workspace, out, [999])
    with pytest.raises(UserError):
        export_to_file(sample_workspace, out, None, ["No Such Analyst"])
    assert out.read_text() == "previous export\n"
    assert [p.name for p in folder.iterdir()] == ["kept.jsonld"]
