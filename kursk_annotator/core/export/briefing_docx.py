"""Write a briefing as a Word document: frame, cover, tables, annotated sources, sources.

``export_briefing`` is the one entry point the GUI and the CLI call. It reports progress
and can be cancelled between articles; the document is written to a temporary file in
the target folder and renamed over the target only when complete, so a failed or
cancelled export never leaves a half-written file where a previous one stood.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kursk_annotator.core import kinds as kind_registry
from kursk_annotator.core.atomic_file import atomic_write
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.export.annotated_text import SOURCE_TEXT_STYLE, write_annotated_text
from kursk_annotator.core.export.briefing_data import BriefingData, Source, gather_briefing
from kursk_annotator.core.export.briefing_generic import write_kind_table
from kursk_annotator.core.export.briefing_options import STATUS_LABELS, BriefingOptions
from kursk_annotator.core.export.briefing_tables import (
    MUTED_COLOUR,
    heading,
    note,
    write_source_list,
    write_summary,
)
from kursk_annotator.core.export.docx_comments import CommentWriter, add_comment_styles
from kursk_annotator.core.export.docx_stream import Spool, save_spooled, spooling
from kursk_annotator.core.export.docx_tables import TABLE_TEXT_STYLE, Column, TableWriter
from kursk_annotator.core.export.docx_xml import (
    Bookmarks,
    Element,
    append_xml,
    field_xml,
    paragraph_xml,
    plain_run_xml,
    run_xml,
)
from kursk_annotator.core.workspace import Workspace

if TYPE_CHECKING:  # python-docx loads when a document is built
    from docx.document import Document

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]
MARKING_COLOUR = "#A50021"


class ExportCancelled(UserError):
    """The user stopped the export; nothing was written."""

    def __init__(self) -> None:
        super().__init__("export cancelled: no file was written")


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    articles: int
    annotations: int
    comments: int
    seconds: float


def check_target(path: Path | str) -> Path:
    """The absolute .docx path to write, or a UserError saying why it cannot be."""
    target = Path(path).expanduser()
    if target.suffix.lower() != ".docx":
        raise UserError(f"{target.name or target} is not a .docx file name: end it in .docx")
    target = target.resolve()
    if target.is_dir():
        raise UserError(f"{target} is a folder: give a file name ending in .docx")
    if not target.parent.is_dir():
        raise UserError(f"folder {target.parent} does not exist: create it or choose another")
    if not os.access(target.parent, os.W_OK):
        raise UserError(f"cannot write to folder {target.parent}: choose another folder")
    return target


def export_briefing(
    workspace: Workspace,
    options: BriefingOptions,
    path: Path | str,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> ExportResult:
    """Gather, build and atomically write the briefing; return what was written."""
    began = time.perf_counter()
    target = check_target(path)

    def step(done: int, total: int, label: str) -> None:
        if cancel is not None and cancel():
            raise ExportCancelled
        if progress is not None:
            progress(done, total, label)

    step(0, 1, "Reading annotations")
    # The data reads each article's annotations as its text is written, on one read
    # snapshot (briefing_reading), and the body and the comments go to temporary files
    # as they are built (docx_stream): memory stays that of one article (plus the
    # comparison of figures and claims) however large the briefing.
    with gather_briefing(workspace, options) as data:
        from kursk_annotator.core.export.briefing_places import place_rows  # the map's

        data.places = place_rows(workspace, data)
        with Spool() as spool:
            document, comments = build_document(data, step, spool)
            total = len(data.sections) + 3
            step(total - 1, total, "Saving the document")
            keep = lambda: not (cancel is not None and cancel())  # noqa: E731
            with atomic_write(target, "wb", keep=keep) as handle:
                save_spooled(document, spool, handle)
            if not keep():
                raise ExportCancelled
        step(total, total, "Done")
        return ExportResult(
            target,
            len(data.sections),
            data.annotation_count,
            comments,
            time.perf_counter() - began,
        )


def build_document(
    data: BriefingData, step: ProgressFn, spool: Spool | None = None
) -> tuple[Document, int]:
    """The briefing as a python-docx Document (not yet saved), and its comment count.

    With a ``spool``, the body's content and the comments are written there after each
    section and article instead of staying in the document (save with
    ``docx_stream.save_spooled``)."""

    def drain() -> None:
        if spool is not None:
            comments.flush()
            spool.drain(body)

    import docx  # imported here: about 0.3 s, only needed when exporting

    total = len(data.sections) + 3
    document = docx.Document()
    _styles(document)
    add_comment_styles(document)
    _frame(document, data)
    _properties(document, data)
    body = document.element.body
    # Content goes in front of the final section properties, which are put back last.
    sect_pr = body.sectPr
    for child in list(body):
        body.remove(child)
    bookmarks = Bookmarks()
    comments = CommentWriter(document, spool)
    # Tables in a spooled body go to the spool as text (docx_stream.spooling).
    with spooling(body, spool) if spool is not None else contextlib.nullcontext():
        _cover(body, data)
        write_summary(body, data)
        drain()
        # A kind left out of the selection gets no section, rather than an empty one.
        kinds = data.options.kinds_or_all
        for spec in sorted(kind_registry.all_kinds(), key=lambda k: k.briefing_rank):
            if spec.name in kinds:
                write = spec.section_writer() or functools.partial(write_kind_table, kind=spec)
                # A section with a picture (the Places map) needs the document: its image part.
                if "document" in inspect.signature(write).parameters:
                    write(body, data, document=document)
                else:
                    write(body, data)
                drain()
        step(1, total, "Tables written")
        heading(body, "Annotated sources", 1, page_break=True)
        _legend(body)
        for number, section in enumerate(data.sections, start=1):
            step(1 + number, total, f"Article {number} of {len(data.sections)}")
            source = section.source
            p = heading(body, f"{source.ref} {section.source.article.title}", 2)
            bookmarks.wrap(p, f"text_{source.number}")
            # Read now and dropped once written: one article's annotations at a time.
            annotations = section.annotations
            _article_meta(body, section.source, len(annotations))
            if not annotations:
                note(body, "No annotations in this selection for this article.")
            threads = section.threads(annotations)
            write_annotated_text(body, section.text, annotations, comments, data.initials, threads)
            del annotations, threads
            drain()
        write_source_list(body, data, bookmarks)
        comments.finish()
    body.append(sect_pr)
    return document, comments.count


def _styles(document: Document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Title", 26), ("Heading 1", 16), ("Heading 2", 12.5)):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
    source = styles.add_style("Source Text", WD_STYLE_TYPE.PARAGRAPH)
    source.base_style = normal
    source.paragraph_format.space_after = Pt(6)
    source.paragraph_format.line_spacing = 1.15
    assert source.style_id == SOURCE_TEXT_STYLE
    table = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table.base_style = normal
    table.font.size = Pt(9)
    table.paragraph_format.space_after = Pt(0)
    table.paragraph_format.line_spacing = 1.0
    assert table.style_id == TABLE_TEXT_STYLE


def _frame(document: Document, data: BriefingData) -> None:
    """A4 pages; the marking in the header and footer of every page; page numbers."""
    from docx.shared import Cm

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    marking = data.options.marking
    for part in (section.header._element, section.footer._element):
        for p in list(part):
            part.remove(p)
    small = {"colour": MUTED_COLOUR, "size_pt": 8}
    mark = run_xml(marking, bold=True, colour=MARKING_COLOUR, size_pt=9) if marking else ""
    top = mark or run_xml(data.options.title, **small)
    append_xml(section.header._element, paragraph_xml(top, align="center", space_after_pt=0))
    page = (
        run_xml("Page ", **small)
        + field_xml("PAGE", "1", **small)
        + run_xml(" of ", **small)
        + field_xml("NUMPAGES", "1", **small)
    )
    bottom = (paragraph_xml(mark, align="center", space_after_pt=0) if mark else "") + (
        paragraph_xml(page, align="center", space_after_pt=0)
    )
    append_xml(section.footer._element, bottom)


def _properties(document: Document, data: BriefingData) -> None:
    props = document.core_properties
    props.title = data.options.title
    props.author = data.options.author
    props.last_modified_by = data.options.author
    props.created = data.created.replace(tzinfo=None)
    props.modified = data.created.replace(tzinfo=None)
    props.subject = "Annotated briefing"
    props.keywords = "claims; figures; places; open sources"
    props.category = data.options.marking
    props.comments = f"{data.annotation_count} annotations from {len(data.sections)} sources"
    props.revision = 1


def long_date(data: BriefingData) -> str:
    d = data.created
    return f"{d.day} {d:%B %Y}"


def _cover(body: Element, data: BriefingData) -> None:
    options = data.options
    subtitle = "Claims, figures and places from open sources, with the annotated texts"
    append_xml(
        body,
        paragraph_xml("", space_before_pt=60)
        + paragraph_xml(plain_run_xml(options.title), "Title")
        + paragraph_xml(run_xml(subtitle, colour=MUTED_COLOUR, size_pt=12), space_after_pt=24),
    )
    n_all, n = data.articles_in_store, len(data.sections)
    articles = (
        (f"all {n} articles in the store" if n == n_all else f"{n} of {n_all} articles")
        + ": "
        + ", ".join(s.source.ref for s in data.sections)
    )

    def named(name: str) -> str:  # with the initials the tables use
        initials = data.initials.get(name)
        return f"{name} ({initials})" if initials else name

    if options.analysts:
        analysts = ", ".join(named(n) for n in options.analysts)
    else:
        analysts = (
            "all: " + ", ".join(named(n) for n in sorted(data.analysts_in_store))
            if data.analysts_in_store
            else "all"
        )
    rows = [
        ("Prepared by", options.author),
        ("Date", long_date(data)),
        ("Articles", articles),
        ("Kinds", ", ".join(kind_registry.plural(k).lower() for k in options.kinds_or_all)),
        (
            "Review status",
            ", ".join(STATUS_LABELS[s] for s in options.statuses)
            + ("" if options.status == "accepted" else "; rejected annotations left out"),
        ),
        ("Analysts", analysts),
        ("Annotations", f"{data.annotation_count:,}, each a comment on its span in the text"),
    ]
    table = TableWriter([Column("Scope", 4.0), Column("", 13.0)])
    for key, value in rows:
        table.add_row([key, value])
    table.write(body)
    append_xml(body, paragraph_xml("", space_after_pt=12))
    note(
        body,
        "Open this document in Word or LibreOffice to see each annotation as a comment in "
        "the margin; printed or as PDF, the coloured highlights remain.",
    )


def _legend(body: Element) -> None:
    muted = {"colour": MUTED_COLOUR, "size_pt": 9}
    runs = [run_xml("Highlights: ", **muted)]
    for spec in kind_registry.all_kinds():
        runs.append(run_xml(f" {spec.label} ", fill=spec.colour, size_pt=9))
        runs.append(run_xml("  ", size_pt=9))
    runs.append(
        run_xml(
            "Where spans overlap, the innermost one's colour shows; every annotation has its "
            "own comment giving kind, status, attributes, note and analyst.",
            **muted,
        )
    )
    append_xml(body, paragraph_xml("".join(runs), space_after_pt=8))


def _article_meta(body: Element, source: Source, count: int) -> None:
    article = source.article
    bits = [source.outlet or "outlet not stated"]
    bits.append(source.date if article.published else "date not stated")
    if article.author:
        bits.append(article.author)
    if article.url:
        bits.append(article.url)
    bits.append(f"{count:,} annotation{'s' if count != 1 else ''}")
    run = run_xml(" · ".join(bits), colour=MUTED_COLOUR, size_pt=9)
    append_xml(body, paragraph_xml(run, space_after_pt=8, keep_next=True))
