"""Add the import, export and review features to the main window.

Their modules load the database and document libraries, so they are installed once the
store is open (``workspace_attached``), after the first window has been painted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kursk_annotator.ui.main_window import MainWindow


def install_feature_menus(window: MainWindow) -> None:
    """File -> Import/Clipboard/Metadata/Export Briefing, and the Review menu and queue."""
    from kursk_annotator.ui.export_dialog import add_export_action
    from kursk_annotator.ui.import_dialog import add_import_actions
    from kursk_annotator.ui.review_tools import install_review_tools

    window.import_actions = add_import_actions(
        window,
        window.file_menu,
        lambda: window.workspace,
        window.reload_library,
        current_article=lambda: window.state.article.id if window.state.article else None,
        open_article=window.open_article,
    )
    window.export_action = add_export_action(window, window.file_menu, lambda: window.workspace)
    from kursk_annotator.ui.export_table_dialog import add_export_table_action

    window.export_table_action = add_export_table_action(
        window,
        window.file_menu,
        lambda: window.workspace,
        current_article=lambda: window.state.article.id if window.state.article else None,
    )

    from kursk_annotator.ui.figures_view import install_evidence_views
    from kursk_annotator.ui.map_tools import install_map_tools

    window.map_tools = install_map_tools(window)
    window.figures_dock, window.speakers_dock = install_evidence_views(
        window, window.show_annotation
    )

    from kursk_annotator.ui.suggestion_tools import install_suggestion_tools

    window.suggestion_tools = install_suggestion_tools(window)
    window.review_tools = install_review_tools(
        window,
        lambda: window.workspace,
        window.reload_library,
        selected_annotation=lambda: window.state.selected_id,
        open_annotation=window.show_annotation,
    )
