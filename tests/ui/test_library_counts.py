"""The library reads the counts of the rows it paints, a screenful in one query."""

from __future__ import annotations

from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.ui.library import COUNT_BATCH, ID_ROLE, LibraryPanel, counts_text


def test_counts_of_painted_rows_come_a_screenful_per_query(qtbot, workspace):
    ws = workspace
    ids = [
        ws.articles.add(NewArticle(text=f"Report {n} from Sudzha.", title=f"Report {n}")).id
        for n in range(COUNT_BATCH + 20)
    ]
    for n, article_id in enumerate(ids[:30]):  # a different count for each of them
        for k in range(n % 4):
            ws.annotations.create(article_id, "place", 0, 6 + k, ws.analyst)
    queries: list[list[int]] = []

    def counted(article_ids):
        queries.append(list(article_ids))
        return ws.articles.counts(article_ids)

    panel = LibraryPanel(ws)
    qtbot.addWidget(panel)
    panel.resize(300, 800)
    panel.reload()
    panel.model.count_source = counted
    panel.show()
    qtbot.waitExposed(panel)
    panel.list.viewport().repaint()
    # The rows in view are counted together (and Qt asks for the last row's size first).
    assert len(queries) <= 2
    model = panel.model
    for row in range(model.rowCount()):  # and every row's text shows its own counts
        article_id = model.index(row, 0).data(ID_ROLE)
        want = ws.articles.counts([article_id])[article_id]
        assert counts_text(want) in model.index(row, 0).data()
    # Reading all the rows took a query per COUNT_BATCH of them, not one per row.
    assert len(queries) <= model.rowCount() // COUNT_BATCH + 2


def test_a_tag_repaints_only_its_article_in_the_library(qtbot, sample_window):
    """The open article's counts change with each tag: its row shows the new counts
    once tagging pauses (a burst of tags repaints it once), and the rest of the list is
    not painted again."""
    import time

    from PySide6.QtCore import Qt

    from kursk_annotator.ui.main_window import LIBRARY_COUNTS_MS
    from tests.ui.conftest import select_text, settle, watching

    window = sample_window
    text = window.state.text
    words = [w for w in dict.fromkeys(text.split()) if w.isalpha() and len(w) > 6][:3]
    viewport = window.library.list.viewport()
    current = window.library.list.currentIndex
    settle()
    with watching(viewport) as paints:
        for word in words:  # three tags in a row, quicker than the pause
            select_text(window, word)
            settle()
            paints.clear()
            tagged = time.monotonic()
            qtbot.keyClick(window.reader, Qt.Key.Key_P)
            settle()
            if time.monotonic() - tagged < LIBRARY_COUNTS_MS / 1000:  # (a stalled machine)
                assert not paints.rects, "the row waits for a pause in tagging"
        counts = window.state.counts()
        assert counts_text(counts) not in current().data()
        qtbot.waitUntil(lambda: counts_text(counts) in current().data(), timeout=5000)
        qtbot.wait(LIBRARY_COUNTS_MS)
    assert counts_text(counts) in current().data()
    row = window.library.list.visualRect(window.library.list.currentIndex())
    assert paints.rects, "the article's row was repainted"
    assert all(rect.height() <= row.height() + 4 for rect in paints.rects)
    assert all(rect.height() < viewport.height() for rect in paints.rects)


def test_counts_waiting_when_another_store_opens_are_not_shown_there(
    qtbot, window, workspace, tmp_path
):
    """A tag's counts wait for a pause before reaching the Library; if another store is
    opened meanwhile, its article with the same id keeps its own counts."""
    from PySide6.QtCore import Qt

    from kursk_annotator.core.services.articles import NewArticle
    from kursk_annotator.core.store import open_store
    from kursk_annotator.core.workspace import Workspace
    from kursk_annotator.ui.main_window import LIBRARY_COUNTS_MS
    from tests.ui.conftest import select_text

    first = window.state.article.id
    text = "Shelling reported near Sudzha and in Kursk Oblast."
    tagged = workspace.articles.add(NewArticle(text=text, title="Second")).id
    window.library.reload()
    window.open_article(tagged)
    select_text(window, "Sudzha")
    qtbot.keyClick(window.reader, Qt.Key.Key_P)  # this store's article `tagged`: 1 place
    window.open_article(first)  # before the pause: that count still waits
    other = Workspace(open_store(str(tmp_path / "other.sqlite")), "Test Analyst")
    ids = [
        other.articles.add(NewArticle(text=f"Nothing tagged here ({n}).", title=f"Other {n}")).id
        for n in (1, 2)
    ]
    assert tagged in ids
    window.attach_workspace(other)
    qtbot.wait(2 * LIBRARY_COUNTS_MS)
    row = window.library.model.row(tagged)
    assert counts_text({}) in window.library.model.index(row, 0).data()
    other.close()
