"""Analyst names are stored in one clean form, and look-alikes of existing names are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from kursk_annotator.core.errors import UserError
from kursk_annotator.core.names import check_confusable, confusable_key, normalise_name
from kursk_annotator.core.services.articles import NewArticle
from kursk_annotator.core.workspace import Workspace
from tests.robustness.conftest import Run


def test_normalise_name_removes_invisible_characters_and_composes() -> None:
    assert normalise_name("Olena\u202e Kovalchuk\u200b") == "Olena Kovalchuk"
    assert normalise_name("Jose\u0301\tMarti\u0301\n") == "José Martí"
    assert normalise_name("\x1b[31mMark\x07 Davies") == "[31mMark Davies"
    with pytest.raises(UserError, match="empty"):
        normalise_name("\u200b\u2066\u202e ")
    with pytest.raises(UserError, match="longer than 120"):
        normalise_name("x" * 121)


def test_confusable_key_folds_look_alikes_but_keeps_real_cyrillic_names_apart() -> None:
    assert confusable_key("Olena Kovalchuk") == confusable_key(
        "Оlеna Коvalchuk"
    )  # Cyrillic О е К о
    assert confusable_key("Olena Kovalchuk") == confusable_key("OLENA  KOVAICHUK")
    assert confusable_key("Mark Davies") == confusable_key("Mark Davíes")
    assert confusable_key("Olena Kovalchuk") != confusable_key("Олена Ковальчук")
    assert confusable_key("Mark Davies") != confusable_key("Mark Davis")
    check_confusable("Olena Kovalchuk", ["Olena Kovalchuk", "Mark Davies"])  # itself is fine


def test_analyst_look_alike_refused_and_invisible_variant_is_the_same_person(
    workspace: Workspace,
) -> None:
    olena = workspace.analysts.ensure("Olena Kovalchuk")
    assert workspace.analysts.ensure("Olena\u200b Kovalchuk\u202c").id == olena.id
    for fake in ("Оlena Kovalchuk", "olena kovalchuk", "Olena KovaIchuk"):
        with pytest.raises(UserError, match="looks like the existing 'Olena Kovalchuk'"):
            workspace.analysts.ensure(fake)
    assert workspace.analysts.ensure("Олена Ковальчук").id != olena.id
    assert [a.name for a in workspace.analysts.all()] == ["Olena Kovalchuk", "Олена Ковальчук"]


def test_cli_look_alike_analyst_gets_one_line_and_nothing_is_stored(
    tmp_path: Path, cli: Run, workspace: Workspace
) -> None:
    db = workspace.store.path
    assert db is not None
    article = workspace.articles.add(NewArticle(text="Sudzha was taken.", title="T"))
    workspace.analysts.ensure("Mark Davies")
    args = ("annotate", str(article.id), "--kind", "place", "--quote", "Sudzha")
    result = cli("--analyst", "Mark Dаvies", *args, db=db, ok=False)  # Cyrillic а
    assert result.returncode == 2
    assert "looks like the existing 'Mark Davies'" in result.stderr
    assert workspace.annotations.list() == []
    cli("--analyst", "Mark\u202e Davies", *args, db=db)
    assert [a.analyst for a in workspace.annotations.list()] == ["Mark Davies"]


def test_actor_names_are_normalised_and_look_alikes_refused(workspace: Workspace) -> None:
    registry = workspace.evidence
    mod = registry.ensure_actor("Russian\u202e Ministry of Defence\u200b", aliases=["MoD"])
    assert mod.name == "Russian Ministry of Defence"
    with pytest.raises(UserError, match="looks like the existing 'Russian Ministry of Defence'"):
        registry.ensure_actor("Russian Мinistry of Defence")  # Cyrillic М
    with pytest.raises(UserError, match="looks like the existing 'MoD'"):
        registry.ensure_actor("M0D")
    assert [a.name for a in registry.actors()] == ["Russian Ministry of Defence"]
    # An annotation naming a look-alike claimant is refused too, and nothing is stored.
    article = workspace.articles.add(NewArticle(text="The ministry said Sudzha fell.", title="T"))
    with pytest.raises(UserError, match="looks like the existing"):
        workspace.annotations.create(
            article.id, "claim", 0, 12, workspace.analyst,
            attributes={"attributed_to": "Russian Ministry оf Defence"},
        )  # fmt: skip
    assert workspace.annotations.list() == []
