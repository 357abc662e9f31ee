"""WordprocessingML built directly with lxml: clean text, runs, paragraphs, fields, links.

python-docx's proxies re-parse a template string for every new element and look up
children by schema order on each insert; a briefing with 10,000 highlighted spans needs
hundreds of thousands of elements, so the bulk content is made here with
``etree.SubElement`` instead. Child elements are created in the order the schema
prescribes (Word refuses a file whose ``w:rPr`` children are out of order).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
Element = etree._Element


def w(tag: str) -> str:
    """Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{tag}"


W_VAL = w("val")
W_ID = w("id")
_R, _T, _RPR, _P, _PPR, _TAB, _BR = w("r"), w("t"), w("rPr"), w("p"), w("pPr"), w("tab"), w("br")

# Characters XML 1.0 cannot hold (C0 controls but tab/newline/CR, lone surrogates,
# U+FFFE/U+FFFF); python-docx raises on them and leaves a broken run behind.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_RTL_CHAR = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
REPLACEMENT = "\ufffd"


def clean_text(text: str) -> str:
    """``text`` with every character XML cannot hold replaced by U+FFFD (length kept)."""
    return _XML_INVALID.sub(REPLACEMENT, text)


def clean_line(text: str) -> str:
    """Clean text on one line: line breaks and tabs become spaces, runs of spaces one."""
    return " ".join(clean_text(text).split())


def has_rtl(text: str) -> bool:
    return _RTL_CHAR.search(text) is not None


def first_strong_is_rtl(text: str) -> bool:
    """Unicode bidi rule P2: a paragraph's direction is that of its first strong letter."""
    if not has_rtl(text):
        return False
    for ch in text:
        direction = unicodedata.bidirectional(ch)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def is_rtl_run(text: str) -> bool:
    """True when every strong letter of ``text`` is right-to-left (Hebrew, Arabic, ...)."""
    if not has_rtl(text):
        return False
    return all(unicodedata.bidirectional(ch) != "L" for ch in text)


def _add_text(r: Element, text: str) -> None:
    if "\t" not in text and "\n" not in text:
        t = etree.SubElement(r, _T)
        t.text = text
        t.set(_XML_SPACE, "preserve")
        return
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(r, _BR)
        for j, piece in enumerate(line.split("\t")):
            if j:
                etree.SubElement(r, _TAB)
            if piece:
                t = etree.SubElement(r, _T)
                t.text = piece
                t.set(_XML_SPACE, "preserve")


def add_run(
    parent: Element,
    text: str,
    *,
    fill: str | None = None,
    bold: bool = False,
    italic: bool = False,
    colour: str | None = None,
    size_pt: float | None = None,
    underline: bool = False,
    style: str | None = None,
    rtl: bool = False,
) -> Element:
    """Append a run holding cleaned ``text``; ``fill`` is a ``#RRGGBB`` background."""
    r = etree.SubElement(parent, _R)
    if fill or bold or italic or colour or size_pt or underline or style or rtl:
        rpr = etree.SubElement(r, _RPR)
        # Schema order of w:rPr children: rStyle, b, i, color, sz, u, shd, rtl.
        if style:
            etree.SubElement(rpr, w("rStyle"), {W_VAL: style})
        if bold:
            etree.SubElement(rpr, w("b"))
        if italic:
            etree.SubElement(rpr, w("i"))
        if colour:
            etree.SubElement(rpr, w("color"), {W_VAL: colour.lstrip("#")})
        if size_pt:
            half_points = str(round(size_pt * 2))
            etree.SubElement(rpr, w("sz"), {W_VAL: half_points})
            etree.SubElement(rpr, w("szCs"), {W_VAL: half_points})
        if underline:
            etree.SubElement(rpr, w("u"), {W_VAL: "single"})
        if fill:
            etree.SubElement(
                rpr, w("shd"), {W_VAL: "clear", w("color"): "auto", w("fill"): fill.lstrip("#")}
            )
        if rtl:
            etree.SubElement(rpr, w("rtl"))
    _add_text(r, clean_text(text))
    return r


