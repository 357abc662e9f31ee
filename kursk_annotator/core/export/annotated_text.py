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

from kursk_annotator.core import kinds
from kursk_annotator.core.evidence.asof import parse_as_of
from kursk_annotator.core.evidence.labels import figure_words
from kursk_annotator.core.evidence.quantities import interval_of
from kursk_annotator.core.export.briefing_options import STATUS_LABELS
from kursk_annotator.core.export.docx_comments import CommentWriter
from kursk_annotator.core.export.docx_xml import (
    Element,
    append_xml,
    first_strong_is_rtl,
    has_rtl,
    is_rtl_run,
    paragraph_props_xml,
    plain_run_xml,
    run_xml,
)
from kursk_annotator.core.palette import kind_colour
from kursk_annotator.core.records import AnnotationInfo
from kursk_annotator.core.services.analysts import initials_for
from kursk_annotator.core.services.reviews import ReviewInfo

SOURCE_TEXT_STYLE = "SourceText"


def format_coordinates(latitude: float, longitude: float) -> str:
    ns = "N" if latitude >= 0 else "S"
    ew = "E" if longitude >= 0 else "W"
    return f"{abs(latitude):.4f}° {ns}, {abs(longitude):.4f}° {ew}"


def attribute_summary(a: AnnotationInfo) -> str:
    """The attributes a reader needs, in one line."""
    attrs = a.attributes
    if a.kind == "figure":
        # Always someone's figure: who claims it and when it holds go with the number.
        amount = figure_words(attrs, interval_of(attrs))
        counts = attrs.get("counts")
        text = f"{counts}: {amount}" if counts and amount else counts or amount
        if attrs.get("claimant"):
            text += f"; claimed by {attrs['claimant']}"
        if attrs.get("as_of"):
            text += f"; as of {parse_as_of(attrs['as_of']).label}"
        return text
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
    return generic_summary(a)


def generic_summary(a: AnnotationInfo) -> str:
    """A kind with no summary of its own: "Label: value" for each attribute it has."""
    spec = kinds.find(a.kind)
    fields = spec.fields() if spec is not None else ()
    labels = {f.name: f.label for f in fields}
    order = [f.name for f in fields] + [k for k in a.attributes if k not in labels]
    return "; ".join(
        f"{labels.get(k, k)}: {a.attributes[k]}" for k in order if a.attributes.get(k) is not None
    )


def comment_lines(a: AnnotationInfo) -> list[tuple[str, bool]]:
    """A comment's paragraphs: kind and status in bold, then attributes, then the note."""
    lines = [(f"{kinds.label(a.kind)} · {STATUS_LABELS.get(a.status, a.status)}", True)]
    summary = attribute_summary(a)
    if summary:
        lines.append((summary, False))
    if a.note.strip():
        lines.append((f"Note: {a.note.strip()}", False))
    return lines


REPLY_WORDS = {
    "accept": "Accepted",
    "reject": "Rejected",
    "request_changes": "Asked for changes",
    "comment": "Replied",
}


def reply_lines(entry: ReviewInfo) -> list[tuple[str, bool]]:
    """A review entry as a reply: the verdict in bold, then what the reviewer wrote."""
    lines = [(REPLY_WORDS.get(entry.verdict, entry.verdict), True)]
    if entry.text.strip():
        lines.append((entry.text.strip(), False))
    return lines


class _Paragraphs:
    """The article's paragraphs as XML text, and comment marks waiting for a paragraph."""

    def __init__(self, comments: CommentWriter) -> None:
        self.comments = comments
        self.done: list[str] = []
        self.parts: list[str] | None = None  # the paragraph being written
        self.pending: list[tuple[bool, int]] = []  # (is_start, comment id)

    def open(self, props: str) -> list[str]:
        self.close()
        self.parts = ["<w:p>", props]
        for is_start, cid in self.pending:
            self.parts.append(self.mark(is_start, cid))
        self.pending.clear()
        return self.parts

    def mark(self, is_start: bool, cid: int) -> str:
        return self.comments.start_xml(cid) if is_start else self.comments.end_xml(cid)

    def close(self) -> None:
        if self.parts is not None:
            self.parts.append("</w:p>")
            self.done.append("".join(self.parts))
            self.parts = None

    def start(self, cid: int, defer: bool) -> None:
        if defer or self.parts is None:
            self.pending.append((True, cid))
        else:
            self.parts.append(self.comments.start_xml(cid))

    def end(self, cid: int, last: list[str] | None) -> None:
        # An end whose start still waits must follow it, or the range would be reversed.
        if last is None or (True, cid) in self.pending:
            self.pending.append((False, cid))
        else:
            last.append(self.comments.end_xml(cid))


