"""Saved web pages: main text without boilerplate, metadata from the page, nothing run."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.importers import read_source
from kursk_annotator.core.importers.html_page import fragment_text
from tests.importers.builders import write

PARAGRAPHS = [
    "Ukrainian forces advanced up to 10 km into the Kursk region on Tuesday, officials said, "
    "in the largest cross-border incursion of the war so far.",
    "The Russian Defence Ministry said the assault group was defeated near Sudzha, a claim "
    "that could not be independently verified by reporters on the ground.",
    "About 1,300 sq km were held at the peak, according to Ukrainian commanders speaking to "
    "the press in Kyiv on Wednesday.",
]


def page(charset: str = "utf-8", lang: str = "en", body_extra: str = "") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}">
<title>Ukraine pushes into Kursk | Example News</title>
<meta property="og:title" content="Ukraine pushes into Kursk">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Olena Kovalchuk">
<meta property="article:published_time" content="2024-08-12T10:00:00Z">
<link rel="canonical" href="https://news.example.com/kursk-push">
<script>document.write("SCRIPT-WROTE-THIS"); fetch("https://tracker.example.com/x");</script>
<style>.banner {{ color: red }}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div id="cookie-banner" class="cookie-consent">We use cookies. Accept all cookies?</div>
<aside class="ad">ADVERTISEMENT: buy now</aside>
<article><h1>Ukraine pushes into Kursk</h1>
{paragraphs}
{body_extra}
</article>
<section class="comments" id="comments"><h3>Comments</h3>
<div class="comment"><p>Reader99: this is fake news lol, all staged, everyone knows it.</p></div>
</section>
<script>var inline = "ANOTHER-SCRIPT";</script>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
<img src="https://tracker.example.com/pixel.png">
</body></html>"""


def test_main_text_without_boilerplate(tmp_path: Path) -> None:
    article = read_source(write(tmp_path / "kursk.html", page()))
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    for noise in (
        "SCRIPT-WROTE-THIS",
        "ANOTHER-SCRIPT",
        "cookies",
        "Reader99",
        "Copyright",
        "ADVERTISEMENT",
        "Sport",
        "color: red",
    ):
        assert noise not in article.text
    # Paragraphs stay separate lines.
    assert article.text.count("\n") >= len(PARAGRAPHS) - 1


def test_page_metadata(tmp_path: Path) -> None:
    article = read_source(write(tmp_path / "kursk.htm", page(lang="en-GB")))
    assert article.title == "Ukraine pushes into Kursk"
    assert article.author == "Olena Kovalchuk"
    assert article.outlet == "Example News"
    assert article.url == "https://news.example.com/kursk-push"
    assert article.published == date(2024, 8, 12)


def test_the_author_is_kept_as_the_page_writes_it(tmp_path: Path) -> None:
    """A citation keeps the name as published: the extractor's tidying ("J. Doe" to
    "J Doe") is not applied to it."""
    html = page().replace('content="Olena Kovalchuk"', 'content="J. Doe &amp; O. Kovalchuk"')
    article = read_source(write(tmp_path / "kursk.htm", html))
    assert article.author == "J. Doe & O. Kovalchuk"
    html = page().replace('content="Olena Kovalchuk"', 'content="Pat O\'Brien"')
    assert read_source(write(tmp_path / "apostrophe.htm", html)).author == "Pat O'Brien"
    assert article.language == "en"
    assert article.source_format == "html"
    assert "trafilatura" in article.normalisation


def test_declared_legacy_charset_is_used(tmp_path: Path) -> None:
    extra = "<p>Міністерство оборони заявило про бої біля Суджі та Махнівки у Курській області.</p>"
    data = page(charset="windows-1251", lang="uk", body_extra=extra).encode("cp1251")
    article = read_source(write(tmp_path / "uk.html", data))
    assert "Міністерство оборони заявило" in article.text
    assert "windows-1251 (declared in the page)" in article.normalisation
    assert article.language == "uk"


def test_external_entities_in_a_page_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    data = f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>' + page(
        body_extra="<p>&xxe; appears here in the text of the article body.</p>"
    )
    article = read_source(write(tmp_path / "xxe.html", data))
    assert "TOP-SECRET-CONTENT" not in article.text
    assert PARAGRAPHS[0] in article.text


def test_short_page_keeps_its_text(tmp_path: Path) -> None:
    article = read_source(
        write(tmp_path / "short.html", "<html><body><p>Sudzha.</p></body></html>")
    )
    assert article.text == "Sudzha."


def test_page_without_text_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no article text"):
        read_source(
            write(tmp_path / "empty.html", "<html><head><script>x()</script></head></html>")
        )


def test_fragment_keeps_blocks_and_drops_scripts() -> None:
    html = (
        "<html><body><!--StartFragment--><p>Hello <b>Kursk</b></p><script>evil()</script>"
        "<ul><li>Sudzha</li><li>Berdin</li></ul>tail<!--EndFragment--></body></html>"
    )
    assert fragment_text(html) == "Hello Kursk\nSudzha\nBerdin\ntail"


def test_absurdly_nested_page_is_refused_in_bounded_time(tmp_path: Path) -> None:
    depth = 100_000
    html = "<html><body>" + "<div>" * depth + "<p>Deep.</p>" + "</div>" * depth + "</body></html>"
    started = time.monotonic()
    with pytest.raises(UserError, match="no article text") as refused:
        read_source(write(tmp_path / "deep.html", html))
    assert "\n" not in str(refused.value)
    assert time.monotonic() - started < 60  # generous: it takes well under a second


def test_no_metadata_is_invented(tmp_path: Path) -> None:
    body = "<p>Text about the fighting near Sudzha, published 5 March 2025.</p>" * 5
    html = (
        f"<html><head><title>Plain page</title></head><body><article>{body}</article></body></html>"
    )
    article = read_source(write(tmp_path / "plain.html", html))
    assert article.title == "Plain page"
    assert (article.published, article.author, article.outlet, article.url) == (None,) * 4
