"""A briefing of many articles reads each article's annotations as it writes its text:
every article still gets all of its own annotations as comments, in text order, with
their review threads, and the counts of the cover, summary and source list agree."""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn

from kursk_annotator.core.export.briefing_docx import export_briefing
from kursk_annotator.core.export.briefing_options import BriefingOptions
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace
from tests.export.reading import (
    anchors,
    annotation_comments,
    heading_texts,
    open_docx,
    reply_ids,
    row_texts,
    table_with_header,
)

ARTICLES = 30
PLACES = ("Sudzha", "Korenevo", "Glushkovo")


def _fill(ws: Workspace) -> dict[int, list[str]]:
    """Articles whose annotations differ from one to the next (a few have none); returns
    article number -> the quotes of its annotations in text order."""
    olena = ws.analysts.ensure("Olena Kovalchuk", "OK")
    quotes: dict[int, list[str]] = {}
    for n in range(1, ARTICLES + 1):
        sentences = [
            f"Report {n}, item {i}: about {100 * n + i} troops were seen near "
            f"{PLACES[(n + i) % 3]} as officials in {n} said."
            for i in range(n % 4 + 2)
        ]
        text = " ".join(sentences)
        article = ws.articles.add(NewArticle(text=text, title=f"Dispatch {n}", outlet="Wire"))
        items, offset = [], 0
        for i, sentence in enumerate(sentences if n % 7 else []):  # every 7th: untagged
            start = offset + sentence.index("about")
            end = offset + sentence.index(" troops") + len(" troops")
            items.append(
                {"kind": "figure", "start": start, "end": end, "attributes": {"counts": "troops"}}
            )
            place = PLACES[(n + i) % 3]
            at = offset + sentence.index(place)
            items.append({"kind": "place", "start": at, "end": at + len(place)})
            offset += len(sentence) + 1
        ws.annotations.bulk_create(article.id or 0, items, olena)
        in_order = sorted(items, key=lambda x: (x["start"], x["end"]))
        quotes[n] = [text[x["start"] : x["end"]] for x in in_order]
    return quotes


def test_every_article_has_its_own_annotations_as_comments_in_order(
    workspace: Workspace, tmp_path: Path
) -> None:
    ws = workspace
    quotes = _fill(ws)
    mark = ws.analysts.ensure("Mark Davies", "MD")
    # Review threads on annotations of articles far apart: each reply under its comment.
    reviewed = {}
    for n in (2, 17, 29):
        first = next(a for a in ws.annotations.list() if a.article_id == n)
        ws.reviews.review(first.id, mark, "comment", f"check article {n}")
        reviewed[n] = first.quote
    out = tmp_path / "many.docx"
    result = export_briefing(ws, BriefingOptions(author="Test Analyst"), out)
    total = sum(len(q) for q in quotes.values())
    assert result.articles == ARTICLES and result.annotations == total
    assert result.comments == total + len(reviewed)

    document = open_docx(out)
    spans = anchors(document)
    own = annotation_comments(document)
    assert len(own) == total and all(spans[c.comment_id].closed for c in own)
    # Comments in document order, split at each article's heading.
    titles = heading_texts(document, 2)
    assert titles == [f"[{n}] Dispatch {n}" for n in range(1, ARTICLES + 1)]
    per_article: dict[int, list[int]] = {}
    current = 0
    for el in document.element.body.iter(qn("w:p"), qn("w:commentRangeStart")):
        if el.tag == qn("w:p"):
            style = el.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            if style is not None and style.get(qn("w:val")) == "Heading2":
                current += 1
                per_article[current] = []
        elif current:
            per_article[current].append(int(el.get(qn("w:id"))))
    replies = reply_ids(document)
    for n in range(1, ARTICLES + 1):
        ids = [i for i in per_article[n] if i not in replies]
        assert [spans[i].text for i in ids] == quotes[n], n
    # Numbered in reading order: the comments pane lists them as the text has them.
    reading_order = [i for n in sorted(per_article) for i in per_article[n] if i not in replies]
    assert reading_order == sorted(reading_order)
    by_id = {c.comment_id: c for c in document.comments}
    for n, quote in reviewed.items():
        reply = next(by_id[i] for i in per_article[n] if i in replies)
        assert f"check article {n}" in reply.text
        assert spans[reply.comment_id].text == quote  # the reply sits on the same span
    # The counts agree with the comments: source list, summary, per-article meta.
    summary = row_texts(table_with_header(document, "Source"))
    assert summary[-1][0] == "All sources" and summary[-1][-1] == f"{total:,}"
    for n in range(1, ARTICLES + 1):
        assert summary[n][-1] == f"{len(quotes[n]):,}"
    sources = [p.text for p in document.paragraphs if p.text.startswith("[")]
    for n in range(1, ARTICLES + 1):
        count = len(quotes[n])
        entry = next(t for t in sources if t.startswith(f"[{n}] Wire."))
        assert entry.endswith(f"({count:,} annotation{'s' if count != 1 else ''}).")
