"""core.listings reads what the ORM models read: same columns, same types, same records."""

from __future__ import annotations

from kursk_annotator.core import listings
from kursk_annotator.core.models import Analyst, Annotation, Article
from kursk_annotator.core.workspace import Workspace


def test_light_tables_match_the_models() -> None:
    for light, model in (
        (listings.ARTICLE, Article),
        (listings.ANNOTATION, Annotation),
        (listings.ANALYST, Analyst),
    ):
        table = model.__table__  # type: ignore[attr-defined]
        assert light.name == table.name
        for column in light.c:
            assert column.name in table.c, f"{light.name}.{column.name} is not stored"
            assert type(column.type) is type(table.c[column.name].type), column.name
    assert set(listings.ARTICLE.c.keys()) == set(Article.__table__.c.keys())  # type: ignore[attr-defined]
    assert set(listings.ANNOTATION.c.keys()) == set(Annotation.__table__.c.keys())  # type: ignore[attr-defined]


def test_listings_give_what_the_orm_rows_hold(sample_workspace: Workspace) -> None:
    ws = sample_workspace
    articles = listings.list_articles(ws.store)
    assert [a.id for a in articles] == sorted(a.id for a in articles) and len(articles) == 5
    for info in articles:
        stored = ws.articles.get(info.id)
        row = listings.article_row(ws.store, info.id)
        assert info.title == stored.title and info.published == stored.published
        assert info.length == len(stored.text) and info.imported_at == stored.imported_at
        for column in listings.ARTICLE.c:
            assert getattr(row, column.name) == getattr(stored, column.name), column.name
    # Counts: live, not rejected annotations per kind, as the annotation list has them.
    live = [a for a in ws.annotations.list() if a.status != "rejected"]
    counts = listings.kind_counts(ws.store)
    assert sum(sum(c.values()) for c in counts.values()) == len(live) > 0
    for a in live[:20]:
        assert counts[a.article_id][a.kind] == sum(
            1 for b in live if (b.article_id, b.kind) == (a.article_id, a.kind)
        )


def test_stream_matches_the_orm_rows(sample_workspace: Workspace) -> None:
    ws = sample_workspace
    infos = list(listings.stream_annotations(ws.store, article_id=2))
    assert infos and all(i.article_id == 2 for i in infos)
    for info in infos:
        with ws.store.session() as session:
            row = session.get(Annotation, info.id)
            analyst = session.get(Analyst, row.analyst_id)
        assert (info.uid, info.kind, info.start, info.end, info.quote) == (
            row.uid,
            row.kind,
            row.start_offset,
            row.end_offset,
            row.quote,
        )
        assert info.attributes == row.attributes and info.analyst == analyst.name
        assert info.created == row.created_at and info.updated == row.updated_at
    assert [i.start for i in infos] == sorted(i.start for i in infos)
    claims = list(listings.stream_annotations(ws.store, kinds=["claim"], statuses=["pending"]))
    assert claims and {(c.kind, c.status) for c in claims} == {("claim", "pending")}
