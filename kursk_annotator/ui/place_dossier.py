"""The dossier of one place: every mention across the library, newest first, with the
date, source, claimant, the sentence, and the figures and claims tagged in it."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kursk_annotator.core.places.dossier import Dossier
from kursk_annotator.core.records import AnnotationInfo, iso

COLUMNS = ("Date", "Source", "Claimant", "Mention", "Figures and claims in the sentence")


def _coordinates(dossier: Dossier) -> str:
    place = dossier.place
    if place.position is None:
        return "no coordinates"
    if not place.conflict:
        lat, lon = place.position
        return f"{lat:.4f}° N, {lon:.4f}° E"
    parts = []
    for c in place.coordinates:
        who = ", ".join(sorted(set(c.analysts))) or c.origin
        parts.append(f"{c.latitude:.4f}° N, {c.longitude:.4f}° E ({escape(who)})")
    return "<b style='color:#AA3377'>positions disagree:</b> " + "; ".join(parts)


def _figure_line(f: AnnotationInfo) -> str:
    counts = f.attributes.get("counts")
    return f"Figure: {f.quote}" + (f" ({counts})" if counts else "")


class DossierDialog(QDialog):
    """Double-click (or Enter on) a mention to read it in its article."""

    def __init__(
        self,
        dossier: Dossier,
        open_mention: Callable[[int, int, int], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        place = dossier.place
        self.dossier = dossier
        self._open = open_mention
        self.setObjectName("place_dossier")
        self.setWindowTitle(f"Dossier: {place.name}")
        header = QLabel(
            f"<h2>{escape(place.name)}</h2>"
            f"{place.mention_count} mentions in {place.report_count} reports · "
            f"{len(place.tags)} tags · {_coordinates(dossier)}",
            objectName="dossier_header",
        )
        header.setWordWrap(True)
        header.setTextFormat(Qt.TextFormat.RichText)
        self.tree = QTreeWidget(objectName="dossier_entries")
        self.tree.setAccessibleName(f"Mentions of {place.name}, newest first")
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        for n, entry in enumerate(dossier.entries):
            article = entry.article
            extras = [
                f"Figure: {f.quote}"
                + (f" ({f.attributes['counts']})" if f.attributes.get("counts") else "")
                for f in entry.figures
            ] + [f"Claim: {c.quote}" for c in entry.claims]
            item = QTreeWidgetItem(
                [
                    iso(article.published) or "undated",
                    f"[{article.id}] {article.outlet or article.title}",
                    ", ".join(entry.claimants) or "—",
                    entry.sentence + ("" if entry.annotation_ids else "  (named, not tagged)"),
                    "\n".join(extras),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, n)
            item.setToolTip(1, article.title)
            item.setToolTip(3, entry.sentence)
            self.tree.addTopLevelItem(item)
        for column, width in enumerate((86, 170, 140, 420, 260)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemActivated.connect(self._activated)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(1120, 560)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        entry = self.dossier.entries[item.data(0, Qt.ItemDataRole.UserRole)]
        if self._open is not None:
            self._open(entry.article.id, entry.start, entry.end)
