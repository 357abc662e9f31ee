"""Claim suggestions: attributed statements and who made them.


English: "X said / stated / claimed / told reporters / wrote on Telegram ...",
"according to X", "..., X said", "... was reported by X", quotations with their speaker,
and a quotation that continues the previous sentence's speaker ("He added: ...").
Russian and Ukrainian: "заявил", "сообщил", "по данным", "по словам", "за словами",
"за даними", "повідомив" and their forms. The speaker is matched to the known actors
(aliases included) when a list is given, and the side is taken from the actor or, for
names not in the list, from words that name a side ("Ukrainian", "Russia's", "Kremlin").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import regex

from kursk_annotator.core.suggest.actor import Actor
from kursk_annotator.core.suggest.sentences import Span

# Small patterns used in loops, compiled once.
_RX1 = regex.compile(r"['’]s$")
_RX2 = regex.compile(r",|\s+(?:that|who|which|on|in|at|during|after)\s+")
_RX3 = regex.compile(r"(?:\s+\p{Ll}+ly)+$")
_RX4 = regex.compile(r"(?:\p{Lu}\p{Ll}[\p{L}'’-]*\s+){1,3}\p{Lu}\p{Ll}[\p{L}'’-]*$")
_RX5 = regex.compile(r"\s(?:of|the)\s*$")
_RX6 = regex.compile(r"\s(?:by|from)\s+(?:the\s+)?(.+)$")
_RX7 = regex.compile(r"[,;:()—–]|\s-\s")
_RX8 = regex.compile(r"((?:\p{Lu}[\p{L}'’.-]*\s*)+)$")
_RX9 = regex.compile(r"\s*([^,.;:!?\"“”«»\n]{2,120})")
_ARTICLE = regex.compile(r"^(?:the|a|an)\s+")
_ABBREVIATION_AT_END = regex.compile(r"\s*\(\p{Lu}[\p{Lu}\p{Ll}.-]{0,10}\)\s*$")
_RX10 = regex.compile(r"(?:to be|will be|would be|is|was)\s*$")

_VERBS_EN = (
    "said|says|say|stated|states|claimed|claims|claim|told|tells|wrote|writes|reported|"
    "reports|announced|announces|noted|notes|added|adds|confirmed|confirms|denied|denies|"
    "warned|warns|insisted|insists|argued|argues|estimated|estimates|alleged|alleges|"
    "acknowledged|acknowledges|admitted|admits|asserted|asserts|declared|declares|posted|"
    "explained|explains|stressed|stresses|emphasized|emphasised|emphasizes|emphasises|"
    "assessed|assesses|believes|suggested|suggests|observed|observes|indicated|indicates|"
    "revealed|reveals|recalled|recalls|predicted|predicts|promised|vowed|urged|accused|"
    "boasted|conceded|disclosed|repeated|specified|underlined|commented|responded|replied|"
    "hinted|hints|saying|highlighted|highlights|suggest|suggested|pledged|pledges|spoke|"
    "spoken|expressed|affirmed|affirms|condemned|condemns|described|"
    "describes|estimate|announce|state|tell|write|report|"
    "insist|deny|confirm|warn|acknowledge|admit|argue|allege|contend|contends|contended|"
    "signalled|signaled|reiterated|cautioned|complained|quipped|tweeted|briefed"
)
_VERBS_RU_UK = (
    "заявил[аио]?|заявляет|заявляют|сообщил[аио]?|сообщает|сообщают|отметил[аио]?|"
    "подчеркнул[аио]?|рассказал[аио]?|написал[аио]?|сказал[аио]?|утверждает|утверждают|"
    "уточнил[аио]?|добавил[аио]?|признал[аио]?|заявив|заявила|заявили|заявляє|повідомив|"
    "повідомила|повідомили|повідомляє|повідомляють|зазначив|зазначила|зазначили|"
    "наголосив|наголосила|написав|написала|сказав|сказала|розповів|розповіла|додав|додала|"
    "уточнив|уточнила|стверджує|стверджують|визнав|визнала|назвав|назвала|назвали|"
    "назвал[аи]?|пояснив|пояснила|пояснил[аи]?|заявляв|заявляла"
)
_VERB = regex.compile(rf"(?<![\p{{L}}])(?P<v>{_VERBS_EN}|{_VERBS_RU_UK})(?![\p{{L}}])")
_ACCORDING = regex.compile(
    r"(?<![\p{L}])(?P<p>according to|as reported by|as detailed in|as reported in|"
    r"as stated in|citing|по данным|по словам|по информации|за словами|за даними|"
    r"за інформацією|(?:как|як)\s+(?:сообща(?:ет|ют)|сообщил[аио]?|заявил[аио]?|"
    r"отметил[аио]?|уточнил[аио]?|повідомля(?:є|ють)|повідомил[аио]?|повідомив|заяви(?:в|ла|ли)|"
    r"зазначи(?:в|ла|ли)|наголоси(?:в|ла|ли)|уточни(?:в|ла|ли)))(?![\p{L}])\s+",
    regex.I,
)
# "по его словам", "за його словами": the speaker named before.
_ACCORDING_TO_PRONOUN = regex.compile(
    r"(?<![\p{L}])(?:по|за)\s+(?:его|её|ее|их|його|її|їхніми|їх)\s+"
    r"(?:словам|словами|данным|даними)(?![\p{L}])",
    regex.I,
)
# ", traders said,", ", the company said.": a short noun phrase between a comma and the
# verb, with the clause ending after it, names the speaker even in lower case.
_TRAILING_SPEAKER = regex.compile(
    r",\s+(?P<s>(?:(?:the|a|an|its|their|some|many|several|two|three)\s+)?"
    r"[\p{L}'’-]+(?:\s+[\p{L}'’-]+){0,3})\s+$",
    regex.I,
)
_MONEY_NEXT = regex.compile(r"\s+(?:[$€£₴₽]|\d|another\s|more\s|an?\s+(?:further|extra))")
_CLAUSE_END = regex.compile(r"\s*(?:[,.;]|\s+(?:on|in|at|after|before|last|this|earlier)\b)")
_PASSIVE = regex.compile(
    r"(?<![\p{L}])(?:was|were|is|are|has been|have been)\s+(?:reported|said|stated|"
    r"announced|confirmed|claimed|noted)\s+by\s+",
    regex.I,
)
_PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "он",
        "она",
        "они",
        "оно",
        "ми",
        "він",
        "вона",
        "вони",
        "воно",
    ]
)
_LEADING = regex.compile(
    r"^(?:(?:and|but|while|as|meanwhile|however|also|earlier|later|then|now|in turn|"
    r"separately|и|а|но|також|тоже|же|ранее|позже|также|вчера|сегодня|раніше|пізніше|"
    r"вчора|учора|сьогодні|в|у|во|із|из)[,\s]+)*(?:the\s+)?",
    regex.I,
)
_NOT_SPEAKER = frozenset(
    ["this", "that", "there", "which", "what", "who", "data", "figures", "numbers", "it's"]
)
# Evidence, not a speaker: "Geolocated footage published on February 18 indicates".
_EVIDENCE_WORDS = frozenset(
    ["footage", "video", "videos", "images", "photos", "photographs", "imagery", "data",
     "figures", "evidence", "satellite"]
)  # fmt: skip
# A cue word after one of these is a noun ("these reports", "the claims").
_NOUN_BEFORE = regex.compile(
    r"(?<![\p{L}])(?:these|those|the|its|his|her|their|such|a|an|new|recent|media|press|latest|"
    r"earlier|unconfirmed|first|initial|some|many|any|no)\s+$",
    regex.I,
)
_PASSIVE_NO_BY_ANYWHERE = regex.compile(
    r"(?<![\p{L}])it\s+(?:was|has\s+been|is)\s+(?:revealed|reported|announced|said|confirmed|"
    r"stated|claimed)\s+that\b",
    regex.I,
)
_BYLINE = regex.compile(
    r"^(?:the|this)\s+(?:article|story|report|piece|text)\s+(?:is|was)\s", regex.I
)
_PASSIVE_NO_BY = regex.compile(
    r"^it\s+(?:was|has\s+been|is)\s+(?:revealed|reported|announced|said|confirmed|stated|"
    r"claimed)\s+that\b",
    regex.I,
)
# Nouns that name a speaker even without a capital letter ("the defence ministry said").
_SPEAKER_NOUNS = frozenset(
    [
        "ministry",
        "minister",
        "official",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "governor",
        "president",
        "blogger",
        "blog",
        "channel",
        "military",
        "army",
        "command",
        "commander",
        "analyst",
        "expert",
        "media",
        "source",
        "police",
        "service",
        "agency",
        "office",
        "staff",
        "force",
        "authoritie",
        "government",
        "general",
        "mayor",
        "journalist",
        "correspondent",
        "witnesse",
        "resident",
        "observer",
        "monitor",
        "report",
        "statement",
        "company",
        "operator",
        "firm",
        "bank",
        "trader",
        "diplomat",
        "officer",
        "soldier",
        "administration",
        "department",
        "organisation",
        "organization",
        "council",
        "committee",
        "institute",
        "ombudsman",
        "prosecutor",
        "envoy",
        "ambassador",
        "secretary",
        "chief",
        "head",
        "leader",
        "lawmaker",
        "aide",
        "adviser",
        "advisor",
        "negotiator",
        "researcher",
        "economist",
        "volunteer",
        "doctor",
        "rescuer",
        "activist",
        "representative",
        "министерство",
        "минобороны",
        "министр",
        "губернатор",
        "командование",
        "источник",
        "міністерство",
        "міноборони",
        "міністр",
        "губернатор",
        "командування",
        "джерело",
    ]
)
# Russian and Ukrainian speaker nouns by their stem (any case ending follows).
_SPEAKER_STEMS_CYRILLIC = (
    "начальник", "голов", "глав", "керівник", "руководител", "речник", "представител",
    "представник", "спікер", "спикер", "пресс-секретар", "прес-секретар", "мэр", "мер ",
    "командир", "командующ", "штаб", "ова", "ода", "администрац", "адміністрац", "ведомств",
    "відомств", "служб", "полици", "поліці", "прокурор", "омбудсмен", "уполномоченн",
    "уповноважен", "министерств", "міністерств", "минобороны", "міноборони", "министр",
    "міністр", "губернатор", "командован", "командуван", "источник", "джерел", "генштаб",
    "мвд", "мвс", "дснс", "мчс", "сбу", "фсб", "всу", "зсу",
)  # fmt: skip
_QUOTE_CHARS = '"“”«»„'
_SIDE_WORDS: tuple[tuple[str, str], ...] = (
    (r"north korea|dprk|pyongyang|kcna|kim jong", "North Korea"),
    (
        r"ukrain|kyiv|kiev|zelensk|syrsk|budanov|\bgur\b|\bsbu\b|general staff of the armed "
        r"forces of ukraine|\bzsu\b|украин|україн|зеленськ|зеленск|сирськ|буданов|генштаб зсу",
        "Ukraine",
    ),
    (
        r"russia|kremlin|moscow|putin|peskov|shoigu|gerasimov|belousov|lavrov|zakharova|"
        r"kadyrov|alaudinov|khinshtein|smirnov|gladkov|росси|росій|кремл|путин|путін|"
        r"песков|минобороны|міноборони рф|tass|ria novosti",
        "Russia",
    ),
    (
        r"pentagon|white house|washington|biden|trump|blinken|austin|rubio|hegseth|"
        r"state department|u\.s\.|united states|american",
        "United States",
    ),
    (
        r"institute for the study of war|\bisw\b|analyst|expert|nato|rutte|"
        r"deepstate|rochan|oryx|united nations|\bun\b",
        "third party",
    ),
)


_SIDE_PATTERNS = tuple((regex.compile(p), side) for p, side in _SIDE_WORDS)
_AUXILIARY = regex.compile(
    r"\s+(?:has|have|had|was|were|is|are|will|would|also|not|but|"
    r"then|now|again|reportedly|previously|earlier)(?:\s|$)"
)
_WHEN_AFTER = regex.compile(
    r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|today|yesterday)\b.*$"
)


# Words that refer back to an organisation named before.
_ORGANISATION_WORDS = frozenset(
    ["company", "firm", "operator", "organisation", "organization", "agency", "group"]
)
_PERSON = regex.compile(r"(?:\p{Lu}[\p{Ll}'’-]+\s+){1,2}\p{Lu}[\p{Ll}'’-]+")


@dataclass(frozen=True, slots=True)
class FoundClaim:
    start: int
    end: int
    confidence: float
    attributes: dict[str, Any]


def _is_speaker_noun(word: str) -> bool:
    lower = word.lower()
    if lower.rstrip("s") in _SPEAKER_NOUNS:
        return True
    return not lower.isascii() and lower.startswith(_SPEAKER_STEMS_CYRILLIC)


def _clean_speaker(raw: str, strong: bool = False) -> str | None:
    speaker = raw.strip(" \t\n,;:—–-" + _QUOTE_CHARS)
    speaker = _LEADING.sub("", speaker).strip()
    speaker = _RX1.sub("", speaker)
    # Cut trailing clauses: "Andriy Kovalenko, head of the Center ..." keeps the name.
    speaker = _RX2.split(speaker)[0]
    speaker = speaker.strip(' ."“”«»')
    # "Ukraine officially", "Russia reportedly": the adverb is not part of the name.
    speaker = _RX3.sub("", speaker)
    # "the head of the GUR Kyrylo Budanov": a person's name after a title is the speaker.
    person = _RX4.search(speaker)
    if person and person.start() > 0 and not _RX5.search(speaker[: person.start()]):
        speaker = person.group()
    if not speaker or len(speaker) > 120:
        return None
    by = _RX6.search(speaker)
    if by:  # "a statement released by the Russian Defense Ministry"
        speaker = by.group(1)
    # "Kyiv has announced": the auxiliary is not part of the name.
    speaker = _AUXILIARY.split(speaker)[0]
    speaker = speaker.strip(" .,")
    words = speaker.split()
    if not words or len(words) > 10:
        return None
    if words[0].lower() in ("which", "that", "whom") and any(w[:1].isupper() for w in words[1:]):
        words = words[1:]  # "which Russian President Vladimir Putin condemned"
        speaker = " ".join(words)
    lower = speaker.lower()
    if lower in _NOT_SPEAKER or words[0].lower() in ("who", "which", "that", "what"):
        return None
    if any(w.lower() in _EVIDENCE_WORDS for w in words[:3]):
        return None
    if lower in _PRONOUNS:
        return speaker
    if (
        not any(w[:1].isupper() for w in words)
        and not any(_is_speaker_noun(w) for w in words)
        and not (strong and len(words) <= 4)
    ):
        return None  # "detailed in", "hours but has not": no one speaks here
    return speaker


def _subject_before(sentence: str, verb_start: int) -> str | None:
    """The speaker written before the verb: the last clause before it."""
    head = sentence[:verb_start]
    # "the Institute for the Study of War (ISW) assessed": the name, not its abbreviation.
    head = _ABBREVIATION_AT_END.sub(" ", head)
    # After a closing quotation: '"...," the General Staff added.'
    for char in '”"»':
        cut = head.rfind(char)
        if cut != -1 and cut >= len(head.rstrip()) - 40:
            head = head[cut + 1 :]
            break
    chunks = [c.strip() for c in _RX7.split(head)]
    chunk = chunks[-1]
    if not chunk and len(chunks) >= 2:
        # "Andriy Yermak, head of the Presidential Office, said": the name before the
        # appositive speaks; "One prominent blogger, Yuri Podolyak, said": the name.
        chunk = chunks[-2]
        if len(chunks) >= 3 and chunks[-3] and chunk[:1].islower():
            chunk = chunks[-3]
    if not chunk:
        return None
    words = chunk.split()
    if len(words) > 10:
        # A long clause: keep its last capitalised run ("... the head of GUR Kyrylo Budanov").
        run = _RX8.search(chunk)
        chunk = run.group(1) if run else " ".join(words[-4:])
    return chunk


def _speaker_after(sentence: str, pos: int) -> str | None:
    tail = sentence[pos:]
    match = _RX9.match(tail)
    return match.group(1) if match else None


def _side(speaker: str, actor: Actor | None) -> str | None:
    if actor is not None and actor.side:
        return actor.side
    lower = speaker.lower()
    for pattern, side in _SIDE_PATTERNS:
        if pattern.search(lower):
            return side
    return None


def _match_actor(speaker: str, actors: Sequence[Actor]) -> Actor | None:
    lower = speaker.lower()
    best: tuple[int, Actor] | None = None
    for actor in actors:
        for name in (actor.name, *actor.aliases):
            key = name.lower().strip()
            found = key and (
                key == lower or regex.search(rf"(?<!\w){regex.escape(key)}(?!\w)", lower)
            )
            if found and (best is None or len(key) > best[0]):
                best = (len(key), actor)
    return best[1] if best else None


def _after_quote_only(before: str) -> bool:
    """Whether nothing but punctuation stands between a closing quotation and the verb
    ('"...," said Peskov'), not a subject ('"...," Viktor Trehubov, a spokesman, told')."""
    cut = max(before.rfind(q) for q in _QUOTE_CHARS)
    return cut == -1 or not before[cut + 1 :].strip(" ,—–-")


def _claim_in_sentence(sentence: str) -> tuple[str | None, float, bool] | None:
    """(raw speaker, confidence, strong) when the sentence attributes a statement;
    ``strong``: the cue leaves no doubt that what follows or precedes is a speaker, so a
    speaker in lower case ("the regional administration", "traders") is kept."""
    if _BYLINE.search(sentence):
        return None
    if _PASSIVE_NO_BY.search(sentence):
        return "it", 0.6, False
    if _ACCORDING_TO_PRONOUN.search(sentence):
        return "он", 0.75, False
    according = _ACCORDING.search(sentence)
    if according:
        strong = not according.group("p").lower().startswith("citing")  # "citing inflation"
        return _speaker_after(sentence, according.end()), 0.8, strong
    passive = _PASSIVE.search(sentence)
    if passive:
        return _speaker_after(sentence, passive.end()), 0.8, True
    for verb in _VERB.finditer(sentence):
        word = verb.group("v")
        if _NOUN_BEFORE.search(sentence[: verb.start()]):
            continue  # "ignored these reports", "the claims"
        if word.startswith("pledge") and _MONEY_NEXT.match(sentence, verb.end()):
            continue  # "the EU pledged €1.5bn": a payment, not a statement
        before = sentence[: verb.start()].rstrip()
        # '"...," said Peskov' / '"...", заявил Песков': the speaker follows the verb.
        quoted = any(q in before for q in _QUOTE_CHARS)
        if before.endswith((",", ",”", ',"', "”", '"', "»", "»,", "—", "-")) and (
            (quoted and _after_quote_only(before))
            or (word[0] in "зсупнорвд" and not word.isascii())
        ):
            after = _speaker_after(sentence, verb.end())
            if after and (
                after.strip()[:1].isupper()
                or after.strip().lower() in _PRONOUNS
                or any(_is_speaker_noun(w) for w in after.split()[:4])
            ):
                return _WHEN_AFTER.sub("", after), 0.85, False
        # "..., traders said, after ...": a short speaker between a comma and the verb.
        trailing = _TRAILING_SPEAKER.search(sentence, max(0, verb.start() - 80), verb.start())
        if (
            trailing
            and word.isascii()
            and _CLAUSE_END.match(sentence, verb.end())
            and not trailing.group("s").split()[-1].lower().endswith("ly")
        ):
            return trailing.group("s"), 0.8, True
        subject = _subject_before(sentence, verb.start())
        if subject and not _RX10.search(subject):
            return subject, 0.85, False
        if word[0].lower() in "зсупнорвд" and not word.isascii():
            after = _speaker_after(sentence, verb.end())  # "заявил глава МИД Сергей Лавров"
            if after:
                return after, 0.75, False
    return None


_TERMINAL = (".", "!", "?", '"', "”", "»", ":", ";", "…")


def _is_headline(text: str, start: int, end: int) -> bool:
    """A paragraph of one short line without a full stop: a headline or subhead, which
    the body repeats with its source (its "as Ukraine reports" is no claim to tag)."""
    # Looked for near the sentence only: a headline is short (a text without line breaks
    # must not be scanned once per claim).
    line_start = text.rfind("\n", max(0, start - 300), start) + 1
    if line_start == 0 and start > 300:
        return False
    line_end = text.find("\n", end, end + 300)
    if line_end == -1:
        if len(text) - end > 300:
            return False
        line_end = len(text)
    line = text[line_start:line_end].strip()
    if not line or line.endswith(_TERMINAL) or len(line.split()) > 20:
        return False
    if any(q in line for q in _QUOTE_CHARS):
        return False
    after = text[line_end : line_end + 2]
    return (line_start == 0 or text[max(0, line_start - 2) : line_start] == "\n\n") and (
        line_end == len(text) or after.startswith("\n\n") or after == "\n"
    )


def find_claims(
    text: str,
    sentences: Sequence[Span],
    quotes: Sequence[Span],
    actors: Sequence[Actor] = (),
) -> list[FoundClaim]:
    found: list[FoundClaim] = []
    last_speaker: str | None = None
    last_actor: Actor | None = None
    previous_claim_end = -1
    quote_index = 0
    named: list[str] = []
    named_lower: list[str] = []
    for span in sentences:
        sentence = text[span.start : span.end]
        start, end = span.start, span.end
        while quote_index < len(quotes) and quotes[quote_index].end <= start:
            quote_index += 1
        in_quote = [q for q in quotes[quote_index : quote_index + 4] if q.start < end]
        for quote in in_quote:  # a quotation the splitter cut: take all of it
            start, end = min(start, quote.start), max(end, quote.end)
        result = _claim_in_sentence(sentence)
        if result is not None and _is_headline(text, span.start, span.end):
            result = None
        confidence = 0.0
        speaker: str | None = None
        if result is not None:
            raw, confidence, strong = result
            speaker = _clean_speaker(raw, strong) if raw else None
            if speaker and speaker.split()[0].lower() in _PRONOUNS and len(speaker.split()) == 1:
                speaker = last_speaker
                confidence = 0.7 if speaker else 0.0
            elif speaker is None:
                confidence = 0.0
        elif (
            sentence[:1] in _QUOTE_CHARS
            and last_speaker
            and 0 <= span.start - previous_claim_end < 3
        ):
            speaker, confidence = last_speaker, 0.6  # the quotation goes on
        if not speaker or confidence <= 0:
            continue
        # "the ministry", "the blog", "the statement": the speaker named before.
        head = _ARTICLE.sub("", speaker.lower()).strip()
        if " " not in head and head[:1].islower() and named:
            stem = head.rstrip("s")
            if not head.isascii() and len(head) > 4:
                stem = head[:-1]  # "в штабе" after "оперативного штаба": one stem
            same = [n for n, low in zip(named, named_lower, strict=True) if stem in low]
            if same:
                speaker = same[-1]
            elif head in ("statement", "report", "reports", "post", "message"):
                speaker = named[-1]
            elif head in _ORGANISATION_WORDS:
                bodies = [n for n in named if not _PERSON.fullmatch(n)]
                if bodies:  # "the company said" after "the grid operator Ukrenergo said"
                    speaker = bodies[-1]
        # "The General Staff" after "the General Staff of the Armed Forces of Ukraine":
        # the same speaker, named in full earlier.
        prefix = speaker.lower() + " "
        fuller = [n for n, low in zip(named, named_lower, strict=True) if low.startswith(prefix)]
        if fuller:
            speaker = fuller[-1]
        if not named or named[-1] != speaker:
            named.append(speaker)
            named_lower.append(speaker.lower())
            # Speakers named long before are not referred to as "the ministry".
            del named[:-40], named_lower[:-40]
        actor = _match_actor(speaker, actors) if actors else None
        if actor is None and speaker == last_speaker:
            actor = last_actor
        attributes: dict[str, Any] = {"attributed_to": actor.name if actor else speaker}
        side = _side(speaker, actor)
        if side:
            attributes["side"] = side
        if found and found[-1].end > start:  # a long quotation already taken
            continue
        found.append(FoundClaim(start, end, confidence, attributes))
        last_speaker, last_actor, previous_claim_end = speaker, actor, end
    return found
