"""A long, heavily annotated article opens in parts: its first view with the text, the
rest of its rows a part per turn of the event loop once that view is painted
(ui/article_state.py). Nothing the user sees or stores may depend on which parts have
been read."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication

from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace
from kursk_annotator.ui import article_state
from kursk_annotator.ui.main_window import MainWindow

from .conftest import background_at, select_text, settle, watching

PARAGRAPH = "Shelling near Sudzha was reported by the regional governor on {n} March."
STATUSES = ("pending", "accepted", "rejected", "changes_requested")


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    # The same code path as a 1 MB article with 10,000 annotations, at a test's size.
    monkeypatch.setattr(article_state, "SPLIT_ABOVE", 50)
    monkeypatch.setattr(article_state, "FIRST_VIEW", 2_000)
    monkeypatch.setattr(article_state, "REST_STEP", 60)


@pytest.fixture
def long_article(workspace: Workspace) -> int:
    """About 30,000 characters with 400 annotations, every fourth status of each."""
    text = "\n\n".join(PARAGRAPH.format(n=i) for i in range(400))
    article = workspace.articles.add(NewArticle(text=text, title="Long report"))
    words = [m.span() for m in re.finditer(r"Sudzha|governor", text)]
    items = [
        {
            "kind": ("claim", "figure", "place")[i % 3],
            "start": s,
            "end": e,
            "status": STATUSES[i % 4],
        }
        for i, (s, e) in enumerate(words[:400])
    ]
    workspace.annotations.bulk_create(article.id, items, workspace.analyst)
    return article.id


def _short(workspace: Workspace) -> int:
    return workspace.articles.add(NewArticle(text="A short note.", title="Note")).id


def _table_ids(window: MainWindow) -> list[int]:
    model = window.annotations.model
    return [model.annotation(r).id for r in range(model.rowCount())]


def test_the_first_view_is_painted_before_the_rest_is_read_and_counts_never_change(
    small_parts, make_window, workspace: Workspace, long_article: int
) -> None:
    window = make_window(workspace)
    window.open_article(_short(workspace))
    settle()
    # (rows in the part, reader paints before it)
    parts: list[tuple[int, int]] = []
    viewport = window.reader.viewport()
    with watching(viewport) as paints:
        window.state.extended.connect(lambda rows: parts.append((len(rows), paints.count)))
        window.open_article(long_article)
        # Opened: the rows of the first view only, yet the whole article's counts.
        assert not window.state.complete_now
        first_view = len(window.state.annotations)
        assert 0 < first_view < 100
        assert all(a.start < article_state.FIRST_VIEW for a in window.state.annotations.values())
        counts_at_open = window.counts_label.text()
        while not window.state.complete_now:  # a part per turn: the window answers meanwhile
            listed = window.annotations.model.rowCount()
            QApplication.processEvents()
            assert window.annotations.model.rowCount() >= listed
    assert len(parts) >= 3  # several parts, the first once the text had been painted
    assert parts[0][1] >= 1
    assert sum(n for n, _ in parts) == 400 - first_view
    # 400 annotations, 100 rejected: the status bar said so before the rest was read.
    assert counts_at_open == window.counts_label.text()
    assert "100 rejected, not shown" in counts_at_open
    assert (
        window.library.model.counts(long_article)
        == workspace.articles.counts([long_article])[long_article]
    )
    # Every row listed once, in text order, rejected ones left out (the default filter).
    listed = _table_ids(window)
    assert len(listed) == len(set(listed)) == 300
    rows = [window.state.annotations[i] for i in listed]
    assert rows == sorted(rows, key=lambda a: (a.start, a.end, a.id))
    # Highlights at the end of the article too.
    last = rows[-1]
    window.reader.show_span(last.start, last.end)
    window.state.select(None)
    settle()
    assert background_at(window, window.state.utf16.to_utf16(last.start)) is not None


def test_a_tag_made_before_the_rest_is_read_is_stored_listed_and_counted_once(
    qtbot, small_parts, make_window, workspace: Workspace, long_article: int
) -> None:
    window = make_window(workspace)
    window.open_article(long_article)
    assert not window.state.complete_now
    added: list[int] = []
    window.state.added.connect(lambda row: added.append(row.id))
    select_text(window, "regional", occurrence=2)
    made = window.tagging.tag("claim")
    assert made is not None
    assert window.state.complete_now
    # A new tag to every view (its suggestions hidden, say), not an edit of a row read
    # along with the rest.
    assert added == [made.id]
    settle()
    listed = _table_ids(window)
    assert listed.count(made.id) == 1 and len(listed) == len(set(listed)) == 301
    assert window.state.selected_id == made.id
    stored = workspace.annotations.list_rows(long_article)
    assert len(stored) == window.state.total == 401
    # (the Library's row follows once tagging pauses)
    qtbot.waitUntil(
        lambda: (
            window.library.model.counts(long_article)
            == workspace.articles.counts([long_article])[long_article]
        )
    )
    # Undone: gone from the store and every view.
    window.undo_stack.undo()
    settle()
    assert made.id not in _table_ids(window) and len(_table_ids(window)) == 300
    assert window.state.total == 400


def test_an_annotation_further_on_is_shown_right_after_the_article_opens(
    small_parts, make_window, workspace: Workspace, long_article: int
) -> None:
    """The review queue's jump to an annotation far down, before any event is handled."""
    last = workspace.annotations.list_rows(long_article)[-1]
    window = make_window(workspace)
    window.open_article(long_article)
    assert not window.state.complete_now and last[0] not in window.state.annotations
    window.show_annotation(long_article, last[0])
    assert window.state.selected_id == last[0]
    settle()
    assert window.state.selected_id == last[0]
    current = window.annotations.table.currentIndex()
    assert current.isValid() and window.annotations.model.annotation(current.row()).id == last[0]
    first_visible = window.reader.firstVisibleBlock().position()
    assert first_visible > article_state.FIRST_VIEW  # the reader went there


def test_a_filter_chosen_before_the_rest_is_read_counts_every_row(
    small_parts, make_window, workspace: Workspace, long_article: int
) -> None:
    window = make_window(workspace)
    window.open_article(long_article)
    assert not window.state.complete_now
    window.annotations.status_box.setCurrentIndex(
        window.annotations.status_box.findData("accepted")
    )
    window.annotations.status_box.activated.emit(window.annotations.status_box.currentIndex())
    assert window.state.complete_now
    settle()
    assert len(_table_ids(window)) == 100
    assert window.state.visible_count == 100


def test_an_article_opened_before_the_rest_of_the_last_is_read_shows_only_its_own(
    small_parts, make_window, workspace: Workspace, long_article: int
) -> None:
    note = _short(workspace)
    window = make_window(workspace)
    window.open_article(long_article)
    window.open_article(note)  # the long one's rest is never read into the note
    settle()
    assert window.state.article.id == note
    assert window.state.complete_now
    assert window.state.annotations == {}
    assert _table_ids(window) == []


def test_a_short_article_opens_in_one_part(
    make_window, workspace: Workspace, long_article: int
) -> None:
    """Below SPLIT_ABOVE annotations (the usual news article) everything is read at once."""
    window = make_window(workspace)
    window.open_article(long_article)
    assert window.state.complete_now
    assert len(window.state.annotations) == 400