def write_annotated_text(
    parent: Element,
    text: str,
    annotations: Sequence[AnnotationInfo],
    comments: CommentWriter,
    initials: dict[str, str],
    threads: dict[int, list[ReviewInfo]] | None = None,
) -> None:
    """Append ``text`` as paragraphs with highlights and comments; each annotation's
    review thread (``threads``: annotation id -> entries) as replies to its comment.

    Paragraphs keep the text's own spacing: where the text separates paragraphs with
    blank lines, a single line break inside one (a dateline under a title, an address)
    stays a line break in the same paragraph rather than becoming a spaced paragraph.
    """
    starts: dict[int, list[tuple[AnnotationInfo, int]]] = defaultdict(list)
    ends: dict[int, list[tuple[AnnotationInfo, int]]] = defaultdict(list)
    threads = threads or {}

    def who(name: str) -> str:
        return initials.get(name) or initials_for(name)

    for a in annotations:
        cid = comments.add(a.analyst, who(a.analyst), a.created, comment_lines(a))
        for entry in threads.get(a.id, ()):
            # Word threads one level deep: a reply to a reply answers the annotation.
            comments.add(entry.analyst, who(entry.analyst), entry.created, reply_lines(entry), cid)
        starts[a.start].append((a, cid))
        ends[a.end].append((a, cid))
    # Outer ranges open first and close last, so nested spans nest in the XML as well.
    for items in starts.values():
        items.sort(key=lambda item: (-item[0].end, item[1]))
    for items in ends.values():
        items.sort(key=lambda item: (-item[0].start, -item[1]))
    positions = sorted(starts.keys() | ends.keys())
    active: dict[int, AnnotationInfo] = {}
    out = _Paragraphs(comments)
    blank_line_paragraphs = "\n\n" in text.strip("\n")
    previous_blank = True
    last: list[str] | None = None  # the last paragraph written, open until the next one
    index = 0
    plain_props = paragraph_props_xml(SOURCE_TEXT_STYLE)
    rtl_props = paragraph_props_xml(SOURCE_TEXT_STYLE, bidi=True)

    def events(pos: int, defer_starts: bool) -> None:
        for _a, cid in ends.get(pos, ()):
            active.pop(cid, None)
            out.end(cid, last)
        for a, cid in starts.get(pos, ()):
            active[cid] = a
            out.start(cid, defer_starts)

    def segment(parts: list[str], piece: str) -> None:
        if active:
            inner = min(active.values(), key=lambda a: a.end - a.start)
            parts.append(run_xml(piece, fill=kind_colour(inner.kind), rtl=is_rtl_run(piece)))
        elif has_rtl(piece):
            parts.append(run_xml(piece, rtl=is_rtl_run(piece)))
        else:
            parts.append(plain_run_xml(piece))

    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        if line.strip():
            if blank_line_paragraphs and not previous_blank and last is not None:
                parts = last  # a line break inside the paragraph, as in the text
                parts.append("<w:r><w:br/></w:r>")
            else:
                last = parts = out.open(rtl_props if first_strong_is_rtl(line) else plain_props)
            previous_blank = False
            cursor = line_start
            while index < len(positions) and positions[index] <= line_end:
                pos = positions[index]
                if pos > cursor:
                    segment(parts, text[cursor:pos])
                    cursor = pos
                events(pos, defer_starts=False)
                index += 1
            if cursor < line_end:
                segment(parts, text[cursor:line_end])
        else:
            previous_blank = True
            # A blank line is paragraph spacing, not a paragraph: ranges that open here
            # open in the next paragraph, ranges that close here close in the last one.
            while index < len(positions) and positions[index] <= line_end:
                events(positions[index], defer_starts=True)
                index += 1
        line_start = line_end + 1
    if out.pending:  # marks after the last paragraph (or an article of blank lines)
        if last is None:
            last = out.open(plain_props)
        for is_start, cid in out.pending:
            last.append(out.mark(is_start, cid))
        out.pending.clear()
    out.close()
    append_xml(parent, "".join(out.done))
    comments.flush()
