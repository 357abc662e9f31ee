"""Briefing polish, read back from the .docx: review status for every kind, analysts
spelt out, review threads as threaded Word replies, headings kept with their tables,
and the text's own paragraph spacing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from lxml import etree

from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace

from .reading import open_docx

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
TEXT = (
    "Ukraine launches new offensive in Russia's Kursk region\n"
    "5 January 2025, 14:50 | Updated: 5 January 2025, 15:46\n"
    "\n"
    "The General Staff said 12,000 North Korean soldiers were deployed near Sudzha.\n"
    "\n"
    "Fighting continued near Berdin.\n"
)


@pytest.fixture
def briefing(run_cli, workspace: Workspace, tmp_path: Path) -> Path:
    ws = workspace
    article = ws.articles.add(NewArticle(text=TEXT, title="New offensive", outlet="Wire"))
    olena, mark = ws.analysts.ensure("Olena Kovalchuk"), ws.analysts.ensure("Mark Davies")
    a = ws.annotations
    figure = a.create_from_quote(
        article.id, "figure", "12,000 North Korean soldiers", olena,
        attributes={"value": 12000, "unit": "soldiers", "counts": "North Korean troops"},
    )  # fmt: skip
    claim = a.create_from_quote(
        article.id, "claim", "The General Staff said 12,000 North Korean soldiers were deployed",
        olena, attributes={"attributed_to": "General Staff", "side": "Ukraine"},
    )  # fmt: skip
    place = a.create_from_quote(article.id, "place", "Sudzha", mark)
    ws.reviews.review(figure.id, mark, "request_changes", "Which day does this hold for?")
    ws.reviews.review(figure.id, olena, "comment", "5 January, as the dateline says.")
    ws.reviews.review(figure.id, mark, "accept", "")
    ws.reviews.review(place.id, olena, "accept", "In the gazetteer.")
    ws.reviews.review(claim.id, mark, "accept", "")
    out = tmp_path / "briefing.docx"
    run_cli("--db", str(ws.store.path), "--analyst", "Lead", "export-docx", str(out))
    return out


def test_review_threads_are_threaded_replies_to_the_annotation_comments(briefing: Path):
    with zipfile.ZipFile(briefing) as z:
        comments = etree.fromstring(z.read("word/comments.xml"))
        extended = etree.fromstring(z.read("word/commentsExtended.xml"))
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
    assert "relationships/commentsExtended" in rels and "commentsExtended+xml" in types
    by_para: dict[str, etree._Element] = {}
    for c in comments.iter(qn("w:comment")):
        last = c.findall(qn("w:p"))[-1]
        by_para[last.get(f"{{{W14}}}paraId")] = c

    def text(c) -> str:
        return "\n".join(
            "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in c.iter(qn("w:p"))
        )

    threads: dict[str, list[tuple[str, str]]] = {}
    for entry in extended.iter(f"{{{W15}}}commentEx"):
        parent = entry.get(f"{{{W15}}}paraIdParent")
        if parent:
            reply = by_para[entry.get(f"{{{W15}}}paraId")]
            threads.setdefault(parent, []).append((reply.get(qn("w:author")), text(reply)))
    figure_comment = next(p for p, c in by_para.items() if text(c).startswith("Figure"))
    assert threads[figure_comment] == [
        ("Mark Davies", "Asked for changes\nWhich day does this hold for?"),
        ("Olena Kovalchuk", "Replied\n5 January, as the dateline says."),
        ("Mark Davies", "Accepted"),
    ]
    # Every reply marks the same text as its annotation, with its own reference.
    document = open_docx(briefing)
    body = document.element.body
    starts = [int(e.get(qn("w:id"))) for e in body.iter(qn("w:commentRangeStart"))]
    refs = [int(e.get(qn("w:id"))) for e in body.iter(qn("w:commentReference"))]
    ids = [int(c.get(qn("w:id"))) for c in comments.iter(qn("w:comment"))]
    assert sorted(starts) == sorted(refs) == sorted(ids)


def test_status_for_every_kind_and_analysts_spelt_out(briefing: Path) -> None:
    document = open_docx(briefing)
    tables = {t.rows[0].cells[0].text: t for t in document.tables}
    for first_header, quote in (
        ("Figure as quoted", "“12,000 North Korean soldiers”"),
        ("Claim", "“The General Staff said 12,000 North Korean soldiers were deployed”"),
    ):
        table = tables[first_header]
        header = [c.text for c in table.rows[0].cells]
        row = next(r for r in table.rows if r.cells[0].text == quote)
        assert row.cells[header.index("Status")].text.lower() == "accepted", first_header
    places = tables["No."]
    place_header = [c.text for c in places.rows[0].cells]
    assert "Review" in place_header
    texts = [p.text for p in document.paragraphs]
    # "OK" is Olena Kovalchuk, and the document says so under each table that uses it.
    assert texts.count("By: OK Olena Kovalchuk") == 2  # under the figures and the claims
    scope = tables["Scope"]
    assert "Olena Kovalchuk (OK)" in scope.rows[6].cells[1].text


def test_headings_are_kept_with_their_tables(briefing: Path) -> None:
    body = open_docx(briefing).element.body
    checked = []
    children = list(body)
    for i, el in enumerate(children):
        style = el.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if el.tag != qn("w:p") or style is None or style.get(qn("w:val")) != "Heading1":
            continue
        title = "".join(t.text or "" for t in el.iter(qn("w:t")))
        following = []
        for nxt in children[i + 1 :]:
            if nxt.tag == qn("w:tbl") or len(following) > 4:
                break
            following.append(nxt)
        if title in ("Summary", "Key figures", "Claims"):
            for p in [el, *following]:
                assert p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None, title
            checked.append(title)
    assert checked == ["Summary", "Key figures", "Claims"]


def test_the_texts_paragraph_spacing_is_kept(briefing: Path) -> None:
    document = open_docx(briefing)
    paragraphs = [p for p in document.paragraphs if p.style.style_id == "SourceText"]
    texts = [p.text for p in paragraphs]
    # Title and dateline: one paragraph with a line break, as in the text; then each
    # paragraph the blank lines separate.
    assert texts[0] == (
        "Ukraine launches new offensive in Russia's Kursk region\n"
        "5 January 2025, 14:50 | Updated: 5 January 2025, 15:46"
    )
    assert (
        texts[1].startswith("The General Staff said")
        and texts[2] == "Fighting continued near Berdin."
    )
