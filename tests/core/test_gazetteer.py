"""The shipped gazetteer: spellings, case forms, coordinates, ambiguity, mentions in text."""

from __future__ import annotations

import gzip

import pytest

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.gazetteer import load_gazetteer, normalise_name, read_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.mark.parametrize("name", ["Sudzha", "Suja", "Sudzha", "Суджа", "Суджи", "Суджу", "СУДЖЕ"])
def test_sudzha_by_every_spelling_and_case(gazetteer, name):
    place = gazetteer.resolve(name)
    assert place is not None and place.canonical_name == "Sudzha"
    assert abs(place.latitude - 51.20) < 0.05 and abs(place.longitude - 35.27) < 0.05
    assert place.theatre and place.country == "RU" and place.region == "Kursk"


def test_regions_in_english_russian_and_ukrainian(gazetteer):
    for name in ("Kursk region", "Kursk Oblast", "Курской области", "Курська область",
                 "Курщині", "Sumy region", "Сумщина", "Kharkiv Oblast", "Chernihiv region",
                 "Belgorod region", "Брянской области"):  # fmt: skip
        place = gazetteer.resolve(name)
        assert place is not None and place.feature_type == "region", name


def test_every_theatre_oblast_has_its_towns(gazetteer):
    regions = {p.region for p in gazetteer if p.theatre and p.feature_type != "region"}
    assert {"Kursk", "Belgorod", "Bryansk", "Sumy", "Kharkiv", "Chernihiv"} <= regions
    for capital in ("Kyiv", "Moscow", "Minsk", "Pyongyang"):
        assert gazetteer.resolve(capital).feature_type == "capital"


def test_curated_villages_carry_their_source(gazetteer):
    place = gazetteer.resolve("Махновки")
    assert place.canonical_name == "Makhnovka" and place.source == "curated"
    assert all(p.source for p in gazetteer)


def test_ambiguous_name_prefers_its_own_place_then_the_theatre(gazetteer):
    # Pokrovsk is also an old name of Engels: the town called Pokrovsk today wins.
    assert gazetteer.resolve("Pokrovsk").region == "Donetsk"
    # Many villages are called Ivanivka and none is the obvious one.
    assert len(gazetteer.lookup("Ivanivka")) > 1
    assert gazetteer.is_ambiguous("Ivanivka")
    assert not gazetteer.is_ambiguous("Sudzha")


def test_given_names_are_not_places(gazetteer):
    text = "Vladimir Putin and Volodymyr Zelensky spoke about Kursk."
    assert [m.quote for m in gazetteer.find_mentions(text)] == ["Kursk"]


def test_find_mentions_longest_name_and_offsets(gazetteer):
    text = "Fighting near Sudzha, in the Kursk region; бои у Суджи и в Курской области. kursk"
    found = gazetteer.find_mentions(text)
    assert [(m.quote, m.place.canonical_name) for m in found] == [
        ("Sudzha", "Sudzha"),
        ("Kursk region", "Kursk Oblast"),
        ("Суджи", "Sudzha"),
        ("Курской области", "Kursk Oblast"),
    ]
    for mention in found:
        assert text[mention.start : mention.end] == mention.quote


def test_find_mentions_astral_characters_and_empty_text(gazetteer):
    assert gazetteer.find_mentions("") == []
    text = "🇺🇦 Sumy 😀 Kharkiv"
    found = gazetteer.find_mentions(text)
    assert [text[m.start : m.end] for m in found] == ["Sumy", "Kharkiv"]


def test_normalise_name():
    assert normalise_name("  Kup’iansk  ") == normalise_name("kup'iansk")
    assert normalise_name("Тёткино") == normalise_name("Теткино")


def test_damaged_file_is_one_line_error(tmp_path):
    bad = tmp_path / "g.tsv.gz"
    bad.write_bytes(b"not gzip")
    with pytest.raises(UserError, match="rebuild it"):
        read_gazetteer(bad)
    short = tmp_path / "short.tsv.gz"
    short.write_bytes(gzip.compress(b"x\ty\n"))
    with pytest.raises(UserError, match="line 1"):
        read_gazetteer(short)
