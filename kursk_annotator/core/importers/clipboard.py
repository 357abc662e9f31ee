"""New articles from the clipboard: plain text or HTML, as the GUI reads it from Qt.

Qt-free: the GUI passes the clipboard's string and which kind it is. Copied HTML is a
selection the analyst chose, so all its visible text is kept (no boilerplate removal);
a whole page pasted as HTML is still handled like a saved page.
"""

from __future__ import annotations

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.importers.html_page import fragment_text, page_language
from kursk_annotator.core.importers.plain_text import check_text
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.text import bytes_hash

MIME_TEXT = "text/plain"
MIME_HTML = "text/html"


def read_clipboard(content: str, mime: str) -> NewArticle:
    """An article from clipboard ``content`` of kind ``mime`` (text/plain or text/html)."""
    kind = mime.split(";")[0].strip().lower()
    if kind not in (MIME_TEXT, MIME_HTML):
        raise UserError(f"the clipboard holds {mime or 'no text'}: copy plain text or HTML")
    if not content or not content.strip():
        raise UserError("the clipboard is empty: copy the article's text first")
    language = None
    if kind == MIME_HTML:
        text = fragment_text(content)
        language = page_language(content)
        note = "clipboard HTML: visible text kept, one line per block; scripts and styles dropped"
        if not text.strip():
            raise UserError("the copied HTML has no visible text: copy the article's text")
    else:
        text = content
        note = None
    raw = content.encode("utf-8", errors="surrogatepass")
    return NewArticle(
        text=check_text(text, "the clipboard"),
        language=language,
        source_name="clipboard",
        source_format="clipboard-html" if kind == MIME_HTML else "clipboard-text",
        source_size=len(raw),
        source_hash=bytes_hash(raw),
        normalisation=note,
    )
