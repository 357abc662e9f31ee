"""The map panel with real mouse and key events: markers, hover, click filters, pan, zoom,
the list of places without coordinates, and the place dossier."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QLabel, QToolTip

from kursk_annotator.core.geo.scene import CONFLICT_COLOUR, STATUS_COLOURS
from kursk_annotator.core.workspace import Workspace
from kursk_annotator.ui.main_window import MainWindow
from kursk_annotator.ui.workspace_source import FixedWorkspace


def _open_map(qtbot, window: MainWindow):
    qtbot.waitUntil(lambda: window.map_tools is not None)
    window.action_set["action_map"].trigger()
    panel = window.map_tools.panel
    # The tagged places show at once; the full records are read in the background.
    qtbot.waitUntil(lambda: bool(panel.records) and panel.complete, timeout=30000)
    canvas = panel.canvas
    canvas.resize(700, 520)
    qtbot.waitUntil(lambda: canvas.isVisible())
    return panel, canvas


def _hover(widget, pos: QPoint) -> None:
    """A mouse move with no button held, as the window system sends it."""
    local = QPointF(pos)
    event = QMouseEvent(
        QEvent.Type.MouseMove, local, widget.mapToGlobal(local),
        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)


def _wheel(canvas, at: QPointF, clicks: int) -> None:
    event = QWheelEvent(
        at, canvas.mapToGlobal(at), QPoint(), QPoint(0, 120 * clicks),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(canvas, event)


def _key_of(panel, name: str) -> str:
    return next(k for k, r in panel.records.items() if r.name == name)


def test_every_tagged_place_is_a_marker_sized_and_coloured(
    qtbot, make_window, sample_workspace: Workspace
) -> None:
    window = make_window(sample_workspace)
    panel, canvas = _open_map(qtbot, window)
    markers = {m.name: m for m in canvas.scene.markers}
    assert {"Sudzha", "Kursk", "Kursk Oblast", "Glushkovo", "Pokrovsk"} <= set(markers)
    assert markers["Kursk Oblast"].radius > markers["Glushkovo"].radius  # 5 reports vs 1
    assert markers["Sudzha"].status == "pending"
    # Places without coordinates are listed beside the map, not drawn.
    unplaced = [panel.unplaced.item(i).text() for i in range(panel.unplaced.count())]
    assert any(t.startswith("Sumy and Kharkiv oblasts") for t in unplaced)
    assert "Sumy and Kharkiv oblasts" not in markers
    # The marker is drawn in its status colour where the view puts it.
    image = canvas.grab().toImage()
    pos = canvas.screen_pos(_key_of(panel, "Pokrovsk"))
    assert image.pixelColor(pos) == QColor(STATUS_COLOURS["pending"])


def test_hover_shows_name_and_counts(qtbot, make_window, sample_workspace: Workspace) -> None:
    window = make_window(sample_workspace)
    panel, canvas = _open_map(qtbot, window)
    pos = canvas.screen_pos(_key_of(panel, "Pokrovsk"))
    _hover(canvas, pos)
    assert canvas.hovered == _key_of(panel, "Pokrovsk")
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    assert "Pokrovsk" in QToolTip.text() and "1 mention in 1 report" in QToolTip.text()
    assert canvas.hovered == _key_of(panel, "Pokrovsk")


def test_click_filters_library_reader_and_annotations(
    qtbot, make_window, sample_workspace: Workspace
) -> None:
    window = make_window(sample_workspace)
    panel, canvas = _open_map(qtbot, window)
    key = _key_of(panel, "Pokrovsk")
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=canvas.screen_pos(key))
    record = panel.records[key]
    # The library lists only the articles that mention Pokrovsk.
    shown = {
        window.library.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1)
        for r in range(window.library.proxy.rowCount())
    }
    assert window.library.proxy.rowCount() == len(record.article_ids) == 1
    assert window.state.article.id == record.article_ids[0]
    # The annotations are those of the place: its tag, and claims/figures beside it.
    visible = window.state.visible_annotations()
    assert visible and {t.id for t in record.tags} <= {a.id for a in visible}
    assert len(visible) < len(window.state.annotations)
    assert window.annotations.model.rowCount() == len(visible)
    # The reader shows the mention.
    cursor = window.reader.textCursor()
    assert cursor.selectedText() == "Pokrovsk"
    assert shown
    # Show all places clears the filter everywhere.
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert window.library.proxy.rowCount() == 5
    assert window.state.filter.only is None


def test_pan_and_zoom_with_mouse_and_keys(qtbot, make_window, sample_workspace: Workspace) -> None:
    window = make_window(sample_workspace)
    panel, canvas = _open_map(qtbot, window)
    key = _key_of(panel, "Sudzha")
    start = canvas.screen_pos(key)
    # Drag: the map (and the marker) follows the mouse.
    empty = QPoint(20, canvas.height() - 20)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=empty)
    for step in range(1, 6):
        qtbot.mouseMove(canvas, empty + QPoint(10 * step, -6 * step))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=empty + QPoint(50, -30))
    moved = canvas.screen_pos(key)
    assert (moved - start) == QPoint(50, -30)
    # Keys pan and zoom.
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    assert canvas.screen_pos(key).x() == moved.x() + 80
    scale = canvas.view.scale
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.view.scale > scale
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.view.scale < scale
    # The wheel zooms about the mouse: the point under it stays put.
    at = QPointF(canvas.screen_pos(key))
    before = canvas.view.lonlat_at(at.x(), at.y())
    _wheel(canvas, at, 2)
    assert canvas.view.scale > scale
    after = canvas.view.lonlat_at(at.x(), at.y())
    assert abs(after[0] - before[0]) < 1e-6 and abs(after[1] - before[1]) < 1e-6
    qtbot.keyClick(canvas, Qt.Key.Key_0)  # back to all the places
    assert all(
        0 <= canvas.screen_pos(k).x() <= canvas.width() for k in (key, _key_of(panel, "Pokrovsk"))
    )


def test_double_click_opens_the_dossier_and_a_mention(
    qtbot, make_window, sample_workspace: Workspace
) -> None:
    window = make_window(sample_workspace)
    panel, canvas = _open_map(qtbot, window)
    key = _key_of(panel, "Kursk Oblast")
    _wheel(canvas, QPointF(canvas.screen_pos(key)), 6)  # closer: markers stand apart
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=canvas.screen_pos(key))
    qtbot.waitUntil(lambda: getattr(window.map_tools, "last_dossier", None) is not None)
    dialog = window.map_tools.last_dossier
    assert dialog.windowTitle() == "Dossier: Kursk Oblast"
    tree = dialog.tree
    assert tree.topLevelItemCount() == panel.records[key].mention_count
    assert tree.topLevelItem(0).text(0) == "2025-02-06"  # newest first
    assert tree.topLevelItem(tree.topLevelItemCount() - 1).text(0) == "undated"
    assert "Figure: 50,000 Russian troops" in "\n".join(
        tree.topLevelItem(i).text(4) for i in range(tree.topLevelItemCount())
    )
    # Enter on a mention: its article opens with the mention selected.
    last = tree.topLevelItem(tree.topLevelItemCount() - 1)
    tree.setCurrentItem(last)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    entry = dialog.dossier.entries[-1]
    assert window.state.article.id == entry.article.id
    assert window.reader.textCursor().selectedText() == entry.text
    dialog.close()


def test_inspector_opens_the_dossier_of_a_place(
    qtbot, make_window, sample_workspace: Workspace
) -> None:
    window = make_window(sample_workspace)
    qtbot.waitUntil(lambda: window.map_tools is not None)
    place = next(a for a in window.state.visible_annotations() if a.kind == "place")
    window.state.select(place.id)
    button = window.inspector.dossier_button
    qtbot.waitUntil(button.isVisible)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window.map_tools, "last_dossier", None) is not None)
    assert window.map_tools.last_dossier.windowTitle().startswith("Dossier: ")
    window.map_tools.last_dossier.close()


def test_the_map_follows_the_store(qtbot, make_window, sample_workspace: Workspace) -> None:
    window = make_window(sample_workspace)
    _panel, canvas = _open_map(qtbot, window)
    assert not any(m.name == "Novaya Ferma 7" for m in canvas.scene.markers)
    article = sample_workspace.articles.list()[0]
    sample_workspace.annotations.create(
        article.id, "place", 0, 4, sample_workspace.analyst,
        attributes={"canonical_name": "Novaya Ferma 7", "latitude": 51.66, "longitude": 35.27},
    )  # fmt: skip
    window.reload_library()  # what File → Reload Library and imports call
    qtbot.waitUntil(
        lambda: any(m.name == "Novaya Ferma 7" for m in canvas.scene.markers), timeout=30000
    )


def test_tagged_places_show_before_the_texts_are_read(qtbot, sample_workspace: Workspace) -> None:
    """The map opens on the tags' summaries; a click on a place then waits for its full
    record (its mentions in the texts) and filters as soon as it arrives."""
    from kursk_annotator.core.places.index import build_index
    from kursk_annotator.core.places.summary import place_summaries
    from kursk_annotator.ui.map_panel import MapPanel

    panel = MapPanel(FixedWorkspace(sample_workspace))
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    panel.set_records(place_summaries(sample_workspace), complete=False)
    assert not panel.complete
    assert "reading the texts" in panel.summary.text()
    oblast = next(m for m in panel.canvas.scene.markers if m.name == "Kursk Oblast")
    assert oblast.reports == 3  # the tagged reports only, for now
    chosen = []
    panel.place_chosen.connect(chosen.append)
    panel._choose(oblast.key)
    assert chosen == [] and panel.canvas.chosen == oblast.key
    panel.set_records(build_index(sample_workspace).places)
    assert [r.name for r in chosen] == ["Kursk Oblast"]
    assert chosen[0].mention_count >= 20  # the full record, with the texts' mentions
    assert panel.canvas.marker(oblast.key).reports == 5
    assert "reading" not in panel.summary.text()


def test_conflicting_positions_are_flagged_on_the_map_and_in_the_dossier(
    qtbot, workspace: Workspace
) -> None:
    from kursk_annotator.core.importers import NewArticle
    from kursk_annotator.core.places.dossier import place_dossier
    from kursk_annotator.core.places.index import build_index
    from kursk_annotator.core.places.summary import place_summaries
    from kursk_annotator.ui.map_panel import MapPanel, marker_tooltip
    from kursk_annotator.ui.place_dossier import DossierDialog

    text = "Troops entered Sudzha. Sudzha was shelled."
    article = workspace.articles.add(NewArticle(title="Border", text=text), workspace.analyst)
    mark = workspace.analysts.ensure("Mark Davies")
    for start, lat, who in ((15, 51.19, workspace.analyst), (23, 51.50, mark)):
        workspace.annotations.create(
            article.id, "place", start, start + 6, who,
            attributes={"canonical_name": "Sudzha", "latitude": lat, "longitude": 35.27},
        )  # fmt: skip
    panel = MapPanel(FixedWorkspace(workspace))
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    for records, complete in (
        (place_summaries(workspace), False),
        (build_index(workspace).places, True),
    ):
        panel.set_records(records, complete=complete)
        (marker,) = [m for m in panel.canvas.scene.markers if m.name == "Sudzha"]
        assert marker.conflict  # before and after the texts are read
        assert "Sources disagree on the position" in marker_tooltip(marker)
    # The purple ring is drawn around the marker, just outside it.
    image = panel.canvas.grab().toImage()
    pos = panel.canvas.screen_pos(marker.key)
    ring = image.pixelColor(QPoint(pos.x() + round(marker.radius) + 3, pos.y()))
    want = QColor(CONFLICT_COLOUR)
    assert abs(ring.red() - want.red()) + abs(ring.green() - want.green()) < 90, ring.name()
    dialog = DossierDialog(place_dossier(workspace, "Sudzha"))
    qtbot.addWidget(dialog)
    header = dialog.findChild(QLabel, "dossier_header").text()
    assert "positions disagree" in header
    assert "51.1900° N" in header and "51.5000° N" in header and "Mark Davies" in header
