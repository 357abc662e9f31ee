"""The W3C validator: a real export passes; every malformed input gets one line, before
anything is stored."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.exchange.w3c import export_annotations, write_annotations
from kursk_annotator.core.w3c_validate import check_w3c_file, load_w3c, validate_w3c
from kursk_annotator.core.workspace import Workspace
from tests.robustness.conftest import Run


@pytest.fixture
def exported(sample_workspace: Workspace, tmp_path: Path) -> dict:
    path = tmp_path / "export.jsonld"
    write_annotations(path, export_annotations(sample_workspace))
    return json.loads(path.read_text("utf-8"))


def _items(data: dict) -> list[dict]:
    return data["first"]["items"]


def test_a_real_export_is_valid(exported: dict, tmp_path: Path) -> None:
    assert len(_items(exported)) > 10
    assert validate_w3c(exported) == []
    path = tmp_path / "ok.jsonld"
    path.write_text(json.dumps(exported), "utf-8")
    assert check_w3c_file(path) == exported


def _break(data: dict, where: int, change) -> dict:
    broken = copy.deepcopy(data)
    change(_items(broken)[where])
    return broken


CASES = {
    "wrong type of start": (
        lambda a: a["target"]["selector"][1].__setitem__("start", "12"),
        "start is str",
    ),
    "negative position": (
        lambda a: a["target"]["selector"][1].__setitem__("start", -5),
        "outside",
    ),
    "huge position": (
        lambda a: a["target"]["selector"][1].__setitem__("end", 2**40),
        "outside",
    ),
    "year 0": (lambda a: a.__setitem__("created", "0000-01-01T00:00:00Z"), "not a real date"),
    "not a date": (lambda a: a.__setitem__("modified", "yesterday"), "not an ISO 8601"),
    "lone surrogate": (
        lambda a: a["target"]["selector"][0].__setitem__("exact", "Sudzha \ud800"),
        "lone surrogate",
    ),
    "note too long": (
        lambda a: a["body"].append(
            {"type": "TextualBody", "purpose": "commenting", "value": "n" * 10_000_001}
        ),
        "characters long",
    ),
    "body": (lambda a: a.__setitem__("body", [7]), "a body is int"),
    "status": (lambda a: a.__setitem__("kursk:status", "approved"), "kursk:status"),
    "target": (lambda a: a.__setitem__("target", 12.5), "its target is float"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_annotation_in_the_middle_is_named_in_one_line(
    exported: dict, tmp_path: Path, case: str
) -> None:
    change, message = CASES[case]
    middle = len(_items(exported)) // 2
    broken = _break(exported, middle, change)
    problems = validate_w3c(broken)
    assert len(problems) == 1 and message in problems[0], problems
    assert problems[0].startswith(f"annotation {middle + 1} ")
    path = tmp_path / "bad.jsonld"
    path.write_text(json.dumps(broken, ensure_ascii=True), "utf-8")
    with pytest.raises(UserError, match="nothing of it was stored") as info:
        check_w3c_file(path)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"a":' * 40 + b"1" + b"}" * 40, "nested more than"),
        (b'{"type": "Annotation", "n": ' + b"9" * 5000 + b"}", "too large"),
        (b'{"type": "Annotation", "n": NaN}', "NaN"),
        (b'{"type": "Annotation", "id": "\xff\xfe"}', "not UTF-8"),
        (b'{"type": "Annotation",', "not JSON"),
        (b'"just a string"', "holds no W3C annotations"),
    ],
)
def test_malformed_files_get_one_line(tmp_path: Path, raw: bytes, message: str) -> None:
    path = tmp_path / "hostile.jsonld"
    path.write_bytes(raw)
    with pytest.raises(UserError, match=message) as info:
        check_w3c_file(path)
    assert "\n" not in str(info.value)


def test_load_keeps_ordinary_unicode(exported: dict) -> None:
    raw = json.dumps(exported, ensure_ascii=False).encode("utf-8")
    assert load_w3c(raw) == exported


def test_import_of_a_file_with_a_bad_annotation_in_the_middle_stores_nothing(
    exported: dict, tmp_path: Path, cli: Run
) -> None:
    from kursk_annotator.core.store import open_store

    db = tmp_path / "target.sqlite"
    target = Workspace(open_store(str(db)), "Mark Davies")
    target.close()
    broken = _break(exported, len(_items(exported)) // 2, CASES["year 0"][0])
    path = tmp_path / "bad.jsonld"
    path.write_text(json.dumps(broken), "utf-8")
    result = cli("import-annotations", str(path), db=db, ok=False)
    assert "nothing of it was stored" in result.stderr and "not a real date" in result.stderr
    target = Workspace(open_store(str(db)), "Mark Davies")
    assert target.annotations.list() == []
    target.close()
