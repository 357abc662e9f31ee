"""Re-anchoring a stored selector in an article whose text has changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kursk_annotator.core.anchoring import selector_for
from kursk_annotator.core.exchange.reanchor import reanchor
from kursk_annotator.core.text import normalise_text

ARTICLE = normalise_text(
    (
        Path(__file__).resolve().parents[2]
        / "sample_data/articles/new-offensive-kursk-2025-01-05.txt"
    ).read_text(encoding="utf-8")
)
FIGURE = "almost 500 sq miles (around 1,300 sq km)"
CLAIM = "the Russian defence ministry said Ukraine launched the attack on Sunday morning"


def select(text: str, quote: str, occurrence: int = 1):
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    return selector_for(text, start, start + len(quote))


def test_unchanged_text_anchors_by_position() -> None:
    sel = select(ARTICLE, FIGURE)
    anchor = reanchor(ARTICLE, sel)
    assert (anchor.method, anchor.start, anchor.end) == ("position", sel.start, sel.end)


def test_inserted_sentence_before_moves_the_span_by_its_length() -> None:
    sel = select(ARTICLE, CLAIM)
    insert = "Editor's note: this story was updated with the Kremlin's statement. "
    at = ARTICLE.index("Ukraine has launched")
    changed = ARTICLE[:at] + insert + ARTICLE[at:]
    anchor = reanchor(changed, sel)
    assert anchor.method == "quote"
    assert anchor.start == sel.start + len(insert)
    assert changed[anchor.start : anchor.end] == CLAIM


def test_deleted_sentence_before_moves_the_span_back() -> None:
    sel = select(ARTICLE, CLAIM)
    gone = (
        "Ukraine has launched a new offensive in Russia’s Kursk region, "
        "according to the Kremlin.\n\n"
    )
    assert gone in ARTICLE
    changed = ARTICLE.replace(gone, "")
    anchor = reanchor(changed, sel)
    assert anchor.method == "quote"
    assert anchor.start == sel.start - len(gone)
    assert changed[anchor.start : anchor.end] == CLAIM


def test_context_chooses_between_repeated_quotes() -> None:
    # "Kursk region" occurs several times; tag the 3rd, then insert text before all of them.
    third = select(ARTICLE, "Kursk region", 3)
    changed = "BREAKING. " + ARTICLE
    anchor = reanchor(changed, third)
    assert anchor.method == "quote"
    assert anchor.start == third.start + len("BREAKING. ")


def test_changed_whitespace_re_anchors_on_the_same_words() -> None:
    sel = select(ARTICLE, CLAIM)
    changed = ARTICLE.replace("defence ministry said", "defence  ministry\nsaid")
    anchor = reanchor(changed, sel)
    assert anchor.method == "fuzzy"
    assert changed[anchor.start : anchor.end] == CLAIM.replace(
        "defence ministry said", "defence  ministry\nsaid"
    )


def test_changed_punctuation_re_anchors_on_the_same_words() -> None:
    sel = select(ARTICLE, FIGURE)
    edited = "almost 500 sq miles - around 1 300 sq km -"
    changed = ARTICLE.replace(FIGURE, edited)
    anchor = reanchor(changed, sel)
    assert anchor.method == "fuzzy"
    # The span ends on the last word: trailing punctuation is not tagged.
    assert changed[anchor.start : anchor.end] == "almost 500 sq miles - around 1 300 sq km"


def test_small_edit_in_the_quote_re_anchors_fuzzily() -> None:
    sel = select(ARTICLE, CLAIM)
    edited = CLAIM.replace("Sunday morning", "Sunday mornin")  # a typo fixed the other way
    changed = ARTICLE.replace(CLAIM, edited)
    anchor = reanchor(changed, sel)
    assert anchor.method == "fuzzy"
    assert changed[anchor.start : anchor.end] == edited
    assert 85 <= anchor.score < 100


def test_edited_sentence_is_not_captured_by_the_same_words_elsewhere() -> None:
    text = "Kyiv said 12,000 troops were deployed. Moscow later said 12,000 troops left."
    first = select(text, "12,000 troops")
    changed = text.replace("said 12,000 troops were", "said 12,000 troop were")
    anchor = reanchor(changed, first)
    assert changed[anchor.start : anchor.end] == "12,000 troop"


def test_deleted_sentence_orphans_its_annotation() -> None:
    sel = select(ARTICLE, CLAIM)
    sentence_start = ARTICLE.index("In a statement, the Russian defence ministry")
    sentence_end = ARTICLE.index("\n", sentence_start)
    changed = ARTICLE[:sentence_start] + ARTICLE[sentence_end + 1 :]
    anchor = reanchor(changed, sel)
    assert anchor.method == "orphan"
    assert (anchor.start, anchor.end) == (None, None)


@pytest.mark.parametrize(
    "rewrite",
    [
        "Moscow's military said Kyiv attacked early on Sunday",
        "",
    ],
)
def test_rewritten_quote_is_an_orphan_not_a_wrong_match(rewrite: str) -> None:
    sel = select(ARTICLE, CLAIM)
    anchor = reanchor(ARTICLE.replace(CLAIM, rewrite), sel)
    assert not anchor.anchored