def add_paragraph(
    parent: Element,
    style: str | None = None,
    *,
    align: str | None = None,
    space_before_pt: float | None = None,
    space_after_pt: float | None = None,
    keep_next: bool = False,
    page_break_before: bool = False,
    bidi: bool = False,
) -> Element:
    """Append an empty ``w:p`` with the given paragraph properties."""
    p = etree.SubElement(parent, _P)
    spacing = space_before_pt is not None or space_after_pt is not None
    if style or align or keep_next or page_break_before or bidi or spacing:
        ppr = etree.SubElement(p, _PPR)
        # Schema order of w:pPr children: pStyle, keepNext, pageBreakBefore, bidi, spacing, jc.
        if style:
            etree.SubElement(ppr, w("pStyle"), {W_VAL: style})
        if keep_next:
            etree.SubElement(ppr, w("keepNext"))
        if page_break_before:
            etree.SubElement(ppr, w("pageBreakBefore"))
        if bidi:
            etree.SubElement(ppr, w("bidi"))
        if spacing:
            sp = etree.SubElement(ppr, w("spacing"))
            if space_before_pt is not None:
                sp.set(w("before"), str(round(space_before_pt * 20)))
            if space_after_pt is not None:
                sp.set(w("after"), str(round(space_after_pt * 20)))
        if align:
            etree.SubElement(ppr, w("jc"), {W_VAL: align})
    return p


def add_text_paragraph(
    parent: Element, text: str, style: str | None = None, **kw: object
) -> Element:
    p = add_paragraph(parent, style, **kw)  # type: ignore[arg-type]
    add_run(p, text)
    return p


def add_field(
    paragraph: Element, instruction: str, placeholder: str = "1", **run_kw: object
) -> None:
    """A field (``PAGE``, ``NUMPAGES``) that Word and LibreOffice compute when they lay out."""

    def char(kind: str) -> None:
        r = etree.SubElement(paragraph, _R)
        _run_props(r, run_kw)
        etree.SubElement(r, w("fldChar"), {w("fldCharType"): kind})

    char("begin")
    r = etree.SubElement(paragraph, _R)
    _run_props(r, run_kw)
    instr = etree.SubElement(r, w("instrText"), {_XML_SPACE: "preserve"})
    instr.text = f" {instruction} "
    char("separate")
    add_run(paragraph, placeholder, **run_kw)  # type: ignore[arg-type]
    char("end")


def _run_props(r: Element, run_kw: dict[str, object]) -> None:
    size = run_kw.get("size_pt")
    colour = run_kw.get("colour")
    if size or colour:
        rpr = etree.SubElement(r, _RPR)
        if colour:
            etree.SubElement(rpr, w("color"), {W_VAL: str(colour).lstrip("#")})
        if size:
            etree.SubElement(rpr, w("sz"), {W_VAL: str(round(float(size) * 2))})  # type: ignore[arg-type]


def add_internal_link(paragraph: Element, anchor: str, text: str, **run_kw: object) -> Element:
    """A link to a bookmark in the same document (a source in the Sources list)."""
    link = etree.SubElement(paragraph, w("hyperlink"), {w("anchor"): anchor, w("history"): "1"})
    add_run(link, text, colour="#1F4E79", **run_kw)  # type: ignore[arg-type]
    return link


class Bookmarks:
    """Bookmarks (link targets) with ids unique in the document."""

    def __init__(self) -> None:
        self._next = 1

    def wrap(self, paragraph: Element, name: str) -> None:
        """Make ``paragraph``'s whole content the target of bookmark ``name``."""
        bid = str(self._next)
        self._next += 1
        start = paragraph.makeelement(w("bookmarkStart"), {W_ID: bid, w("name"): name})
        ppr = paragraph.find(_PPR)
        if ppr is not None:
            ppr.addnext(start)
        else:
            paragraph.insert(0, start)
        etree.SubElement(paragraph, w("bookmarkEnd"), {W_ID: bid})


def word_datetime(value: datetime) -> str:
    """``2025-01-05T10:00:00Z``: the form Word writes in ``w:date`` (UTC, no fraction)."""
    # The store keeps UTC; SQLite hands it back without a zone.
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def paragraph_filler(text: str, **run_kw: object) -> Callable[[Element], None]:
    """A cell filler that writes ``text`` as one run (for tables)."""

    def fill(p: Element) -> None:
        add_run(p, text, **run_kw)  # type: ignore[arg-type]

    return fill
