"""Import a W3C Web Annotation file: read it, parse each annotation, plan the rows, store
them through the services in one transaction.

``import_annotations`` is what the GUI and the CLI call. The steps are separate functions
so each can be checked or extended on its own: ``read_annotations`` (the file's nodes),
``parse_annotation`` (one node, or a one-line reason it is unusable), ``plan_rows`` (what
to store: duplicates, anchors, orphans), ``ImportService.store_batch`` (the transaction).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.exchange.parse import ParsedAnnotation, parse_annotation
from kursk_annotator.core.exchange.plan import ImportReport, StoreState, plan_rows
from kursk_annotator.core.exchange.w3c import read_annotations

if TYPE_CHECKING:
    from kursk_annotator.core.workspace import Workspace

__all__ = ["ImportReport", "import_annotations"]


def import_annotations(ws: Workspace, path: Path) -> ImportReport:
    """Import a W3C Web Annotation file into the store; see the module docstring."""
    nodes = read_annotations(path)
    report = ImportReport()
    parsed: list[ParsedAnnotation] = []
    for node in nodes:
        try:
            parsed.append(parse_annotation(node))
        except UserError as exc:
            report.invalid.append(str(exc))
    imports = ws.imports
    state = StoreState(imports.article_keys(), imports.annotation_uids(), imports.orphan_uids())
    importer = ws.analyst
    batch = plan_rows(parsed, state, ws.annotations.article_text, importer.name, report)
    imports.store_batch(batch, importer)
    return report
