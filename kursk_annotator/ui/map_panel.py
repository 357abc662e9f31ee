"""The map panel: every place of the library on the offline theatre map.

Markers are sized by the number of reports and coloured by review status; drag or use
the arrow keys to pan, the wheel or +/- to zoom (0 fits the places, Home the theatre);
hovering shows a place's name and counts; a click filters the library, the reader and
the annotations to the place; a double click (or Enter) opens its dossier. Places
without coordinates are listed beside the map. The drawing is ``ui/map_painter.py`` over
the Qt-free scene in ``core/geo``, the same the briefing's map page prints.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.geo.scene import (
    STATUS_COLOURS,
    STATUS_LABELS,
    MapScene,
    Marker,
    build_scene,
)
from kursk_annotator.core.geo.view import fit_view, places_box
from kursk_annotator.ui.map_painter import SceneCache, paint_focus
from kursk_annotator.ui.workspace_source import WorkspaceSource

THEATRE = (22.0, 44.0, 45.0, 57.0)
PAN_STEP = 80  # pixels per arrow key press
ZOOM_STEP = 1.25
CLICK_SLOP = 4  # a press that moves less than this is a click, not a drag


class MapCanvas(QWidget):
    """The map itself: a scene, a view, and the mouse and keys that move the view."""

    marker_clicked = Signal(str)  # the place's key
    marker_activated = Signal(str)  # double click or Enter: the dossier
    view_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("map_canvas")
        self.setAccessibleName("Map of places")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(240, 200)
        # The base map is projected (about 40 ms) when the map is first drawn or given
        # places, not when the app installs the hidden map at start-up.
        self._scene: MapScene | None = None
        self.view = fit_view(THEATRE, 640, 480)
        self.cache = SceneCache()
        self.version = 0  # bumped when the places change: the cache is redrawn
        self.hovered: str | None = None
        self.chosen: str | None = None
        self._press: QPointF | None = None
        self._last: QPointF | None = None
        self._dragged = False
        self._fitted = False
        # Once the first frame of new content is up, the margin for panning is painted
        # when the GUI is idle a moment (not in the same event-loop turn as the frame).
        self._enlarge_timer = QTimer(self, singleShot=True, interval=120)
        self._enlarge_timer.timeout.connect(self._enlarge)

    # --- content ---------------------------------------------------------------------

    @property
    def scene(self) -> MapScene:
        if self._scene is None:
            self._scene = build_scene([])
        return self._scene

    @scene.setter
    def scene(self, scene: MapScene) -> None:
        self._scene = scene

    def set_markers(self, markers: list[Marker]) -> None:
        self.scene = build_scene(markers)
        self.version += 1
        if not self._fitted:
            self.fit_places()
        self.update()

    def fit_places(self) -> None:
        """Show every tagged place with some land around it (places only named in the texts
        may lie far away: they do not widen the view; the theatre when there is none)."""
        tagged = [m for m in self.scene.markers if m.status != "untagged"] or self.scene.markers
        box = places_box([(m.lon, m.lat) for m in tagged]) or THEATRE
        self.view = fit_view(box, self.width(), self.height())
        self._fitted = bool(self.scene.markers)
        self._moved()

    def fit_theatre(self) -> None:
        self.view = fit_view(THEATRE, self.width(), self.height())
        self._moved()

    def marker(self, key: str) -> Marker | None:
        return next((m for m in self.scene.markers if m.key == key), None)

    def screen_pos(self, key: str) -> QPoint | None:
        """Where a place's marker is drawn (for tests and keyboard focus)."""
        m = self.marker(key)
        if m is None:
            return None
        from kursk_annotator.core.geo.view import project

        x, y = self.view.to_screen(*project(m.lon, m.lat))
        return QPoint(round(x), round(y))

    def _moved(self) -> None:
        self.update()
        self.view_changed.emit()

    # --- painting --------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.cache.draw(painter, self.scene, self.view, self.version)
        if not self.cache.has_margin:
            self._enlarge_timer.start()
        for key in {self.chosen, self.hovered} - {None}:
            sm = self.cache.where(self.view, key)
            if sm is not None:
                paint_focus(painter, sm, self.view.size)
        if self.hasFocus():
            painter.setPen(QColor(self.palette().highlight().color()))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def _enlarge(self) -> None:
        if self.isVisible():
            self.cache.enlarge(self.scene, self.view, self.devicePixelRatioF(), self.version)

    def render_pixmap(self) -> QPixmap:
        pixmap = QPixmap(self.size())
        self.render(pixmap)
        return pixmap

    def resizeEvent(self, event: QResizeEvent) -> None:
        old = event.oldSize()
        self.view = self.view.resized(self.width(), self.height())
        if not self._fitted or old.width() <= 0:
            self.fit_places()
        super().resizeEvent(event)

    # --- mouse -----------------------------------------------------------------------

    def marker_under(self, x: float, y: float) -> Marker | None:
        self.cache.ensure(self.scene, self.view, self.devicePixelRatioF(), self.version)
        return self.cache.marker_at(self.view, x, y)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = self._last = event.position()
            self._dragged = False
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if (pos - self._press).manhattanLength() >= CLICK_SLOP:
                self._dragged = True
            if self._dragged:
                delta = pos - self._last
                self._last = pos
                self.view = self.view.panned(delta.x(), delta.y())
                self._moved()
            return
        found = self.marker_under(pos.x(), pos.y())
        key = found.key if found else None
        if key != self.hovered:
            self.hovered = key
            self.update()
        if found is not None:
            QToolTip.showText(event.globalPosition().toPoint(), marker_tooltip(found), self)
        else:
            QToolTip.hideText()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            self.unsetCursor()
            if not self._dragged:
                pos = event.position()
                found = self.marker_under(pos.x(), pos.y())
                if found is not None:
                    self.chosen = found.key
                    self.update()
                    self.marker_clicked.emit(found.key)
            self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        found = self.marker_under(pos.x(), pos.y())
        if found is not None:
            self.marker_activated.emit(found.key)
            return
        self.view = self.view.zoomed(2.0, pos.x(), pos.y())
        self._moved()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            pos = event.position()
            self.view = self.view.zoomed(ZOOM_STEP**steps, pos.x(), pos.y())
            self._moved()
        event.accept()

    def leaveEvent(self, event) -> None:
        if self.hovered is not None:
            self.hovered = None
            self.update()
        super().leaveEvent(event)

    # --- keys ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        pans = {
            Qt.Key.Key_Left: (PAN_STEP, 0),
            Qt.Key.Key_Right: (-PAN_STEP, 0),
            Qt.Key.Key_Up: (0, PAN_STEP),
            Qt.Key.Key_Down: (0, -PAN_STEP),
        }
        if key in pans:
            self.view = self.view.panned(*pans[key])
            self._moved()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.view = self.view.zoomed(ZOOM_STEP)
            self._moved()
        elif key == Qt.Key.Key_Minus:
            self.view = self.view.zoomed(1 / ZOOM_STEP)
            self._moved()
        elif key == Qt.Key.Key_0:
            self.fit_places()
        elif key == Qt.Key.Key_Home:
            self.fit_theatre()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.chosen:
            self.marker_activated.emit(self.chosen)
        else:
            super().keyPressEvent(event)


