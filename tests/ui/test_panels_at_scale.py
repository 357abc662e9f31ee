"""The library and the review queue read what they show: counts for the rows in view,
the queue a page at a time as the reviewer moves down it."""

from __future__ import annotations

import re

import pytest

from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace
from kursk_annotator.ui.library import LibraryPanel, counts_text
from kursk_annotator.ui.review_queue import ReviewQueue, ReviewQueueModel
from kursk_annotator.ui.workspace_source import FixedWorkspace

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

TEXT = "Reports put 12,000 soldiers near Sudzha and Berdin in the Kursk region. " * 60


@pytest.fixture
def many(workspace: Workspace) -> Workspace:
    """Two articles; Olena has 450 annotations on the second (more than two pages)."""
    ws = workspace
    olena = ws.analysts.ensure("Olena Kovalchuk")
    first = ws.articles.add(NewArticle(text="Short note on Sudzha.", title="Short"))
    second = ws.articles.add(NewArticle(text=TEXT, title="Long"))
    ws.annotations.create_from_quote(first.id, "place", "Sudzha", olena)
    words = [m.span() for m in re.finditer(r"\w+", TEXT)][:450]
    ws.annotations.bulk_create(
        second.id,
        [{"kind": ("claim", "figure", "place")[i % 3], "start": s, "end": e}
         for i, (s, e) in enumerate(words)],
        olena,
    )  # fmt: skip
    return ws


def test_queue_reads_a_page_then_more_as_the_reviewer_moves_on(qtbot, many) -> None:
    many.switch_analyst("Mark Davies")
    queue = ReviewQueue(FixedWorkspace(many))
    qtbot.addWidget(queue)
    assert queue.model.rowCount() == 0  # hidden: nothing read yet
    queue.show()
    qtbot.waitExposed(queue)
    assert queue.model.rowCount() == ReviewQueueModel.PAGE
    qtbot.waitUntil(lambda: queue.count_label.text() == "451 to review")
    queue.select_row(ReviewQueueModel.PAGE - 1)
    queue.next()  # past the last row read: the next page comes in
    assert queue.model.rowCount() == 2 * ReviewQueueModel.PAGE
    assert queue.table.currentIndex().row() == ReviewQueueModel.PAGE
    while queue.model.canFetchMore():
        queue.model.fetchMore()
    shown = [queue.model.annotation(r) for r in range(queue.model.rowCount())]
    assert shown == many.annotations.list(statuses=["pending"])
    queue.kind_box.setCurrentIndex(queue.kind_box.findData("place"))
    assert queue.model.rowCount() == 151
    qtbot.waitUntil(lambda: queue.count_label.text() == "151 to review")


def test_library_counts_the_rows_it_shows_and_follows_changes(qtbot, many) -> None:
    library = LibraryPanel(many)
    qtbot.addWidget(library)
    library.reload()
    library.show()
    long_id = next(i for i, t in many.articles.titles().items() if t == "Long")
    row = library.model.row(long_id)
    shown = library.model.index(row, 0).data()
    assert shown.endswith(counts_text({"claim": 150, "figure": 150, "place": 150}))
    library.model.set_counts(long_id, {"claim": 149, "figure": 150, "place": 150})
    assert library.model.article(long_id).counts == {"claim": 149, "figure": 150, "place": 150}
    assert library.select(long_id, emit=False)
    assert library.current_id() == long_id
    library.set_sort("title")
    assert [library.proxy.index(r, 0).data().split("\n")[0] for r in range(2)] == [
        "Long",
        "Short",
    ]
    assert library.current_id() == long_id  # the selection follows its row
