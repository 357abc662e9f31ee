"""Suggestions on news text: what is proposed, with which attributes, and what is not."""

from __future__ import annotations

from datetime import date

import pytest

from kursk_annotator.core.suggest import Actor, suggest


def _kind(text, kind, **kwargs):
    return [s for s in suggest(text, kinds=[kind], **kwargs)]


def _figures(text, **kwargs):
    return {s.quote: s.attributes for s in _kind(text, "figure", **kwargs)}


@pytest.mark.parametrize(
    ("text", "quote", "value", "extra"),
    [
        ("Moscow sent 12 thousand North Korean soldiers.", "12 thousand North Korean soldiers",
         12000, {"measure": "North Korean soldiers"}),
        ("It lost twelve armoured combat vehicles.", "twelve armoured combat vehicles", 12, {}),
        ("Officials said a thousand people fled.", "a thousand people", 1000, {}),
        ("The package is worth 1.2 million dollars.", "1.2 million dollars", 1_200_000,
         {"unit": "USD"}),
        ("Between 11,000 to 12,000 troops arrived.", "11,000 to 12,000 troops", 11000,
         {"value_max": 12000}),
        ("Some 10–12 thousand troops arrived.", "Some 10–12 thousand troops", 10000,
         {"value_max": 12000, "qualifier": "approximately"}),
        ("They hold almost 500 sq miles.", "almost 500 sq miles", 500,
         {"unit": "sq mi", "base_unit": "km²", "qualifier": "approximately"}),
        ("Потери составили около 40 тысяч человек.", "около 40 тысяч человек", 40000,
         {"qualifier": "approximately"}),
        ("Знищено понад 1 000 квадратних кілометрів.", "понад 1 000 квадратних кілометрів", 1000,
         {"unit": "km²", "qualifier": "over"}),
    ],
)  # fmt: skip
def test_figures_value_unit_range_qualifier(text, quote, value, extra):
    found = _figures(text)
    matching = [q for q in found if quote in q or q in quote]
    assert matching, found
    attributes = found[matching[0]]
    assert attributes["value"] == value
    for key, expected in extra.items():
        assert attributes[key] == expected


def test_vague_quantities_are_intervals():
    found = _figures("Hundreds of defenders returned; tens of thousands of civilians fled.")
    values = sorted((a["value"], a["value_max"]) for a in found.values())
    assert values == [(200, 999), (20000, 99999)]


@pytest.mark.parametrize(
    "text",
    [
        "The offensive began on August 6, 2024.",
        "On 12 March the brigade withdrew.",
        "Published 5 January 2025, 14:50",
        "Hamas releases video of 19-year-old hostage",
        "Boy, 7, found alive",
        "Comments (214)",
        "6 min read",
        "The 80th Air Assault Brigade crossed first.",
        "155-я бригада наступает.",
        "Su-34 bombers and F-16 jets flew.",
        "1. Ceasefire talks\n2. Prisoner exchange",
        "Read the report at https://example.org/report/2024/118 or mail info2024@example.org",
        "Photo 3 of 12",
        "In 2024 the war went on.",
    ],
)
def test_not_figures(text):
    assert _figures(text) == {}


def test_places_have_coordinates_and_regions_in_lists():
    text = "Strikes hit Sudzha, and the Kursk, Bryansk and Belgorod regions; бои у Суджи."
    found = _kind(text, "place")
    by_quote = {s.quote: s.attributes for s in found}
    assert by_quote["Sudzha"]["canonical_name"] == "Sudzha"
    assert abs(by_quote["Sudzha"]["latitude"] - 51.2) < 0.05
    assert by_quote["Bryansk"]["canonical_name"] == "Bryansk Oblast"
    assert by_quote["Суджи"]["canonical_name"] == "Sudzha"


def test_event_names_and_capitals_as_governments_are_not_places():
    text = "The Kursk offensive surprised Moscow. Moscow was forced to act, Kyiv's forces said."
    quotes = [s.quote for s in _kind(text, "place")]
    assert quotes == ["Moscow"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Russia's defence ministry said its forces had repelled attacks.",
         "Russia's defence ministry"),
        ('"We are holding the line," Syrskyi said.', "Syrskyi"),
        ('"We are holding the line," said Oleksandr Syrskyi.', "Oleksandr Syrskyi"),
        ("Kremlin spokesman Dmitry Peskov told reporters the area was calm.", "Dmitry Peskov"),
        ("The area is calm, according to the Institute for the Study of War.",
         "Institute for the Study of War"),
        ("Andriy Yermak, head of the Presidential Office, wrote on Telegram that it worked.",
         "Andriy Yermak"),
        ("Министерство обороны России заявило, что атака отбита.", "Министерство обороны России"),
        ("За словами Олександра Сирського, наступ триває.", "Олександра Сирського"),
    ],
)  # fmt: skip
def test_claims_and_their_speaker(text, speaker):
    found = _kind(text, "claim")
    assert len(found) == 1
    assert speaker.lower() in found[0].attributes["attributed_to"].lower()


