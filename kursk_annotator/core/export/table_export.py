"""Annotations as a table (CSV or XLSX): one row per annotation, every attribute, its
review status and latest verdict. The ``export-table`` command and File -> Export.

Columns are fixed first (who, where, what, status, verdict), then one per attribute of
every kind the registry knows (in its order), then any attribute found in the data that
no kind declares (from a newer version, say), so no value is ever dropped. Files are
written through the atomic writer: a failed or interrupted export leaves the old file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kursk_annotator.core import kinds
from kursk_annotator.core.atomic_file import atomic_write
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.records import AnnotationInfo, iso
from kursk_annotator.core.workspace import Workspace

FORMATS = {".csv": "csv", ".xlsx": "xlsx"}
BASE_COLUMNS = (
    "id",
    "article_id",
    "article_title",
    "outlet",
    "published",
    "kind",
    "quote",
    "start",
    "end",
    "analyst",
    "status",
    "latest_verdict",
    "latest_verdict_by",
    "latest_verdict_at",
    "latest_verdict_comment",
    "review_entries",
    "note",
    "created",
    "updated",
)
VERDICT_WORDS = {"accept": "accepted", "reject": "rejected", "request_changes": "changes requested"}


@dataclass(frozen=True)
class TableFilter:
    """The filters of the ``annotations`` command; empty means all."""

    article_id: int | None = None
    analysts: Sequence[str] = ()
    kinds: Sequence[str] = ()
    statuses: Sequence[str] = ()


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[Any]]


def table_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UserError(
            f"cannot tell the table format of {path.name!r}: name the file .csv or .xlsx"
        )
    return fmt


def build_table(ws: Workspace, flt: TableFilter = TableFilter()) -> Table:
    if flt.article_id is not None:
        ws.articles.get(flt.article_id)  # NotFoundError with what to do
    found = ws.annotations.list(
        article_id=flt.article_id,
        analysts=list(flt.analysts) or None,
        kinds=list(flt.kinds) or None,
        statuses=list(flt.statuses) or None,
    )
    articles = {a.id: a for a in ws.articles.list()}
    threads = ws.reviews.threads(a.id for a in found)
    attribute_columns = _attribute_columns(found)
    rows = []
    for a in found:
        article = articles.get(a.article_id)
        thread = threads.get(a.id, [])
        verdicts = [r for r in thread if r.verdict in VERDICT_WORDS]
        latest = verdicts[-1] if verdicts else None
        rows.append(
            [
                a.id,
                a.article_id,
                article.title if article else "",
                (article.outlet or "") if article else "",
                article.published.isoformat() if article and article.published else "",
                a.kind,
                a.quote,
                a.start,
                a.end,
                a.analyst,
                a.status,
                VERDICT_WORDS[latest.verdict] if latest else "",
                latest.analyst if latest else "",
                iso(latest.created) if latest else "",
                latest.text if latest else "",
                len(thread),
                a.note,
                iso(a.created),
                iso(a.updated),
                *(_cell(a.attributes.get(name)) for name in attribute_columns),
            ]
        )
    return Table([*BASE_COLUMNS, *attribute_columns], rows)


def _attribute_columns(found: Sequence[AnnotationInfo]) -> list[str]:
    names: list[str] = []
    for spec in kinds.all_kinds():
        for f in spec.fields():
            if f.name not in names and f.name not in BASE_COLUMNS:
                names.append(f.name)
    for a in found:
        for key in a.attributes:
            if key not in names and key not in BASE_COLUMNS:
                names.append(key)
    return names


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return value


def _safe_text(value: Any) -> Any:
    """Text a spreadsheet would run as a formula ("=…", "+…", "@…") gets a leading
    apostrophe, as spreadsheets themselves do, so opening the table runs nothing."""
    if isinstance(value, str) and value[:1] in ("=", "+", "@", "\t", "\r"):
        return "'" + value
    if isinstance(value, str) and value[:1] == "-" and not _is_number(value):
        return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write_table(table: Table, path: Path | str) -> int:
    """Write ``table`` to ``path`` (.csv or .xlsx); returns the number of rows."""
    target = Path(path)
    fmt = table_format(target)
    if fmt == "csv":
        # UTF-8 with a byte-order mark: Excel then reads Cyrillic and accents correctly.
        with atomic_write(target, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.columns)
            for row in table.rows:
                writer.writerow([_safe_text(v) for v in row])
    else:
        data = _xlsx_bytes(table)
        with atomic_write(target, "wb") as handle:
            handle.write(data)
    return len(table.rows)


def _xlsx_bytes(table: Table) -> bytes:
    from openpyxl import Workbook  # only when writing XLSX
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = "Annotations"
    sheet.append(table.columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text: "=SUM(…)" in a quote is not run
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    wide = {"article_title": 40, "quote": 60, "note": 40, "latest_verdict_comment": 40}
    for index, name in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = wide.get(name, 14)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if table.columns[cell.column - 1] in wide:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_table(ws: Workspace, path: Path | str, flt: TableFilter = TableFilter()) -> int:
    table_format(Path(path))  # refuse a wrong name before reading anything
    return write_table(build_table(ws, flt), path)
