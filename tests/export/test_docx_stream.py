"""A briefing spooled to disk as it is built (docx_stream) is the document python-docx
would have saved from the whole tree: same text, tables, comments and anchors."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from kursk_annotator.core.export import docx_tables
from kursk_annotator.core.export.briefing_data import gather_briefing
from kursk_annotator.core.export.briefing_docx import build_document, export_briefing
from kursk_annotator.core.export.briefing_options import BriefingOptions
from kursk_annotator.core.export.briefing_places import place_rows
from kursk_annotator.core.export.docx_stream import Spool, save_spooled
from kursk_annotator.core.workspace import Workspace
from tests.export.reading import anchors, annotation_comments, open_docx, reply_ids


def _noop(*_args: object) -> None:
    pass


def _read(path: Path) -> dict:
    document = open_docx(path)
    return {
        "paragraphs": [(p.style.name, p.text) for p in document.paragraphs],
        "tables": [[c.text for row in t.rows for c in row.cells] for t in document.tables],
        "comments": [(c.comment_id, c.author, c.initials, c.text) for c in document.comments],
        "replies": reply_ids(document),
        "anchors": {i: (a.text, a.fills, a.closed) for i, a in anchors(document).items()},
        "header": [p.text for p in document.sections[0].header.paragraphs],
    }


@pytest.mark.parametrize("spill_rows", [docx_tables.SPILL_ROWS, 3])
def test_spooled_briefing_is_the_document_built_whole(
    sample_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spill_rows: int
) -> None:
    """With 3, every table of more than three rows keeps its rows on disk as it grows."""
    monkeypatch.setattr(docx_tables, "SPILL_ROWS", spill_rows)
    ws = sample_workspace
    # A review thread, so the comments have replies (commentsExtended.xml).
    first = ws.annotations.list()[0]
    ws.reviews.review(first.id, ws.analysts.ensure("Mark Davies"), "comment", "check the date")
    options = BriefingOptions(title="Stream check", marking="M", author="Test Analyst")
    with gather_briefing(ws, options) as data:  # the sections read as they are written
        data.places = place_rows(ws, data)

        whole, count = build_document(data, _noop)
        reference = tmp_path / "whole.docx"
        whole.save(str(reference))

        streamed = tmp_path / "streamed.docx"
        with Spool() as spool:
            document, streamed_count = build_document(data, _noop, spool)
            # Only the last section (the source list) waits in memory for the save.
            assert len(document.element.body) < len(whole.element.body) / 10
            with streamed.open("wb") as out:
                save_spooled(document, spool, out)

    assert streamed_count == count > 100
    ours, theirs = _read(streamed), _read(reference)
    assert ours == theirs
    assert len(ours["comments"]) == count and ours["replies"]
    with zipfile.ZipFile(streamed) as a, zipfile.ZipFile(reference) as b:
        assert a.namelist() == b.namelist()  # same parts, in python-docx's order
        for name in a.namelist():
            if name.endswith((".xml", ".rels")):  # the same XML, if not spelled alike
                same = etree.tostring(etree.fromstring(a.read(name)), method="c14n")
                assert same == etree.tostring(etree.fromstring(b.read(name)), method="c14n")
            else:
                assert a.read(name) == b.read(name), name


def test_export_briefing_leaves_no_spool_behind(
    sample_workspace: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "exports" / "b.docx"
    out.parent.mkdir()
    result = export_briefing(sample_workspace, BriefingOptions(author="A"), out)
    assert result.comments > 100 and zipfile.is_zipfile(out)
    assert [p.name for p in out.parent.iterdir()] == ["b.docx"]


def test_tags_added_while_the_briefing_is_written_leave_it_whole(
    sample_workspace: Workspace, tmp_path: Path
) -> None:
    """The sections read their annotations as they are written, all on the snapshot the
    counts were taken from: an analyst tagging meanwhile changes neither the counts nor
    the comments, so the summary and the annotated texts agree."""
    ws = sample_workspace
    with gather_briefing(ws, BriefingOptions(author="A")) as data:
        counted = data.annotation_count
        source = data.sections[0].source.article
        # Someone else tags the first article while the document is being built.
        other = Workspace(ws.store, "Mark Davies")
        other.annotations.create(source.id, "place", 0, 5, other.analysts.ensure("Mark Davies"))
        document, _count = build_document(data, _noop)
        assert data.annotation_count == counted
    out = tmp_path / "during.docx"
    document.save(str(out))
    assert len(annotation_comments(open_docx(out))) == counted
    # The next briefing has the new tag.
    with gather_briefing(ws, BriefingOptions(author="A")) as data:
        assert data.annotation_count == counted + 1