def marker_tooltip(m: Marker) -> str:
    lines = [
        f"<b>{escape(m.name)}</b>",
        f"{m.mentions} mention{'s' * (m.mentions != 1)} in {m.reports} "
        f"report{'s' * (m.reports != 1)}",
        f"<span style='color:{m.colour}'>●</span> {STATUS_LABELS.get(m.status, m.status)}",
    ]
    if m.conflict:
        lines.append("<b>Sources disagree on the position</b>")
    lines.append("<i>Click: filter to this place · double-click: dossier</i>")
    return "<br>".join(lines)


def _legend() -> QLabel:
    parts = [
        f"<span style='color:{colour}; font-size:14px'>●</span>&nbsp;{STATUS_LABELS[status]}"
        for status, colour in STATUS_COLOURS.items()
    ]
    parts.append("<span style='color:#AA3377; font-size:14px'>◯</span>&nbsp;positions disagree")
    label = QLabel("&nbsp;&nbsp; ".join(parts) + "&nbsp;&nbsp; size: reports")
    label.setObjectName("map_legend")
    label.setAccessibleName("Map legend")
    label.setWordWrap(True)
    return label


class MapPanel(QWidget):
    """The map, its legend and controls, and the list of places without coordinates."""

    place_chosen = Signal(object)  # PlaceRecord
    dossier_requested = Signal(str)  # a place's name
    filter_cleared = Signal()

    def __init__(self, source: WorkspaceSource | None = None) -> None:
        super().__init__()
        self.setObjectName("map_panel")
        self._source = source  # where the workspace is read when the map reloads
        self.records: dict[str, object] = {}
        self.complete = True  # False while the map shows summaries of the tags only
        self._pending_choice: str | None = None
        self._generation = 0  # bumped by every reload: only the latest one's result shows
        self._unplaced_pending: list | None = None
        self.canvas = MapCanvas()
        self.untagged = QCheckBox("Places named but not tagged", objectName="map_untagged")
        self.untagged.setToolTip("Also show places the gazetteer finds in the texts (grey)")
        self.untagged.setChecked(True)
        self.untagged.toggled.connect(lambda _on: self.reload())
        self.clear_button = QPushButton("Show all places", objectName="map_clear")
        self.clear_button.setToolTip("Clear the place filter of the library and annotations")
        self.clear_button.setEnabled(False)
        self.clear_button.clicked.connect(self.clear_choice)
        self.dossier_button = QPushButton("Dossier…", objectName="map_dossier")
        self.dossier_button.setToolTip("Every mention of the chosen place (double-click it)")
        self.dossier_button.setEnabled(False)
        self.dossier_button.clicked.connect(self._dossier_clicked)
        self.unplaced = QListWidget(objectName="map_unplaced")
        self.unplaced.setAccessibleName("Places without coordinates")
        self.unplaced.itemClicked.connect(
            lambda item: self._choose(item.data(Qt.ItemDataRole.UserRole))
        )
        self.unplaced.itemActivated.connect(
            lambda item: self._activate(item.data(Qt.ItemDataRole.UserRole))
        )
        self.summary = QLabel(objectName="map_summary")
        self.summary.setAccessibleName("Places on the map")

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(4, 0, 0, 0)
        side_layout.addWidget(QLabel("<b>Not on the map</b> (no coordinates)"))
        side_layout.addWidget(self.unplaced, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.canvas)
        split.addWidget(side)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([600, 160])
        controls = QHBoxLayout()
        controls.addWidget(self.summary, 1)
        controls.addWidget(self.untagged)
        controls.addWidget(self.dossier_button)
        controls.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(split, 1)
        layout.addWidget(_legend())
        self.canvas.marker_clicked.connect(self._choose)
        self.canvas.marker_activated.connect(self._activate)

    def reload(self, on_error: Callable[[str], None] | None = None) -> None:
        """Read the places again (after the store changed).

        The tagged places are shown at once from one aggregate query over the tags
        (``core.places.summary``); the full records (mentions found in every text,
        places named but not tagged, the tags themselves for the filter) are read off
        the GUI thread and replace them when ready: the map is usable meanwhile."""
        workspace = self._source.workspace if self._source is not None else None
        if workspace is None:
            return
        from kursk_annotator.core.places.index import build_index
        from kursk_annotator.core.places.summary import place_summaries
        from kursk_annotator.ui.tasks import run_task

        untagged = self.untagged.isChecked()
        self._generation += 1
        generation = self._generation
        try:
            self.set_records(place_summaries(workspace), complete=False)
        except UserError as exc:
            self.summary.setText("The places could not be read")
            if on_error is not None:
                on_error(str(exc))
            return

        def done(index, error: BaseException | None) -> None:
            if generation != self._generation:
                return  # a later reload (the store changed, the checkbox) supersedes it
            if error is not None:
                self.summary.setText("The places could not be read")
                if on_error is not None:
                    on_error(str(error))
                return
            self.set_records(index.places)

        run_task(
            lambda _task: build_index(workspace, untagged=untagged),
            done,
            name="reading the places",
            owner=self,
        )

    def set_records(self, records: list, complete: bool = True) -> None:
        """Show these places: ``PlaceRecord``s of ``core.places.index``, or with
        ``complete=False`` the ``PlaceSummary``s of ``core.places.summary`` (the tagged
        places before the texts are read: a click on one waits for the full record)."""
        self.records = {r.key: r for r in records}
        self.complete = complete
        markers = []
        unplaced = []
        for r in records:
            pos = r.position
            if pos is None:
                unplaced.append(r)
                continue
            markers.append(
                Marker(
                    key=r.key,
                    name=r.name,
                    lon=pos[1],
                    lat=pos[0],
                    reports=r.report_count,
                    mentions=r.mention_count,
                    status=r.status,
                    conflict=r.conflict,
                )
            )
        self.canvas.set_markers(markers)
        self.summary.setText(
            f"{len(markers)} places on the map · {len(unplaced)} without coordinates"
            + ("" if complete else " · reading the texts…")
        )
        # The side list waits for the first frame of the map: it is not what one opens
        # the map for, and a long one costs more than the markers.
        self._unplaced_pending = unplaced
        QTimer.singleShot(0, self._fill_unplaced)
        if complete and self._pending_choice is not None:
            key, self._pending_choice = self._pending_choice, None
            self._choose(key)

    def _fill_unplaced(self) -> None:
        records, self._unplaced_pending = self._unplaced_pending, None
        if records is None:
            return
        self.unplaced.clear()
        for r in records:
            item = QListWidgetItem(f"{r.name}  ({r.mention_count})")
            item.setData(Qt.ItemDataRole.UserRole, r.key)
            item.setToolTip(f"{r.mention_count} mentions in {r.report_count} reports")
            self.unplaced.addItem(item)

    def _choose(self, key: str) -> None:
        record = self.records.get(key)
        if record is None:
            return
        if not self.complete:
            # Filtering needs the place's mentions: the records arrive in a moment.
            self._pending_choice = key
            self.canvas.chosen = key
            self.canvas.update()
            return
        self.canvas.chosen = key
        self.canvas.update()
        self.clear_button.setEnabled(True)
        self.dossier_button.setEnabled(True)
        self.place_chosen.emit(record)

    def _activate(self, key: str) -> None:
        record = self.records.get(key)
        if record is not None:
            self.dossier_requested.emit(record.name)

    def _dossier_clicked(self) -> None:
        if self.canvas.chosen:
            self._activate(self.canvas.chosen)

    def clear_choice(self) -> None:
        self._pending_choice = None
        self.canvas.chosen = None
        self.canvas.update()
        self.clear_button.setEnabled(False)
        self.dossier_button.setEnabled(False)
        self.unplaced.clearSelection()
        self.filter_cleared.emit()
