"""The main window's features that come with the store: import, export, review, map,
figures and claims views, suggestions.

Their modules load the database and document libraries, so they are installed once the
store is open, after the first window has been painted. Each declares its actions
(ui.actions) and reads the workspace, the open article and the selection from the
window's state; the window keeps what is installed as one :class:`Features`.

They are installed one at a time (:meth:`FeatureInstall.steps`): the app runs one step
per turn of the event loop, so the window keeps answering (scrolling, typing, menus)
while they come; tests and scripts install them all at once (:func:`install_features`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget

    from kursk_annotator.ui.import_dialog import DropImporter
    from kursk_annotator.ui.main_window import MainWindow
    from kursk_annotator.ui.map_tools import MapTools
    from kursk_annotator.ui.review_tools import ReviewTools
    from kursk_annotator.ui.suggestion_tools import SuggestionTools


@dataclass(frozen=True)
class Features:
    drop_import: DropImporter
    map: MapTools
    figures_dock: QDockWidget
    speakers_dock: QDockWidget
    suggestions: SuggestionTools
    review: ReviewTools


class FeatureInstall:
    """File -> Import/Clipboard/Metadata/Export, View -> Figures/Claims by Speaker/Map,
    the Suggest and Review menus, and their docks, installed step by step: each step
    imports its own modules (so their cost falls in that step) and adds its actions."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._made: dict[str, object] = {}
        self._done: set[int] = set()

    def steps(self) -> list[Callable[[], None]]:
        """In this order; each about 10-40 ms of the GUI thread on a quiet machine. A
        feature's modules are imported in a step of their own before it is installed
        (PySide6 makes the Qt enums a module uses when it is imported: tens of ms).
        A step already run does nothing when run again (another store attached while
        the features were being installed goes on from where they were)."""
        return [self._once(i, step) for i, step in enumerate(self._steps())]

    def _once(self, index: int, step: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            if index not in self._done:
                self._done.add(index)
                step()

        return run

    def _steps(self) -> list[Callable[[], None]]:
        return [
            self._import_export,
            _importing("kursk_annotator.ui.map_tools"),
            self._map,
            _importing("kursk_annotator.ui.figures_view"),
            self._evidence,
            _importing("kursk_annotator.ui.suggestion_tools"),
            self._suggestions,
            _importing("kursk_annotator.ui.review_queue"),
            _importing("kursk_annotator.ui.review_tools"),
            self._review,
        ]

    def result(self) -> Features:
        """What was installed (every step run)."""
        m = self._made
        return Features(
            m["drop"], m["map"], m["figures"], m["speakers"], m["suggestions"], m["review"]
        )  # type: ignore[arg-type]

    def _import_export(self) -> None:
        from kursk_annotator.ui.export_dialog import export_actions
        from kursk_annotator.ui.export_table_dialog import export_table_actions
        from kursk_annotator.ui.import_dialog import install_import

        self._made["drop"] = install_import(self.window)
        self.window.action_set.add([*export_actions(), *export_table_actions()])

    def _map(self) -> None:
        from kursk_annotator.ui.map_tools import install_map_tools

        self._made["map"] = install_map_tools(self.window)

    def _evidence(self) -> None:
        from kursk_annotator.ui.figures_view import install_evidence_views

        self._made["figures"], self._made["speakers"] = install_evidence_views(self.window)

    def _suggestions(self) -> None:
        from kursk_annotator.ui.suggestion_tools import install_suggestion_tools

        self._made["suggestions"] = install_suggestion_tools(self.window)

    def _review(self) -> None:
        from kursk_annotator.ui.review_tools import install_review_tools

        self._made["review"] = install_review_tools(self.window)


def _importing(module: str) -> Callable[[], None]:
    def step() -> None:
        importlib.import_module(module)

    return step


def install_features(window: MainWindow) -> Features:
    """Every feature at once (a window given its store when made, tests, scripts)."""
    install = FeatureInstall(window)
    for step in install.steps():
        step()
    return install.result()


# Qt-free modules the features and the inspector's forms import when they are installed:
# the app imports them on a pool thread while the store opens (``ui.app``), so the GUI
# thread finds them loaded.
PRELOADED = (
    "kursk_annotator.core.attributes",
    "kursk_annotator.core.anchoring",
    "kursk_annotator.core.services.annotations",
    "kursk_annotator.core.evidence.registry",
    "kursk_annotator.core.export.briefing_options",
    "kursk_annotator.core.importers.batch",
    "kursk_annotator.core.importers.clipboard",
    "kursk_annotator.core.exchange.orphans",
    "kursk_annotator.core.agreement",
    "kursk_annotator.core.change_summary",
    "kursk_annotator.core.suggest.worker",
    "kursk_annotator.core.geo.scene",
)
# What the Figures view and the map import when first shown (about 140 and 35 ms): loaded
# on a pool thread once the tools are installed (``ui.app.load_views``, which also
# projects the map's base layers), so the first look at them is quicker.
PRELOADED_WHEN_IDLE = (
    "kursk_annotator.core.evidence.service",
    "kursk_annotator.core.places.index",
)
