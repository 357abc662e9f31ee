"""Where the review tools appear in the real window: menu order, the queue's place, and
the compare view on the article being read, with its figures all in view."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.ui.main_window import MainWindow
from kursk_annotator.ui.settings import Settings

pytestmark = [
    pytest.mark.gui,
    pytest.mark.qt_log_ignore("This plugin does not support"),
]


@pytest.fixture
def window(qtbot, scenario, tmp_path: Path) -> MainWindow:
    scenario.ws.switch_analyst("Mark Davies")
    win = MainWindow(scenario.ws, Settings.at(tmp_path / "settings.ini"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def _combo_option(box):
    from PySide6.QtWidgets import QStyleOptionComboBox

    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    return option


def _titles(window: QMainWindow) -> list[str]:
    return [a.text().replace("&", "") for a in window.menuBar().actions()]


def test_review_menu_comes_before_help(window) -> None:
    titles = _titles(window)
    assert titles[:3] == ["File", "Edit", "Annotate"] and "View" in titles
    assert titles[-2:] == ["Review", "Help"]  # other features' menus (Suggest) go between


def test_queue_opens_as_a_tab_beside_the_annotations_without_squeezing(qtbot, window) -> None:
    reader_width = window.reader.width()
    annotations_height = window.annotations_dock.height()
    qtbot.keyClick(window.reader, Qt.Key.Key_F8)
    dock = window.review_tools.dock
    assert dock.isVisible() and not dock.isFloating()
    assert window.annotations_dock in window.tabifiedDockWidgets(dock)
    # Raised: the queue is the tab shown, and it got more room than the panel had.
    qtbot.waitUntil(lambda: dock.height() > annotations_height)
    assert window.annotations_dock.visibleRegion().isEmpty()
    assert window.reader.width() >= reader_width * 0.7
    queue = dock.queue
    thread_box = queue.splitter.widget(1)
    qtbot.waitUntil(lambda: queue.table.height() > thread_box.height())
    row_height = queue.table.verticalHeader().defaultSectionSize()
    assert queue.table.viewport().height() >= 4 * row_height
    # Each filter shows its "everything" choice whole ("All analysts" read "All analyst").
    for box in (queue.analyst_box, queue.kind_box, queue.status_box):
        shown = box.style().subControlRect(
            box.style().ComplexControl.CC_ComboBox,
            _combo_option(box),
            box.style().SubControl.SC_ComboBoxEditField,
            box,
        )
        assert box.fontMetrics().horizontalAdvance(box.itemText(0)) <= shown.width()


def test_queue_floats_at_a_usable_size_when_the_annotations_are_closed(qtbot, window) -> None:
    window.annotations_dock.close()
    window.review_tools.show_queue()
    dock = window.review_tools.dock
    assert dock.isVisible() and dock.isFloating()
    assert dock.width() >= 640 and dock.height() >= 480


def test_compare_opens_on_the_article_being_read(qtbot, window, scenario) -> None:
    other = scenario.ws.articles.add(
        NewArticle(text="Nothing tagged here about Sudzha.\n", title="Another article")
    )
    window.reload_library()
    window.open_article(scenario.article_id)
    qtbot.keyClick(
        window.reader,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    view = window.review_tools.compare
    assert view is not None and view.isVisible()
    qtbot.addWidget(view)
    assert view.article_box.currentData() == scenario.article_id
    # Opened again from another article: it follows the reader.
    window.open_article(other.id)
    window.action_set["review_compare"].trigger()
    assert view.article_box.currentData() == other.id
    view.close()


def test_compare_figures_fit_without_scrolling(qtbot, window, scenario) -> None:
    window.open_article(scenario.article_id)
    view = window.review_tools.show_compare()
    qtbot.addWidget(view)
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: not view.computing)  # the figures come from a background task
    table = view.figures_view
    qtbot.waitUntil(lambda: table.viewport().width() > 0)
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    kappa = view.figures.HEADERS.index("Kappa")
    assert header.sectionViewportPosition(kappa) + header.sectionSize(kappa) <= (
        table.viewport().width()
    )
    assert header.sectionSize(kappa) >= header.fontMetrics().horizontalAdvance("Kappa")
    view.close()


def test_queue_left_open_comes_back_where_it_was(qtbot, scenario, tmp_path: Path) -> None:
    settings = tmp_path / "settings.ini"
    first = MainWindow(scenario.ws, Settings.at(settings))
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.review_tools.show_queue()
    first.close()  # saves the layout
    again = MainWindow(scenario.ws, Settings.at(settings))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    dock = again.review_tools.dock
    assert dock.isVisible() and again.review_tools.placed
    assert again.annotations_dock in again.tabifiedDockWidgets(dock)
