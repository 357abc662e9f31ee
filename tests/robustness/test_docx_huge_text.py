"""A Word briefing of a 12 MB paragraph with a 10 MB note is written (the text split into
pieces Word and libxml2 accept), not a traceback about a text node too long."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx

from kursk_annotator.core.export.briefing_docx import export_briefing
from kursk_annotator.core.export.briefing_options import BriefingOptions
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace


def test_twelve_mb_paragraph_and_ten_mb_note_export(workspace: Workspace, tmp_path: Path) -> None:
    text = "Sudzha was taken. " + "word " * 2_400_000  # one paragraph of 12 MB
    article = workspace.articles.add(NewArticle(text=text, title="Huge"))
    workspace.annotations.create(
        article.id, "place", 0, 6, workspace.analyst, note="n" * 10_000_000
    )
    target = tmp_path / "huge.docx"
    result = export_briefing(workspace, BriefingOptions(author="Test Analyst"), target)
    assert result.comments == 1
    document = docx.Document(str(target))
    assert max(len(p.text) for p in document.paragraphs) == len(text)
    with zipfile.ZipFile(target) as package:
        assert package.read("word/comments.xml").count(b"n") >= 10_000_000
