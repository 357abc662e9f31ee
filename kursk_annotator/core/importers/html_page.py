"""Saved web pages: the article's main text, without the page's boilerplate.

trafilatura finds the main text (dropping navigation, ads, cookie banners, comment
sections) and reads the page's metadata. It is handed a decoded string and no URL to
visit, so nothing is fetched; scripts are never run (there is no script engine here)
and their text never reaches the article. HTML that is not a whole page (a selection
copied from a browser) goes through :func:`fragment_text`, which keeps all visible text.
"""

from __future__ import annotations

import re
from datetime import date

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.importers.plain_text import check_text, decode_text, encoding_label
from kursk_annotator.core.services.articles import NewArticle

# Bounds the work on pathological pages (millions of nested elements).
MAX_ELEMENTS = 500_000

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_LANG = re.compile(
    r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9-]+)?""", re.I
)

# <meta name="author" content="...">, the attributes in either order; the value up to its
# own closing quote ("Pat O'Brien" keeps its apostrophe).
_META_AUTHOR = re.compile(
    r"""<meta\s(?=[^>]*\bname\s*=\s*["']author["'])[^>]*\bcontent\s*=\s*"""
    r"""(?:"([^"]*)"|'([^']*)')""",
    re.I,
)
_DROP_TAGS = ("script", "style", "noscript", "template", "head", "iframe", "object", "svg")
_BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption"}
    | {"figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li"}
    | {"main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul"}
)


def decode_html(data: bytes) -> tuple[str, str | None]:
    """Decode a page by its declared charset, else as unknown text."""
    match = _META_CHARSET.search(data[:4096])
    if match and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = match.group(1).decode("ascii").lower()
        try:
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
        else:
            return text, f"decoded as {encoding_label(declared)} (declared in the page)"
    return decode_text(data)


def page_language(html: str) -> str | None:
    match = _HTML_LANG.search(html[:8192])
    return match.group(1).lower() if match else None


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _squeeze(text: str) -> str:
    """Trim each line and drop empty ones: paragraphs are one line each, as stored."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def read_html_article(data: bytes) -> NewArticle:
    html, note = decode_html(data)
    check_text(html)
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    config["DEFAULT"]["MAX_TREE_SIZE"] = str(MAX_ELEMENTS)
    # Dates from the page's metadata only: a date guessed from body text misleads.
    config["DEFAULT"]["EXTENSIVE_DATE_SEARCH"] = "off"
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            config=config,
        )
    except Exception as exc:  # the extractor's failures are the page's, never ours to show
        raise UserError(f"cannot read the web page ({type(exc).__name__})") from None
    text = _squeeze(getattr(doc, "text", None) or "") if doc is not None else ""
    if not text:
        # Too short or too odd for boilerplate removal: keep all visible text instead.
        text = fragment_text(html)
    if not text.strip():
        raise UserError("no article text found in the web page")
    extraction = "main text extracted with trafilatura (boilerplate, scripts, comments removed)"
    return NewArticle(
        text=text,
        title=getattr(doc, "title", None) or None,
        outlet=getattr(doc, "sitename", None) or None,
        author=_page_author(html) or getattr(doc, "author", None) or None,
        url=getattr(doc, "url", None) or None,
        published=_parse_date(getattr(doc, "date", None)),
        language=page_language(html),
        normalisation="; ".join(part for part in (note, extraction) if part),
    )


def _page_author(html: str) -> str | None:
    """The author as the page's metadata writes it: the extractor tidies names ("J. Doe"
    becomes "J Doe"), and a citation must keep them as published."""
    from html import unescape

    found = _META_AUTHOR.search(html[:200_000])  # the head, where metadata is
    value = next((g for g in found.groups() if g is not None), "") if found else ""
    author = " ".join(unescape(value).split())
    return author or None


def fragment_text(html: str) -> str:
    """All visible text of an HTML fragment, one line per block, scripts and styles dropped."""
    import lxml.html
    from lxml import etree

    # No network, no entities: the parser only builds a tree from the string.
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    for element in root.iter(*_DROP_TAGS):
        element.drop_tree() if element.getparent() is not None else element.clear()
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag.lower() in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if element.text and tag:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(root)
    return _squeeze("".join(parts))
