"""The main window's features that come with the store: import, export, review, map,
figures and claims views, suggestions.

Their modules load the database and document libraries, so they are installed once the
store is open (``workspace_attached``), after the first window has been painted. Each
declares its actions (ui.actions) and reads the workspace, the open article and the
selection from the window's state; the window keeps what this returns.
"""

from __future__ import annotations

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


def install_features(window: MainWindow) -> Features:
    """File -> Import/Clipboard/Metadata/Export, View -> Figures/Claims by Speaker/Map,
    the Suggest and Review menus, and their docks."""
    from kursk_annotator.ui.export_dialog import export_actions
    from kursk_annotator.ui.export_table_dialog import export_table_actions
    from kursk_annotator.ui.figures_view import install_evidence_views
    from kursk_annotator.ui.import_dialog import install_import
    from kursk_annotator.ui.map_tools import install_map_tools
    from kursk_annotator.ui.review_tools import install_review_tools
    from kursk_annotator.ui.suggestion_tools import install_suggestion_tools

    drop = install_import(window)
    window.action_set.add([*export_actions(), *export_table_actions()])
    map_tools = install_map_tools(window)
    figures_dock, speakers_dock = install_evidence_views(window)
    suggestions = install_suggestion_tools(window)
    review = install_review_tools(window)
    return Features(drop, map_tools, figures_dock, speakers_dock, suggestions, review)
