"""A quote that occurs several times is never placed on a guess: only where its context
agrees or near its old position; otherwise it is an orphan with the reason 'ambiguous'."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from kursk_annotator.core.anchoring import selector_for
from kursk_annotator.core.exchange.importer import import_annotations
from kursk_annotator.core.exchange.orphans import Orphan
from kursk_annotator.core.exchange.reanchor import reanchor
from kursk_annotator.core.exchange.w3c import export_annotations, write_annotations
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.store import open_store
from kursk_annotator.core.workspace import Workspace

HEADING = "Kursk offensive: latest"
ORIGINAL = f"{HEADING}\n\nUkrainian forces crossed the border near Sudzha on 6 August."
# The page saved again: a long preamble, and the heading repeated in nine link boxes.
REPEATED = (
    "Menu Home World Europe Video Live Sport Culture Travel. " * 6
    + "".join(f"Related story {i}: {HEADING}\n\nRead more in box {i}.\n" for i in range(9))
    + "Ukrainian troops were reported near Sudzha in the first week of August."
)


def test_repeated_heading_without_agreeing_context_is_an_ambiguous_orphan() -> None:
    selector = selector_for(ORIGINAL, 0, len(HEADING))
    assert REPEATED.count(HEADING) == 9
    anchor = reanchor(REPEATED, selector)
    assert not anchor.anchored
    assert anchor.reason == "ambiguous"


def test_repeated_quote_near_its_old_position_is_placed_there() -> None:
    text = "Kyiv said 12,000 troops. Moscow said 12,000 troops. Others said 12,000 troops."
    second = text.index("12,000 troops", 15)
    selector = selector_for(text, second, second + len("12,000 troops"))
    changed = text.replace("Moscow said", "Officials in Moscow then said")  # context edited
    changed = changed.replace("Kyiv said", "Kyiv's staff said")
    anchor = reanchor(changed, selector)
    assert anchor.anchored
    expected = changed.index("12,000 troops", changed.index("Moscow"))
    assert anchor.start == expected


def test_repeated_quote_whose_context_agrees_in_one_place_is_placed_there() -> None:
    text = "Intro. " + "".join(f"Box {i}: {HEADING} here.\n" for i in range(5))
    fourth = text.index(f"Box 3: {HEADING}") + len("Box 3: ")
    selector = selector_for(text, fourth, fourth + len(HEADING))
    changed = "A new preamble that moves everything down the page quite a lot. " * 8 + text
    anchor = reanchor(changed, selector)
    assert anchor.start == changed.index(f"Box 3: {HEADING}") + len("Box 3: ")


def test_import_reports_the_ambiguous_annotation_as_an_orphan(tmp_path: Path) -> None:
    url = "https://example.org/kursk-latest"
    source = Workspace(open_store(str(tmp_path / "a.sqlite")), "Olena Kovalchuk")
    article = source.articles.add(NewArticle(text=ORIGINAL, title=HEADING, url=url))
    source.annotations.create(article.id, "claim", 0, len(HEADING), source.analyst)
    shared = tmp_path / "shared.jsonld"
    write_annotations(shared, export_annotations(source))
    source.close()

    target = Workspace(open_store(str(tmp_path / "b.sqlite")), "Mark Davies")
    target.articles.add(NewArticle(text=REPEATED, title=HEADING, url=url))
    report = import_annotations(target, shared)
    assert (report.anchored, report.reanchored, report.orphaned) == (0, 0, 1)
    with target.store.session() as session:
        orphan = session.exec(select(Orphan)).one()
    assert orphan.reason == "ambiguous"
    assert target.annotations.list() == []
    target.close()
