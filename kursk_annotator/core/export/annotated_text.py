"""An article's full text with every annotated span shaded and carrying a Word comment.

The text is cut at every annotation boundary into runs; each run is shaded in the
colour of the innermost annotation covering it (nested spans stay visible inside their
parents), and each annotation's comment range opens before its first run and closes
after its last. Ranges may nest, cross or share boundaries, and may cross paragraphs:
Word and LibreOffice match start and end by id, so no text is split off or lost.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from kursk_annotator.core.export.briefing_data import format_number
from kursk_annotator.core.export.briefing_options import STATUS_LABELS
from kursk_annotator.core.export.docx_comments import CommentWriter, mark_end, mark_start
from kursk_annotator.core.export.docx_xml import (
    Element,
    add_paragraph,
    add_run,
    first_strong_is_rtl,
    is_rtl_run,
)
from kursk_annotator.core.palette import KIND_LABELS, kind_colour
from kursk_annotator.core.records import AnnotationInfo
from kursk_annotator.core.services.analysts import initials_for

SOURCE_TEXT_STYLE = "SourceText"


def format_coordinates(latitude: float, longitude: float) -> str:
    ns = "N" if latitude >= 0 else "S"
    ew = "E" if longitude >= 0 else "W"
    return f"{abs(latitude):.4f}° {ns}, {abs(longitude):.4f}° {ew}"


def attribute_summary(a: AnnotationInfo) -> str:
    """The attributes a reader needs, in one line."""
    attrs = a.attributes
    if a.kind == "figure":
        low, high = attrs.get("value"), attrs.get("value_max")
        amount = format_number(low) + (f"–{format_number(high)}" if high is not None else "")
        amount = " ".join(
            p for p in (attrs.get("qualifier", ""), amount, attrs.get("unit", "")) if p
        )
        counts = attrs.get("counts")
        return f"{counts}: {amount}" if counts and amount else counts or amount
    if a.kind == "claim":
        parts = []
        if attrs.get("attributed_to"):
            side = f" ({attrs['side']})" if attrs.get("side") else ""
            parts.append(f"Attributed to {attrs['attributed_to']}{side}")
        elif attrs.get("side"):
            parts.append(f"Side: {attrs['side']}")
        if attrs.get("credibility"):
            parts.append(f"credibility: {attrs['credibility']}")
        return "; ".join(parts)
    if a.kind == "place":
        name = attrs.get("canonical_name") or ""
        if attrs.get("latitude") is not None and attrs.get("longitude") is not None:
            where = format_coordinates(attrs["latitude"], attrs["longitude"])
            return f"{name} ({where})" if name else where
        return name
    return ""


def comment_lines(a: AnnotationInfo) -> list[tuple[str, bool]]:
    """A comment's paragraphs: kind and status in bold, then attributes, then the note."""
    lines = [(f"{KIND_LABELS.get(a.kind, a.kind)} · {STATUS_LABELS.get(a.status, a.status)}", True)]
    summary = attribute_summary(a)
    if summary:
        lines.append((summary, False))
    if a.note.strip():
        lines.append((f"Note: {a.note.strip()}", False))
    return lines


class _Markers:
    """Comment range marks waiting for a paragraph, and the paragraph being written."""

    def __init__(self) -> None:
        self.paragraph: Element | None = None
        self.pending: list[tuple[bool, int]] = []  # (is_start, comment id)

    def start(self, cid: int, defer: bool) -> None:
        if defer or self.paragraph is None:
            self.pending.append((True, cid))
        else:
            mark_start(self.paragraph, cid)

    def end(self, cid: int) -> None:
        # An end whose start still waits must follow it, or the range would be reversed.
        if self.paragraph is None or (True, cid) in self.pending:
            self.pending.append((False, cid))
        else:
            mark_end(self.paragraph, cid)

    def enter(self, paragraph: Element) -> None:
        self.paragraph = paragraph
        for is_start, cid in self.pending:
            (mark_start if is_start else mark_end)(paragraph, cid)
        self.pending.clear()


def write_annotated_text(
    parent: Element,
    text: str,
    annotations: Sequence[AnnotationInfo],
    comments: CommentWriter,
    initials: dict[str, str],
) -> None:
    """Append ``text`` as paragraphs (one per non-blank line) with highlights and comments."""
    starts: dict[int, list[tuple[AnnotationInfo, int]]] = defaultdict(list)
    ends: dict[int, list[tuple[AnnotationInfo, int]]] = defaultdict(list)
    for a in annotations:
        who = initials.get(a.analyst) or initials_for(a.analyst)
        cid = comments.add(a.analyst, who, a.created, comment_lines(a))
        starts[a.start].append((a, cid))
        ends[a.end].append((a, cid))
    # Outer ranges open first and close last, so nested spans nest in the XML as well.
    for items in starts.values():
        items.sort(key=lambda item: (-item[0].end, item[1]))
    for items in ends.values():
        items.sort(key=lambda item: (-item[0].start, -item[1]))
    positions = sorted(starts.keys() | ends.keys())
    active: dict[int, AnnotationInfo] = {}
    markers = _Markers()
    index = 0

    def events(pos: int, defer_starts: bool) -> None:
        for _a, cid in ends.get(pos, ()):
            active.pop(cid, None)
            markers.end(cid)
        for a, cid in starts.get(pos, ()):
            active[cid] = a
            markers.start(cid, defer_starts)

    def segment(paragraph: Element, piece: str) -> None:
        fill = None
        if active:
            inner = min(active.values(), key=lambda a: a.end - a.start)
            fill = kind_colour(inner.kind)
        add_run(paragraph, piece, fill=fill, rtl=is_rtl_run(piece))

    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        if line.strip():
            paragraph = add_paragraph(parent, SOURCE_TEXT_STYLE, bidi=first_strong_is_rtl(line))
            markers.enter(paragraph)
            cursor = line_start
            while index < len(positions) and positions[index] <= line_end:
                pos = positions[index]
                if pos > cursor:
                    segment(paragraph, text[cursor:pos])
                    cursor = pos
                events(pos, defer_starts=False)
                index += 1
            if cursor < line_end:
                segment(paragraph, text[cursor:line_end])
        else:
            # A blank line is paragraph spacing, not a paragraph: ranges that open here
            # open in the next paragraph, ranges that close here close in the last one.
            while index < len(positions) and positions[index] <= line_end:
                events(positions[index], defer_starts=True)
                index += 1
        line_start = line_end + 1
    if markers.pending:
        if markers.paragraph is None:
            markers.enter(add_paragraph(parent, SOURCE_TEXT_STYLE))
        else:
            markers.enter(markers.paragraph)
