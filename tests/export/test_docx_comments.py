"""The fast comment writer produces the same standard comments as python-docx's own."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.oxml.ns import qn

from kursk_annotator.core.export.docx_comments import (
    CommentWriter,
    add_comment_styles,
    range_end_xml,
    range_start_xml,
)
from kursk_annotator.core.export.docx_xml import append_xml, paragraph_xml, plain_run_xml
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace
from tests.export.reading import anchors, open_docx


def test_comments_continue_after_python_docx_s_own(tmp_path: Path) -> None:
    document = docx.Document()
    first = document.add_paragraph().add_run("made by python-docx")
    document.add_comment(first, text="theirs", author="Mark Davies", initials="MD")
    writer = CommentWriter(document)
    add_comment_styles(document)
    when = datetime(2025, 1, 5, 14, 50, tzinfo=UTC)
    cid = writer.add("Olena Kovalchuk", "OK", when, [("Figure · accepted", True), ("note", False)])
    body = document.element.body
    sect_pr = body.sectPr
    body.remove(sect_pr)
    append_xml(
        body,
        paragraph_xml(range_start_xml(cid) + plain_run_xml("made by us") + range_end_xml(cid)),
    )
    body.append(sect_pr)
    writer.flush()
    out = tmp_path / "mixed.docx"
    document.save(str(out))

    reread = open_docx(out)
    comments = {c.comment_id: c for c in reread.comments}
    assert sorted(comments) == [0, 1] and cid == 1
    ours = comments[1]
    assert (ours.author, ours.initials) == ("Olena Kovalchuk", "OK")
    assert ours.timestamp == when
    assert [p.text for p in ours.paragraphs] == ["Figure · accepted", "note"]
    assert ours.paragraphs[0].runs[-1].bold
    # The same shape python-docx gives its own: CommentText paragraphs, annotationRef first.
    for comment in comments.values():
        first_p = comment.paragraphs[0]._p
        assert first_p.pPr.pStyle.val == "CommentText"
        assert first_p.find(f"{qn('w:r')}/{qn('w:annotationRef')}") is not None
    assert {r.text for r in anchors(reread).values()} == {"made by python-docx", "made by us"}
    styles = {s.style_id for s in reread.styles}
    assert {"CommentText", "CommentReference"} <= styles


def test_thousands_of_annotations_each_get_their_comment(
    workspace: Workspace, tmp_path: Path
) -> None:
    from kursk_annotator.core.export.briefing_docx import export_briefing
    from kursk_annotator.core.export.briefing_options import BriefingOptions

    sentence = "About 1,200 troops moved near Sudzha, officials said. "
    text = sentence * 1500
    article = workspace.articles.add(NewArticle(text=text, title="Long wire")).id or 0
    items = []
    for i in range(1500):
        base = i * len(sentence)
        items.append({"kind": "figure", "start": base, "end": base + 18})
        items.append({"kind": "place", "start": base + 30, "end": base + 36})
    assert workspace.annotations.bulk_create(article, items, workspace.analyst) == 3000
    out = tmp_path / "many.docx"
    result = export_briefing(workspace, BriefingOptions(), out)
    assert result.comments == 3000
    document = open_docx(out)
    ranges = anchors(document)
    assert len(document.comments) == len(ranges) == 3000
    texts = sorted(r.text for r in ranges.values())
    assert texts == sorted(["About 1,200 troops"] * 1500 + ["Sudzha"] * 1500)