def test_pronoun_and_continued_quotation_take_the_previous_speaker():
    text = (
        "Governor Vyacheslav Gladkov said a drone hit a house. He added that two women were "
        'hurt.\n"Air defence is working," he wrote.'
    )
    speakers = [s.attributes["attributed_to"] for s in _kind(text, "claim")]
    assert speakers == ["Governor Vyacheslav Gladkov"] * 3


def test_speaker_matched_to_actor_list_with_side():
    actors = [Actor("Ministry of Defence of Russia", ("Russian defence ministry", "MoD"), "Russia")]
    found = _kind("The Russian defence ministry said the attack failed.", "claim", actors=actors)
    assert found[0].attributes == {
        "attributed_to": "Ministry of Defence of Russia",
        "side": "Russia",
    }


def test_as_of_from_text_relative_to_article_date():
    text = (
        "The ministry said on Sunday that 5 tanks were destroyed.\n\n"
        "As of February 5, the enemy lost:\n\n689 armored combat vehicles;\n\n3 helicopters."
    )
    found = suggest(text, article_date=date(2025, 2, 6))  # a Thursday
    as_of = {s.quote: s.attributes.get("as_of") for s in found if s.kind != "place"}
    assert as_of["5 tanks"] == "2025-02-02"
    assert as_of["689 armored combat vehicles"] == "2025-02-05"
    assert as_of["3 helicopters"] == "2025-02-05"


def test_since_starts_a_period_and_dates_stay_in_their_paragraph():
    # "since February 2022" is where a cumulative count starts, not when it holds; and
    # a date in one paragraph says nothing about the next paragraph's figures.
    text = (
        "According to the United Nations, more than 12,300 civilians have been killed "
        "since February 2022, including at least 650 children.\n\n"
        "Russia launched 96 drones overnight, Ukraine's air force said.\n\n"
        "About 1,500 residents have been evacuated since Tuesday, the governor said. "
        "As of 5 January, 44 clashes had taken place."
    )
    found = suggest(text, article_date=date(2025, 1, 10))
    as_of = {s.quote: s.attributes.get("as_of") for s in found if s.kind == "figure"}
    assert as_of["more than 12,300 civilians"] is None
    assert as_of["96 drones"] is None
    assert as_of["About 1,500 residents"] is None
    assert as_of["44 clashes"] == "2025-01-05"


def test_deterministic_and_kinds_filter():
    text = "Sudzha: 12 thousand soldiers, the ministry said."
    assert suggest(text) == suggest(text)
    assert {s.kind for s in suggest(text, kinds=["place"])} == {"place"}
    assert suggest(text, kinds=[]) == []


# Bad input: no traceback, nothing outside the text, bounded work.


def _inside(text, found):
    for s in found:
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start : s.end] == s.quote


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t ",
        "1 2 3 4 5 6 7 8 9 10 11 12 1,000 2.5 ,,, ... 99999999999999999999999",
        "Sudzha Суджа Суджі 12 тысяч soldiers 😀 said 5 февраля “quote” «цитата» 𝟙𝟚",
        "On February 30, 2025 and 31.13.2024 and 2024-02-31 the ministry said 5 tanks were lost.",
        "\x00\x0b\ufffe 12 \u202e tanks \u200b Sudzha",
    ],
)
def test_bad_input_gives_suggestions_inside_the_text(text):
    found = suggest(text, article_date=date(2025, 3, 1))
    _inside(text, found)
    for s in found:
        assert "as_of" not in s.attributes or s.attributes["as_of"][:4] in ("2024", "2025")


def test_impossible_dates_give_no_as_of():
    text = "On February 30, 2025 the ministry said 5 tanks were lost."
    claims = _kind(text, "claim")
    assert claims and "as_of" not in claims[0].attributes


def test_a_megabyte_without_a_full_stop():
    text = ("the ministry said 12 thousand soldiers moved near Sudzha and " * 16_000)[:1_000_000]
    found = suggest(text)
    _inside(text, found)
    assert sum(s.kind == "figure" for s in found) > 10_000


def test_cli_kinds_are_the_suggestion_kinds():
    from kursk_annotator.cli.suggest_commands import KINDS
    from kursk_annotator.core.suggest.model import SUGGESTION_KINDS

    assert set(KINDS) == set(SUGGESTION_KINDS)
