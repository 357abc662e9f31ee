"""One open store plus the current analyst: what the GUI and every CLI command use."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from kursk_annotator.core.analyst_name import default_analyst_name
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.store import Store, open_store

if TYPE_CHECKING:
    from kursk_annotator.core.evidence.registry import EvidenceRegistry
    from kursk_annotator.core.models import Analyst
    from kursk_annotator.core.services.analysts import AnalystService
    from kursk_annotator.core.services.annotations import AnnotationService
    from kursk_annotator.core.services.articles import ArticleService
    from kursk_annotator.core.services.history import HistoryService
    from kursk_annotator.core.services.imports import ImportService
    from kursk_annotator.core.services.reviews import ReviewService
    from kursk_annotator.core.suggest.service import SuggestionService


class Workspace:
    """The store and its services. Each service is made (and its module imported) on
    first use: a command that only lists never defines the tables' ORM classes nor the
    attribute and evidence models (core/listings.py reads without them)."""

    def __init__(self, store: Store, analyst_name: str | None = None) -> None:
        self.store = store
        self._analyst: Analyst | None = None
        if store.team:
            if analyst_name is not None:
                raise UserError(
                    "--analyst does not apply to a team store: you are the database login "
                    "you connect as (leave --analyst out)"
                )
            from kursk_annotator.core.team.identity import login_analyst

            self._analyst = login_analyst(store)
            self.analyst_name = self._analyst.name
        else:
            self.analyst_name = default_analyst_name(analyst_name)

    @cached_property
    def analysts(self) -> AnalystService:
        from kursk_annotator.core.services.analysts import AnalystService

        return AnalystService(self.store)

    @cached_property
    def articles(self) -> ArticleService:
        from kursk_annotator.core.services.articles import ArticleService

        return ArticleService(self.store)

    @cached_property
    def annotations(self) -> AnnotationService:
        from kursk_annotator.core.services.annotations import AnnotationService

        return AnnotationService(self.store)

    @cached_property
    def reviews(self) -> ReviewService:
        from kursk_annotator.core.services.reviews import ReviewService

        return ReviewService(self.store, self.annotations)

    @cached_property
    def history(self) -> HistoryService:
        from kursk_annotator.core.services.history import HistoryService

        return HistoryService(self.store)

    @cached_property
    def imports(self) -> ImportService:
        from kursk_annotator.core.services.imports import ImportService

        return ImportService(self.store)

    @cached_property
    def evidence(self) -> EvidenceRegistry:
        from kursk_annotator.core.evidence.registry import EvidenceRegistry

        return EvidenceRegistry(self.store)

    @property
    def suggestions(self) -> SuggestionService:
        """Suggested figures, places and claims (loaded on first use: the gazetteer and
        its patterns cost nothing to commands that do not suggest)."""
        from kursk_annotator.core.suggest.service import SuggestionService

        return SuggestionService(self.store, self.annotations)

    @property
    def analyst(self) -> Analyst:
        """The current analyst, stored on first use (read-only commands write nothing)."""
        if self._analyst is None:
            self._analyst = self.analysts.ensure(self.analyst_name)
        return self._analyst

    def switch_analyst(self, name: str) -> Analyst:
        if self.store.team:
            raise UserError(
                "on a team store you are the database login you connect as: "
                "connect with another login to act as another analyst"
            )
        self._analyst = self.analysts.ensure(name)
        self.analyst_name = self._analyst.name
        return self._analyst

    def close(self) -> None:
        self.store.close()


def open_workspace(db: str | None = None, analyst: str | None = None) -> Workspace:
    """Open the store (the default one gets the sample corpus on first start)."""
    store = open_store(db)
    if store.is_default and store.path is not None:
        _finish_first_start(store)
    return Workspace(store, analyst)


def _finish_first_start(store: Store) -> None:
    """Give a new default store the sample corpus, to the end even if the first start was
    cut short: a marker beside the store stays until every sample is in, and the next
    start finishes the (idempotent) load."""
    assert store.path is not None
    marker = store.path.with_name(store.path.name + ".samples-pending")
    if store.created:
        from kursk_annotator.core.atomic_file import write_text_atomic

        write_text_atomic(marker, "the sample corpus is being loaded into this store\n")
    if marker.exists():
        from kursk_annotator.core.samples import load_samples

        load_samples(store)
        marker.unlink()
