"""The Figures and Claims-by-speaker views on the real main window over the sample store."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kursk_annotator.core.workspace import Workspace
from kursk_annotator.ui.article_state import AnnotationFilter
from kursk_annotator.ui.main_window import MainWindow
from kursk_annotator.ui.settings import Settings

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

TERRITORY = "territory held by Ukraine in Kursk Oblast"


@pytest.fixture
def window(qtbot, sample_workspace: Workspace, tmp_path: Path) -> MainWindow:
    sample_workspace.switch_analyst("Olena Kovalchuk")
    win = MainWindow(sample_workspace, Settings.at(tmp_path / "settings.ini"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_figures_view_shows_verdicts_and_opens_a_report(qtbot, window: MainWindow) -> None:
    panel = window.figures_dock.widget()
    with qtbot.waitSignal(panel.compared, timeout=20_000):
        window.actions_by_name["view_figures_dock"].trigger()
    assert window.figures_dock.isVisible()
    panel.select_measure(TERRITORY)
    text = panel.verdicts.text()
    assert "Changed:" in text and "Disagreement" not in text
    assert "Echo:" in text
    rows = panel.model.rows()
    assert [r.claimant for r in rows][:2] == ["Ukrainian officials", "Ukrainian officials"]
    assert panel.model.index(2, 2).data() == "RFE/RL"
    assert panel.model.index(2, 3).data() == "B"  # RFE/RL's reliability
    assert len(panel.chart.points) == 4  # every dated report is drawn
    # Enter on a report: its article opens and its annotation is selected in the reader.
    target = rows[2]
    panel.table.setCurrentIndex(panel.model.index(2, 0))
    panel.table.activated.emit(panel.model.index(2, 0))
    assert window.state.article.id == target.article_id
    assert window.state.selected_id == target.id


def test_figures_view_follows_the_status_filter(qtbot, window: MainWindow) -> None:
    panel = window.figures_dock.widget()
    with qtbot.waitSignal(panel.compared, timeout=20_000):
        window.actions_by_name["view_figures_dock"].trigger()
    everything = sum(len(c.reports) for c in panel.comparisons)
    window.state.set_filter(AnnotationFilter(status="accepted"))
    qtbot.waitUntil(
        lambda: all(r.status == "accepted" for c in panel.comparisons for r in c.reports),
        timeout=20_000,
    )
    assert 0 < sum(len(c.reports) for c in panel.comparisons) < everything


def test_claims_by_speaker_groups_aliases_and_echoes(qtbot, window: MainWindow) -> None:
    window.actions_by_name["view_speakers_dock"].trigger()
    tree = window.speakers_dock.widget().tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0)
    names = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert any(
        n.startswith("Volodymyr Zelensky (Ukraine, government, reliability B)") for n in names
    )
    assert not any(n.startswith(("Zelenskyy", "Zelenskiy")) for n in names)
    # The names take the width the short columns leave, not a ninth of it.
    short = sum(tree.columnWidth(c) for c in (1, 2, 3))
    assert tree.columnWidth(0) == tree.viewport().width() - short
    assert tree.columnWidth(0) > short
    yermak = next(
        tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0).startswith("Andriy Yermak")
    )  # fmt: skip
    assert yermak.childCount() == 1  # one statement
    statement = yermak.child(0)
    assert statement.text(2) == "[2], [3], [5]" and statement.childCount() == 2
    article_id, annotation_id = statement.child(0).data(0, Qt.ItemDataRole.UserRole)
    window.speakers_dock.widget().tree.itemActivated.emit(statement.child(0), 0)
    assert window.state.article.id == article_id and window.state.selected_id == annotation_id


def test_figures_view_opens_on_the_first_measure_then_compares_the_rest(
    qtbot, window: MainWindow
) -> None:
    panel = window.figures_dock.widget()
    with qtbot.waitSignal(panel.shown, timeout=20_000):
        window.actions_by_name["view_figures_dock"].trigger()
    # Opened: every measure listed, the first one's reports and verdicts shown.
    listed = [c.measure for c in panel.comparisons]
    assert panel.measures.count() == len(listed) > 1
    # Each row of the list names the measure it stands for.
    for row, measure in enumerate(listed):
        assert panel.measures.item(row).text().startswith(measure or "measure not recorded")
    first = listed[0]
    shown = [(r.id, r.claimant, r.words) for r in panel.model.rows()]
    verdicts = panel.verdicts.text()
    assert shown and first in verdicts
    # Another measure, selected before the rest are compared, is compared when selected:
    # its reports and verdicts at once, the same as once everything is compared.
    panel.measures.setCurrentRow(1)
    second = listed[1]
    second_shown = [(r.id, r.claimant, r.words) for r in panel.model.rows()]
    second_verdicts = panel.verdicts.text()
    assert second_shown and str(second) in second_verdicts
    assert (
        "Changed:" in second_verdicts
        or "Disagreement:" in second_verdicts
        or ("Agreement:" in second_verdicts or "Echo:" in second_verdicts)
    )
    assert panel.measures.item(1).text().startswith(f"{second} ({len(second_shown)})")
    panel.measures.setCurrentRow(0)
    assert not panel.compared_all()
    qtbot.waitSignal(panel.compared, timeout=20_000).wait()
    assert sorted(c.measure for c in panel.comparisons) == sorted(listed)
    panel.select_measure(first)
    assert [(r.id, r.claimant, r.words) for r in panel.model.rows()] == shown
    assert panel.verdicts.text() == verdicts
    panel.select_measure(second)
    assert [(r.id, r.claimant, r.words) for r in panel.model.rows()] == second_shown
    assert panel.verdicts.text() == second_verdicts


def test_a_view_tabbed_behind_annotations_waits_until_it_is_looked_at(
    qtbot, window: MainWindow
) -> None:
    """A tab behind Annotations is not compared again on every change (it would read the
    whole library each time for nothing on screen); raising its tab brings it up to date."""
    panel = window.figures_dock.widget()
    with qtbot.waitSignal(panel.compared, timeout=20_000):
        window.actions_by_name["view_figures_dock"].trigger()
    window.annotations_dock.raise_()
    qtbot.waitUntil(lambda: window.figures_dock.visibleRegion().isEmpty(), timeout=5_000)
    with qtbot.assertNotEmitted(panel.compared, wait=1_500):
        window.state.set_filter(AnnotationFilter(status="accepted"))
    assert any(r.status != "accepted" for c in panel.comparisons for r in c.reports)
    with qtbot.waitSignal(panel.compared, timeout=20_000):
        window.figures_dock.raise_()
    assert all(r.status == "accepted" for c in panel.comparisons for r in c.reports)


def test_opening_pauses_the_collector_only_until_the_view_is_painted(
    qtbot, window: MainWindow, sample_workspace: Workspace
) -> None:
    """The view opens with Python's cycle collector paused; it runs again once the view
    is painted, and also when the view is closed before that."""
    import gc

    from kursk_annotator.ui.article_state import ArticleState
    from kursk_annotator.ui.figures_view import FiguresPanel

    assert gc.isenabled()
    panel = window.figures_dock.widget()
    with qtbot.waitSignal(panel.shown, timeout=20_000):
        window.actions_by_name["view_figures_dock"].trigger()
    assert gc.isenabled()
    qtbot.waitSignal(panel.compared, timeout=20_000).wait()
    other = FiguresPanel(ArticleState(sample_workspace))
    other.show()
    other.refresh()
    assert not gc.isenabled()
    other.close()
    other.deleteLater()
    qtbot.waitUntil(gc.isenabled, timeout=5_000)
