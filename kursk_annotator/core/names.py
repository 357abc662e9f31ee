"""Names of people and organisations (analysts, actors): one clean form, no look-alikes.

A name is what other analysts read in tables, briefings and review threads, and what
decides whose work is whose. So a name is stored NFC-normalised, with whitespace
collapsed and without invisible characters (controls, bidi overrides, zero-width
characters), and a new name that a reader could mistake for an existing one
("Olena Kovalchuk" with a Cyrillic "о", or "Mark  Davies" vs "mark davies") is refused.

``normalise_name`` and ``check_confusable`` are the API every service that stores names
calls; ``confusable_key`` is the folding they compare by (after Unicode TS #39's
"skeleton": compatibility decomposition, no accents, case folded, look-alike letters of
other scripts mapped to one letter).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from kursk_annotator.core.errors import UserError

# Format characters that change how text is shown without being seen themselves.
INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a\u206b\u206c\u206d\u206e\u206f"
    "\u3164\ufeff\uffa0"
)

# Letters of other scripts drawn like a Latin letter (from Unicode's confusables.txt;
# the ones that occur in Cyrillic and Greek names and in lookalike attacks).
_LOOKALIKES = {
    # Cyrillic
    "а": "a",
    "в": "b",
    "е": "e",
    "ё": "e",
    "з": "3",
    "и": "u",
    "і": "i",
    "ї": "i",
    "ј": "j",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "п": "n",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "ѕ": "s",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "ь": "b",
    "һ": "h",
    "ӏ": "l",
    "г": "r",
    # Greek
    "α": "a",
    "β": "b",
    "γ": "y",
    "ε": "e",
    "η": "n",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "ω": "w",
    "μ": "u",
    "ϲ": "c",
    "ζ": "z",
    # Latin and digits drawn alike
    "0": "o",
    "1": "l",
    "i": "l",
    "|": "l",
    "ı": "l",
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
}
_SEQUENCES = (("rn", "m"), ("vv", "w"), ("cl", "d"))


def _visible(ch: str) -> bool:
    if ch in INVISIBLE:
        return False
    category = unicodedata.category(ch)
    # Cc controls, Cf format characters, Cs lone surrogates, Co/Cn private or unassigned.
    return not category.startswith("C")


def normalise_name(name: str, what: str = "name", max_length: int = 120) -> str:
    """``name`` in its stored form, or a UserError saying why it cannot be one.

    NFC; tabs, newlines and other spaces become single spaces; controls, bidi overrides
    and zero-width characters are removed; empty or overlong names are refused.
    """
    if not isinstance(name, str):
        raise UserError(f"the {what} must be text")
    text = unicodedata.normalize("NFC", name.encode("utf-8", "replace").decode("utf-8"))
    text = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or _visible(ch))
    text = " ".join(text.split())
    if not text:
        raise UserError(f"the {what} is empty (or only invisible characters): give a name")
    if len(text) > max_length:
        raise UserError(f"the {what} is longer than {max_length} characters: shorten it")
    return text


def confusable_key(name: str) -> str:
    """What ``name`` looks like, for comparing: two names with one key look alike."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and _visible(ch))
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(_LOOKALIKES.get(ch, ch) for ch in text if not unicodedata.combining(ch))
    text = "".join(ch for ch in text if ch.isalnum())
    for sequence, single in _SEQUENCES:
        text = text.replace(sequence, single)
    return text


def check_confusable(name: str, existing: Iterable[str], what: str = "name") -> None:
    """Refuse ``name`` if it is not one of ``existing`` but looks like one of them."""
    key = confusable_key(name)
    for other in existing:
        if other != name and confusable_key(other) == key:
            raise UserError(
                f"the {what} {name!r} looks like the existing {other!r}: use {other!r}, "
                "or choose a name that cannot be mistaken for it"
            )
