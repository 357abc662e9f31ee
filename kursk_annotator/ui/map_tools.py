"""Hook the map panel and place dossiers into the main window.

View → Map of Places (Ctrl+Alt+M) shows the map as a tab beside the Annotations panel;
View → Place Dossier… (Ctrl+Alt+D) opens the dossier of the place annotation selected
in the reader (or the place chosen on the map); the inspector's "Place dossier…" button
does the same for the place it shows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from kursk_annotator.core.errors import UserError
from kursk_annotator.ui import settings as keys
from kursk_annotator.ui.actions import ActionSpec
from kursk_annotator.ui.map_panel import MapPanel

if TYPE_CHECKING:
    from kursk_annotator.core.places.index import PlaceRecord
    from kursk_annotator.ui.main_window import MainWindow


@dataclass
class MapTools:
    window: MainWindow
    dock: QDockWidget
    panel: MapPanel
    placed: bool = False
    loaded: bool = False

    def show_map(self) -> None:
        if not self.placed:
            self._place()
        self.dock.show()
        self.dock.raise_()
        if not self.loaded:
            self.refresh()
        self.panel.canvas.setFocus()

    def refresh(self) -> None:
        """Read the places again (after imports, edits or reviews)."""
        self.loaded = True
        self.panel.reload(lambda message: self.window.statusBar().showMessage(message, 10000))

    def _place(self) -> None:
        """A tab beside the Annotations panel, wide enough to read a map."""
        self.placed = True
        window, dock = self.window, self.dock
        beside = window.annotations_dock
        if beside.isVisible() and not beside.isFloating():
            window.tabifyDockWidget(beside, dock)
            width = max(beside.width(), min(760, int(window.width() * 0.5)))
            window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
            window.resizeDocks([dock], [int(window.height() * 0.66)], Qt.Orientation.Vertical)

    # --- choosing a place --------------------------------------------------------------

    def filter_to_place(self, record: PlaceRecord) -> None:
        """The library, the reader and the annotations narrowed to one place: the articles
        that mention it, its tags, and the claims and figures said in the same sentences."""
        from kursk_annotator.core.places.dossier import dossier_for
        from kursk_annotator.core.places.index import PlaceIndex

        window = self.window
        ws = window.workspace
        index = PlaceIndex([record], {a.id: a for a in ws.articles.list()})
        dossier = dossier_for(record, index, ws)
        ids = {t.id for t in record.tags}
        for entry in dossier.entries:
            ids |= {a.id for a in (*entry.claims, *entry.figures)}
        articles = set(record.article_ids)
        window.library.set_place_filter(articles)
        window.state.set_filter(
            replace(window.state.filter, only=frozenset(ids), only_label=record.name)
        )
        current = window.state.article
        if dossier.entries and (current is None or current.id not in articles):
            window.open_article(dossier.entries[0].article.id)
            current = window.state.article
        if current is not None:
            here = [m for m in record.mentions if m.article_id == current.id]
            if here:
                window.reader.show_span(here[0].start, here[0].end)
        window.statusBar().showMessage(
            f"Showing {record.name}: {record.mention_count} mentions in "
            f"{record.report_count} articles, {len(ids)} annotations "
            "(Show all places on the map clears this)",
            15000,
        )

    def clear_place(self) -> None:
        window = self.window
        window.library.set_place_filter(None)
        window.state.set_filter(replace(window.state.filter, only=None, only_label=""))
        window.statusBar().showMessage("Showing every place", 4000)

    # --- dossiers ----------------------------------------------------------------------

    def show_dossier(self, name: str) -> None:
        from kursk_annotator.core.places.dossier import place_dossier
        from kursk_annotator.ui.place_dossier import DossierDialog

        try:
            dossier = place_dossier(self.window.workspace, name)
        except UserError as exc:
            self.window.statusBar().showMessage(str(exc), 10000)
            return
        dialog = DossierDialog(dossier, self._open_mention, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.last_dossier = dialog

    def dossier_for_selection(self) -> None:
        """The dossier of the selected place annotation, else of the place on the map."""
        window = self.window
        row = window.state.selected_annotation
        if row is not None and row.kind == "place":
            info = window.workspace.annotations.get(row.id)
            self.show_dossier(info.attributes.get("canonical_name") or info.quote)
            return
        chosen = self.panel.records.get(self.panel.canvas.chosen or "")
        if chosen is not None:
            self.show_dossier(chosen.name)
            return
        window.statusBar().showMessage(
            "Select a place annotation, or choose a place on the map (Ctrl+Alt+M)", 6000
        )

    def _open_mention(self, article_id: int, start: int, end: int) -> None:
        window = self.window
        if window.state.article is None or window.state.article.id != article_id:
            window.library.set_place_filter(None)
            window.open_article(article_id)
        window.reader.show_span(start, end)
        window.activateWindow()


def install_map_tools(window: MainWindow) -> MapTools:
    panel = MapPanel(window.state)
    dock = QDockWidget("Map", window, objectName="map_dock")
    dock.setWidget(panel)
    dock.setAccessibleName("Map of places")
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    # A window state saved with the map in it puts the map back where the user left it;
    # otherwise it stays hidden until asked for, then opens as a tab beside Annotations.
    saved = bytes(window.settings.get(keys.WINDOW_STATE).data())
    restored = b"map_dock" in saved and window.restoreDockWidget(dock)
    if not restored:
        dock.hide()
    tools = MapTools(window, dock, panel, placed=restored)
    window.action_set.add(map_actions(tools))
    panel.place_chosen.connect(tools.filter_to_place)
    panel.dossier_requested.connect(tools.show_dossier)
    panel.filter_cleared.connect(tools.clear_place)
    # Shown again (after edits, imports or reviews elsewhere): read the places afresh.
    dock.visibilityChanged.connect(lambda shown: shown and tools.refresh())
    window.inspector.dossier_requested.connect(tools.show_dossier)
    if dock.isVisible():  # restored open with the window
        tools.refresh()
    return tools


def map_actions(tools: MapTools) -> list[ActionSpec]:
    """View -> Map of Places and Place Dossier…"""
    return [
        ActionSpec("action_map", "&Map of Places", "&View", lambda _w, _c: tools.show_map(),
                   ("Ctrl+Alt+M",), tip="Every place on an offline map of the theatre",
                   section="map"),
        ActionSpec("action_place_dossier", "Place &Dossier…", "&View",
                   lambda _w, _c: tools.dossier_for_selection(), ("Ctrl+Alt+D",),
                   tip="Every mention of the selected place across the library",
                   section="map"),
    ]  # fmt: skip
