"""WordprocessingML written as text and parsed in large fragments: runs, paragraphs,
fields, links, bookmarks, and text made safe for XML.

python-docx's proxies parse a template string per new element and search children by
schema order on every insert; even ``etree.SubElement`` creates a Python proxy object per
element. A briefing with 10,000 highlighted spans has hundreds of thousands of
elements, so bulk content is produced as XML text and parsed once per article or
table (libxml2 creates no Python objects for elements nobody touches). Child elements are
written in the order the schema prescribes: Word refuses a file whose ``w:rPr`` children
are out of order.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Element = etree._Element
_FRAGMENT_OPEN = f'<w:fragment xmlns:w="{W_NS}">'.encode()


def w(tag: str) -> str:
    """Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{tag}"


W_VAL = w("val")
W_ID = w("id")

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


def escape(text: str) -> str:
    """Clean ``text`` and escape it for element content or a double-quoted attribute."""
    text = clean_text(text)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


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


# libxml2 refuses a single text node over 10,000,000 bytes ("Text node too long"), and
# Word is slow with huge ones: longer text is split into several w:t of one run.
MAX_TEXT_NODE = 1_000_000


def _text_xml(text: str) -> str:
    if len(text) > MAX_TEXT_NODE:
        return '</w:t><w:t xml:space="preserve">'.join(
            _text_xml(text[i : i + MAX_TEXT_NODE])[len('<w:t xml:space="preserve">') : -6]
            for i in range(0, len(text), MAX_TEXT_NODE)
        ).join(('<w:t xml:space="preserve">', "</w:t>"))
    body = escape(text)
    if "\t" in body:
        body = body.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
    if "\n" in body:
        body = body.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    return f'<w:t xml:space="preserve">{body}</w:t>'


def run_props_xml(
    *,
    fill: str | None = None,
    bold: bool = False,
    italic: bool = False,
    colour: str | None = None,
    size_pt: float | None = None,
    underline: bool = False,
    style: str | None = None,
    rtl: bool = False,
) -> str:
    """``<w:rPr>`` with its children in schema order (rStyle, b, i, color, sz, u, shd, rtl)."""
    if not (fill or bold or italic or colour or size_pt or underline or style or rtl):
        return ""
    parts = ["<w:rPr>"]
    if style:
        parts.append(f'<w:rStyle w:val="{style}"/>')
    if bold:
        parts.append("<w:b/>")
    if italic:
        parts.append("<w:i/>")
    if colour:
        parts.append(f'<w:color w:val="{colour.lstrip("#")}"/>')
    if size_pt:
        half = round(size_pt * 2)
        parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    if underline:
        parts.append('<w:u w:val="single"/>')
    if fill:
        parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill.lstrip("#")}"/>')
    if rtl:
        parts.append("<w:rtl/>")
    parts.append("</w:rPr>")
    return "".join(parts)


def run_xml(text: str, **props: object) -> str:
    """A run holding cleaned ``text``; ``fill`` is a ``#RRGGBB`` background."""
    return f"<w:r>{run_props_xml(**props)}{_text_xml(text)}</w:r>"  # type: ignore[arg-type]


def plain_run_xml(text: str) -> str:
    """A run without properties (the common case, kept short for speed)."""
    return f"<w:r>{_text_xml(text)}</w:r>"


def paragraph_props_xml(
    style: str | None = None,
    *,
    align: str | None = None,
    space_before_pt: float | None = None,
    space_after_pt: float | None = None,
    keep_next: bool = False,
    page_break_before: bool = False,
    bidi: bool = False,
) -> str:
    """``<w:pPr>`` in schema order (pStyle, keepNext, pageBreakBefore, bidi, spacing, jc)."""
    spacing = space_before_pt is not None or space_after_pt is not None
    if not (style or align or keep_next or page_break_before or bidi or spacing):
        return ""
    parts = ["<w:pPr>"]
    if style:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        parts.append("<w:keepNext/>")
    if page_break_before:
        parts.append("<w:pageBreakBefore/>")
    if bidi:
        parts.append("<w:bidi/>")
    if spacing:
        parts.append("<w:spacing")
        if space_before_pt is not None:
            parts.append(f' w:before="{round(space_before_pt * 20)}"')
        if space_after_pt is not None:
            parts.append(f' w:after="{round(space_after_pt * 20)}"')
        parts.append("/>")
    if align:
        parts.append(f'<w:jc w:val="{align}"/>')
    parts.append("</w:pPr>")
    return "".join(parts)


def paragraph_xml(content: str, style: str | None = None, **props: object) -> str:
    return f"<w:p>{paragraph_props_xml(style, **props)}{content}</w:p>"  # type: ignore[arg-type]


def link_xml(anchor: str, text: str, **props: object) -> str:
    """A link to a bookmark in the same document (a source in the Sources list)."""
    return (
        f'<w:hyperlink w:anchor="{escape(anchor)}" w:history="1">'
        f"{run_xml(text, colour='#1F4E79', **props)}</w:hyperlink>"
    )


def field_xml(instruction: str, placeholder: str = "1", **props: object) -> str:
    """A field (``PAGE``, ``NUMPAGES``) that Word and LibreOffice compute at layout."""
    rpr = run_props_xml(**props)  # type: ignore[arg-type]

    def char(kind: str) -> str:
        return f'<w:r>{rpr}<w:fldChar w:fldCharType="{kind}"/></w:r>'

    return (
        char("begin")
        + f'<w:r>{rpr}<w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        + char("separate")
        + run_xml(placeholder, **props)
        + char("end")
    )


def append_xml(parent: Element, xml: str) -> list[Element]:
    """Parse ``xml`` (any number of ``w:`` elements) and append them to ``parent``."""
    # python-docx's parser, so its element classes apply; imported on first use because
    # python-docx takes a noticeable time to import and the app starts without it.
    from docx.oxml.parser import oxml_parser

    fragment = etree.fromstring(
        _FRAGMENT_OPEN + xml.encode("utf-8") + b"</w:fragment>", oxml_parser
    )
    # Each top-level element is re-created in place and only its children are moved:
    # lxml re-homes a moved subtree in time that grows faster than the subtree, so one
    # paragraph holding 10,000 comment ranges would take seconds to move whole.
    made = []
    for child in fragment:
        shell = etree.SubElement(parent, child.tag, child.attrib)
        shell.extend(list(child))
        made.append(shell)
    return made


def add_paragraph(parent: Element, style: str | None = None, **props: object) -> Element:
    """Append an empty paragraph (for the few places that add runs one by one)."""
    return append_xml(parent, paragraph_xml("", style, **props))[0]


def add_run(parent: Element, text: str, **props: object) -> None:
    append_xml(parent, run_xml(text, **props))


class Bookmarks:
    """Bookmarks (link targets) with ids unique in the document."""

    def __init__(self) -> None:
        self._next = 1

    def wrap(self, paragraph: Element, name: str) -> None:
        """Make ``paragraph``'s whole content the target of bookmark ``name``."""
        bid = str(self._next)
        self._next += 1
        start = paragraph.makeelement(w("bookmarkStart"), {W_ID: bid, w("name"): name})
        ppr = paragraph.find(w("pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            paragraph.insert(0, start)
        etree.SubElement(paragraph, w("bookmarkEnd"), {W_ID: bid})


def word_datetime(value: datetime) -> str:
    """``2025-01-05T10:00:00Z``: the form Word writes in ``w:date`` (UTC, no fraction)."""
    # The store keeps UTC; SQLite hands it back without a zone.
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    day = f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return f"{day}T{value.hour:02d}:{value.minute:02d}:{value.second:02d}Z"
