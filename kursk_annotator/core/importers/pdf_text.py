"""PDF: the text layer, page by page, in the reading order pypdf reconstructs.

Scanned PDFs (images of pages) have no text layer: refused with a pointer to OCR rather
than stored as an empty article. Encrypted PDFs open only when they need no password to
read (owner-password-only files, common for "no copying" flags); others are refused.
pypdf caps how far a single stream may inflate, and pages are counted and timed, so a
hostile file costs bounded time and memory.
"""

from __future__ import annotations

import io
import logging
import time

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.services.articles import NewArticle

log = logging.getLogger(__name__)

MAX_PAGES = 5_000
# Whole seconds for the text of one PDF; real documents take well under one.
TIME_BUDGET_SECONDS = 120.0


def _open_reader(data: bytes) -> object:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    if not data.lstrip()[:1024].find(b"%PDF-") >= 0:
        raise UserError("not a PDF file (no %PDF header): check the file")
    # pypdf logs every oddity of real-world PDFs ("EOF marker not found" on stderr, a
    # second line beside ours); the refusals here say what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError, PyPdfError):
                opened = 0
            if not opened:
                raise UserError(
                    "the PDF is encrypted with a password: save an unprotected copy and import that"
                )
        return reader
    except UserError:
        raise
    except Exception as exc:  # pypdf reports damage with many exception types
        raise _corrupt(exc) from None


def _corrupt(exc: BaseException) -> UserError:
    log.debug("pypdf could not read the PDF: %r", exc)  # the detail, for a bug report
    return UserError(
        "the PDF is corrupt or truncated: download or save it again, or import its text"
    )


def _metadata(reader: object) -> tuple[str | None, str | None]:
    """Title and author from the document information, when set."""
    try:
        info = reader.metadata  # type: ignore[attr-defined]
        if not info:
            return None, None
        title = str(info.title).strip() if info.title else None
        author = str(info.author).strip() if info.author else None
    except Exception:  # broken metadata must not cost the text
        return None, None
    return title or None, author or None


_BOMB = "a stream of the PDF inflates beyond the safe limit: refused as a decompression bomb"


def _refuse_if_bomb(pages: object) -> None:
    """pypdf skips a page whose content hits its inflation limit; say so instead of 'scan'."""
    from pypdf.errors import LimitReachedError

    for page in list(pages)[:50]:  # type: ignore[call-overload]
        try:
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()
        except LimitReachedError:
            raise UserError(_BOMB) from None
        except Exception:  # other damage: the generic refusal that follows says enough
            continue


def read_pdf_article(data: bytes) -> NewArticle:
    reader = _open_reader(data)
    started = time.monotonic()
    try:
        pages = reader.pages  # type: ignore[attr-defined]
        count = len(pages)
        if count > MAX_PAGES:
            raise UserError(f"the PDF has {count} pages, over the {MAX_PAGES}-page limit")
        texts = []
        for page in pages:
            texts.append(page.extract_text() or "")
            if time.monotonic() - started > TIME_BUDGET_SECONDS:
                raise UserError("reading the PDF's text takes too long: refused as damaged")
    except UserError:
        raise
    except Exception as exc:
        if type(exc).__name__ == "LimitReachedError":
            raise UserError(_BOMB) from None
        raise _corrupt(exc) from None
    if count == 0:
        raise UserError("the PDF has no pages")
    text = "\n".join(_clean_page(t) for t in texts if t.strip())
    if not text.strip():
        _refuse_if_bomb(pages)
        raise UserError(
            f"the PDF has no text layer ({count} page{'s' if count != 1 else ''} of images, "
            "e.g. a scan): run OCR on it first"
        )
    title, author = _metadata(reader)
    return NewArticle(
        text=text,
        title=title,
        author=author,
        normalisation="PDF text layer in reading order, page after page; trailing spaces trimmed",
    )


def _clean_page(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")
