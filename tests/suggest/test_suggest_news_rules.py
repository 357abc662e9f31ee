"""Rules that carry to news in general: what a figure is, places in other forms and
metonyms, speakers in lower case, headlines, Russian and Ukrainian patterns."""

from __future__ import annotations

import pytest

from kursk_annotator.core.suggest import suggest


def _kind(text, kind):
    return [s for s in suggest(text, kinds=[kind])]


def _figures(text):
    return {s.quote: s.attributes for s in _kind(text, "figure")}


@pytest.mark.parametrize(
    "text",
    [
        "Russian troops attacked 43 times over the past 24 hours.",
        "Exports fell to the lowest level in four months.",
        "A fire at the depot burned for two days.",
        "Trump pledged to end the war within 24 hours.",
        "About two-thirds of the town's residents have left.",
        "Some 40% of the displaced are older than 60.",
        "В результате пострадал 14-летний подросток.",
        "Унаслідок обстрілу загинули двоє людей, ще сім отримали поранення.",
        "Crude shipments averaged 3.1mn barrels a day.",
    ],
)
def test_durations_fractions_ages_are_not_figures(text):
    found = _figures(text)
    words = ("hours", "months", "days", "two", "60", "14", "сім")
    for quote in found:
        assert not any(quote == w or quote.endswith(" " + w) for w in words), found
        assert "hours" not in quote and "days" not in quote and "months" not in quote, found
        assert not quote.startswith(("About two", "60", "14", "сім")), found


@pytest.mark.parametrize(
    ("text", "quote", "value", "extra"),
    [
        ("Revenue fell to 8.8 trillion roubles ($86bn) last year.",
         "8.8 trillion roubles ($86bn)", 8.8e12, {}),
        ("Troops took a village about 8 km (5 miles) north of the town.",
         "about 8 km (5 miles)", 8, {"unit": "km"}),
        ("Urals traded at between $12 and $15 a barrel below Brent.",
         "between $12 and $15", 12, {"value_max": 15, "unit": "USD"}),
        ("Crude shipments averaged 3.1mn barrels a day.", "3.1mn barrels", 3_100_000, {}),
        ("The bank raised its rate by one percentage point to 14.5%.", "one percentage point",
         1, {"unit": "percentage points"}),
        ("Russian assault groups of five to seven men attack at night.",
         "five to seven men", 5, {"value_max": 7}),
        ("Revenues could recover to roughly $1.2bn a week.", "roughly $1.2bn", 1.2e9,
         {"unit": "USD"}),
    ],
)  # fmt: skip
def test_money_conversions_ranges_and_points(text, quote, value, extra):
    found = _figures(text)
    assert quote in found, found
    assert found[quote]["value"] == pytest.approx(value)
    for key, want in extra.items():
        assert found[quote][key] == want
    assert len(found) == 1 + ("14.5%" in text), found  # the bracketed conversion is no second


def test_places_in_ukrainian_spelling_with_possessive_and_region_adjective_lists():
    text = (
        "About two-thirds of Kurakhove's population has left. Дроны сбиты над территориями "
        "Белгородской, Брянской и Курской областей. Удари по Сумської та Харківської областей."
    )
    found = {s.quote: s.attributes["canonical_name"] for s in _kind(text, "place")}
    assert found["Kurakhove"] == "Kurakhovo"
    assert found["Брянской"] == "Bryansk Oblast"
    assert found["Курской"] == "Kursk Oblast"
    assert found["Белгородской"] == "Belgorod Oblast"
    assert found["Харківської"] == "Kharkiv Oblast"


def test_capitals_standing_for_governments_are_not_places():
    text = (
        "Moscow's income from oil fell. Kyiv did not comment on the claim. Officials spoke "
        "to reporters in Kyiv, a figure Moscow disputes."
    )
    found = [(s.quote, s.start) for s in _kind(text, "place")]
    assert found == [("Kyiv", text.index("in Kyiv") + 3)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Urals widened to $15 a barrel below Brent, traders said, after new sanctions.",
         "traders"),
        ("More than 2,600 people left in February, according to the regional administration.",
         "regional administration"),
        ("Russia denies targeting civilians.", "Russia"),
        ('"The situation is extremely difficult," Viktor Trehubov, a spokesman for the '
         "group of forces, told Ukrainian television.", "Viktor Trehubov"),
        ("Як повідомили в Генштабі ЗСУ, відбулося 37 боєзіткнень.", "Генштабі ЗСУ"),
        ("У Запоріжжі пошкоджено понад 20 будинків, зазначив голова ОВА Іван Федоров.",
         "Іван Федоров"),
        ("По данным оперативного штаба, без света остались 3 тысячи абонентов.",
         "оперативного штаба"),
    ],
)  # fmt: skip
def test_claim_speakers_in_news(text, speaker):
    found = _kind(text, "claim")
    assert len(found) == 1, found
    assert speaker.lower() in found[0].attributes["attributed_to"].lower()


def test_speakers_referred_back_to_and_headlines_without_claims():
    text = (
        "Ukraine reports 1,500 attacks in a week\n\n"
        "The state grid operator Ukrenergo said attacks destroyed half of the capacity. "
        "Blackouts lasted up to 12 hours a day, the company said.\n\n"
        "Губернатор Вячеслав Гладков сообщил, что пострадали три человека. По его словам, "
        "повреждены 12 домов."
    )
    found = _kind(text, "claim")
    assert [c.attributes["attributed_to"] for c in found] == [
        "state grid operator Ukrenergo",
        "state grid operator Ukrenergo",
        "Губернатор Вячеслав Гладков",
        "Губернатор Вячеслав Гладков",
    ]
    assert found[0].start > text.index("\n\n")  # the headline is no claim


def test_the_eu_pledging_money_is_no_statement():
    assert _kind("The EU pledged €1.5bn in December.", "claim") == []
    assert _kind("Trump has pledged to end the war quickly.", "claim") != []


def test_capitals_as_objects_and_with_adverbs_and_plants_named_for_towns():
    text = (
        "The strikes cost Moscow $2 billion. Moscow likely intends to pressure Kyiv. "
        "Тиск на Москву зростає. The Ryazan refinery halted a unit. Drones hit Ryazan."
    )
    found = [s.quote for s in _kind(text, "place")]
    assert "Moscow" not in found and "Kyiv" not in found and "Москву" not in found
    assert found.count("Ryazan") <= 1  # the town, not the refinery named for it


def test_sources_are_no_figure_and_evidence_is_no_speaker():
    text = (
        "A unit halted, two industry sources told Reuters. Geolocated footage published "
        "on Monday indicates that troops advanced. The Institute for the Study of War (ISW) "
        "assessed that the town fell. Зеленський назвав удар терористичним актом."
    )
    assert _figures(text) == {}
    speakers = [c.attributes["attributed_to"] for c in _kind(text, "claim")]
    assert speakers == ["two industry sources", "Institute for the Study of War", "Зеленський"]
