"""Suggestions in the window: computed in the background, reviewed with single keys.

In the reader: N / Shift+N go to the next / previous suggestion and show it in the
Inspector with the attributes it proposes, editable; Enter accepts it (your pending
annotation, with what the Inspector holds), Backspace rejects it
(remembered for this article and you). The Suggest menu accepts all shown suggestions
of one kind after a confirmation, shows or hides each kind, and tags every occurrence of
the selected annotation's quote in the article or, after a confirmation listing them,
across the library.

Suggestions are computed in a separate process (``core.suggest.worker``: the suggesters
are pure Python and, on a thread of the app, would hold the GIL the reader needs) from
the article's text, date and the store's actors; a thread of ``run_task`` waits for the
answer with the GIL released. A result that belongs to an article no longer shown is
dropped; a process that dies or cannot start is reported in the status bar and the app
goes on. The process is shared by the app's windows and ends when the app quits.
"""

from __future__ import annotations

import atexit
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from kursk_annotator.core import kinds
from kursk_annotator.core.errors import UserError
from kursk_annotator.core.suggest.model import SUGGESTION_KINDS, Suggestion
from kursk_annotator.ui.actions import ActionSpec
from kursk_annotator.ui.suggestion_overlay import SuggestionOverlay, overlapping

if TYPE_CHECKING:
    from kursk_annotator.core.suggest.worker import SuggestionWorker
    from kursk_annotator.ui.article_state import AnnotationRow
    from kursk_annotator.ui.main_window import MainWindow
    from kursk_annotator.ui.tasks import Task


MENU = "S&uggest"
# Longer texts get no suggestions: at 10 million characters the suggesters work for
# about 20 s and bring back some 90,000 outlines (110 MiB in the window), which no one
# reviews one by one. The issue-11 bar (1 MB in <= 2 s) stays well inside the limit.
SUGGEST_LIMIT = 2_000_000

_worker: SuggestionWorker | None = None


def shared_worker() -> SuggestionWorker:
    """The app's one suggestion process (started on its first article), ended at quit."""
    global _worker
    if _worker is None:
        from kursk_annotator.core.suggest.worker import SuggestionWorker

        _worker = SuggestionWorker()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(shutdown_worker)
        atexit.register(shutdown_worker)  # no app event loop (tests, scripts)
    return _worker


def shutdown_worker() -> None:
    global _worker
    worker, _worker = _worker, None
    if worker is not None:
        worker.shutdown()


class SuggestionTools(QObject):
    computed = Signal()  # a new article's suggestions are shown

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.state = window.state
        self.overlay = SuggestionOverlay(window.reader, window.state)
        window.reader.suggestion_overlay = self.overlay
        self.inspector = window.inspector
        self.inspector.suggestion_accept_requested.connect(self.accept)
        self.inspector.suggestion_reject_requested.connect(self.reject)
        self.generation = 0
        self.computing = False
        self._all: list[Suggestion] = []
        self._longest = 0  # code points of the longest in _all
        self.task: Task | None = None  # the computation under way
        self.actions: dict[str, QAction] = {}
        self._build_menu()
        self.state.loaded.connect(self.recompute)
        self.state.added.connect(self._on_added)
        self.state.removed.connect(self._on_removed)
        if self.state.article is not None:
            self.recompute()

    # --- menu and keys -------------------------------------------------------------

    def _build_menu(self) -> None:
        """The Suggest menu, declared with the window's other actions (ui.actions)."""
        built = self.window.action_set.add(self.menu_actions())
        self.actions = {a.objectName(): a for a in built}

    def menu_actions(self) -> list[ActionSpec]:
        # N, Enter and Backspace only in the reader: they type into every other field.
        reader = ("reader",)
        specs = [
            ActionSpec("suggest_next", "&Next Suggestion", MENU,
                       lambda _w, _c: self.step(1), ("N",), local_to=reader, section="step"),
            ActionSpec("suggest_previous", "&Previous Suggestion", MENU,
                       lambda _w, _c: self.step(-1), ("Shift+N",), local_to=reader,
                       section="step"),
            ActionSpec("suggest_accept", "&Accept Suggestion", MENU,
                       lambda _w, _c: self.accept(), ("Return", "Enter"), local_to=reader,
                       section="step"),
            ActionSpec("suggest_reject", "&Reject Suggestion", MENU,
                       lambda _w, _c: self.reject(), ("Backspace",), local_to=reader,
                       section="step"),
        ]  # fmt: skip
        for kind in SUGGESTION_KINDS:
            specs.append(
                ActionSpec(
                    f"suggest_accept_all_{kind}",
                    f"Accept All Shown Suggested {kinds.plural(kind)}…",
                    MENU,
                    lambda _w, _c, k=kind: self.accept_all(k),
                    section="accept_all",
                )
            )
        for kind in SUGGESTION_KINDS:
            specs.append(
                ActionSpec(
                    f"suggest_show_{kind}",
                    f"Show Suggested {kinds.plural(kind)}",
                    MENU,
                    lambda _w, checked, k=kind: self.show_kind(k, checked),
                    checkable=True,
                    checked_when=lambda _w, k=kind: k not in self.overlay.hidden_kinds,
                    section="show",
                )
            )
        specs += [
            ActionSpec("tag_all_in_article", "Tag All &Occurrences in Article", MENU,
                       lambda _w, _c: self.tag_all_in_article(), ("Ctrl+Alt+O",),
                       section="occurrences"),
            ActionSpec("tag_all_in_library", "Tag All Occurrences in &Library…", MENU,
                       lambda _w, _c: self.tag_all_in_library(), ("Ctrl+Alt+Shift+O",),
                       section="occurrences"),
            ActionSpec("suggest_again", "Suggest &Again (Forget My Rejections)", MENU,
                       lambda _w, _c: self.forget(), section="occurrences"),
        ]  # fmt: skip
        return specs

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 8000)

    # --- computing -----------------------------------------------------------------

    def recompute(self) -> None:
        """Start computing the shown article's suggestions (the old ones go at once)."""
        self.generation += 1
        self._all = []
        self.overlay.clear()
        self.inspector.show_suggestion(None)
        if self.task is not None:
            self.task.cancel()  # its thread stops waiting; its result is dropped
            self.task = None
        article = self.state.article
        if article is None or not self.state.text or self.switched_off:
            self.computing = False
            return
        if len(self.state.text) > SUGGEST_LIMIT:
            self.computing = False
            self._say(
                f"No suggestions for this article: it is longer than {SUGGEST_LIMIT:,} "
                "characters. Tag by hand or with Tag All Occurrences."
            )
            return
        self.computing = True
        from kursk_annotator.ui.tasks import run_task

        generation, text, published = self.generation, self.state.text, article.published
        actors = self._actors()
        worker = shared_worker()

        def work(task: Task) -> list[Suggestion]:
            return worker.compute(
                text, article_date=published, actors=actors, cancelled=task.cancelled
            )

        self.task = run_task(
            work,
            lambda result, error: self._on_done(generation, result, error),
            name="suggestions",
            owner=self,
        )

    @staticmethod
    def worker_pids() -> list[int]:
        """The suggestion process's id, once started."""
        return _worker.pids() if _worker is not None else []

    def _actors(self) -> tuple:
        """The store's actors, read here (the store stays on the GUI thread) and sent
        with the text: speakers are matched to them, as by the command line."""
        ws = self.state.workspace
        if ws is None:
            return ()
        try:
            return tuple(ws.suggestions.actors())
        except UserError:
            return ()

    def _on_done(self, generation: int, result: object, error: BaseException | None) -> None:
        if generation != self.generation:
            return  # another article is shown now
        self.task = None
        self.computing = False
        if error is not None:
            self._say(f"Suggestions could not be computed: {error}")
            return
        # In text order, so what a tag covers is found by bisection (see _on_removed).
        self._all = sorted(result, key=lambda s: (s.start, s.end, s.kind))  # type: ignore[call-overload]
        self._longest = max((s.end - s.start for s in self._all), default=0)
        try:
            self._refilter()
        except UserError as exc:  # the store out of reach (a team store's lost connection)
            self._say(str(exc))
            return
        self.computed.emit()

    def _refilter(self) -> None:
        """Drop what the analyst rejected or already tagged (read from the store)."""
        article = self.state.article
        if article is None or self.state.workspace is None:
            return
        ws = self.state.workspace
        open_ = ws.suggestions.filter_open(article.id, ws.analyst, self._all)
        self.overlay.set_items(open_)
        self._inspect(self.overlay.current_item)

    def _on_added(self, row: AnnotationRow) -> None:
        """A tag of one's own hides the suggestions of its kind that it overlaps: worked
        out from the new row alone, since reading every tag again costs more the larger
        the article, on every single tag."""
        ws = self.state.workspace
        if ws is None or row.analyst != ws.analyst.name:
            return
        covered = self.overlay.overlapping(row.kind, row.start, row.end)
        for suggestion in covered:
            self.overlay.remove(suggestion)
        if self.inspector.suggestion in covered:
            self.inspector.show_suggestion(None)  # the new tag, selected, is shown

    def _on_removed(self, row: AnnotationRow) -> None:
        """A tag of one's own removed (an undo, a delete) shows the suggestions it hid
        again: those of its kind it overlapped, unless another of one's tags covers them
        or they were rejected. Worked out from the row and the article's tags in memory:
        reading every tag again took 100-200 ms per undo on a long article."""
        ws, article = self.state.workspace, self.state.article
        if ws is None or article is None or row.analyst != ws.analyst.name:
            return
        candidates = [
            s
            for s in overlapping(self._all, self._longest, row.kind, row.start, row.end)
            if not self.overlay.holds(s)
        ]
        if not candidates:
            return
        lo, hi = min(s.start for s in candidates), max(s.end for s in candidates)
        mine = [
            (a.start, a.end)
            for a in self.state.annotations.values()
            if a.kind == row.kind and a.start < hi and lo < a.end and a.analyst == row.analyst
        ]
        rejected = ws.suggestions.rejected(article.id, ws.analyst)
        back = [
            s
            for s in candidates
            if s.key not in rejected and not any(a < s.end and s.start < b for a, b in mine)
        ]
        if back:
            self.overlay.add(back)

    # --- reviewing -----------------------------------------------------------------

    def step(self, direction: int) -> Suggestion | None:
        reader = self.window.reader
        found = self.overlay.step(direction, reader.textCursor().position())
        if found is None:
            self._say(
                "Suggestions are still being computed."
                if self.computing
                else "No suggestions left in this article (shown kinds)."
            )
            self.inspector.show_suggestion(None)
            return None
        to_u16 = self.state.utf16.to_utf16
        cursor = reader.textCursor()
        cursor.setPosition(to_u16(found.start))
        reader.setTextCursor(cursor)
        reader.centerCursor()
        self._inspect(found)
        return found

    def _inspect(self, suggestion: Suggestion | None) -> None:
        """Show the current suggestion in the Inspector (None: back to the annotation)."""
        self.inspector.show_suggestion(suggestion)
        if suggestion is not None:
            self.window.inspector_dock.raise_()

    def accept(self) -> None:
        suggestion = self.overlay.current_item
        if suggestion is None or self.state.article is None:
            self._say("No suggestion chosen: press N for the next one.")
            return
        try:
            shown = self.inspector.suggestion == suggestion
            attributes = self.inspector.suggestion_attributes() if shown else None
        except UserError as exc:
            self._say(str(exc))
            return
        if attributes is None:
            from kursk_annotator.core.suggest.service import annotation_attributes

            attributes = annotation_attributes(suggestion)
        self._create(suggestion, attributes)
        self.overlay.remove(suggestion)
        self._show_current()

    def _create(self, suggestion: Suggestion, attributes: dict) -> None:
        from kursk_annotator.ui.undo_commands import CreateAnnotation

        command = CreateAnnotation(
            self.state,
            self.state.article.id,  # type: ignore[union-attr]
            suggestion.kind,
            suggestion.start,
            suggestion.end,
            attributes,
        )
        self.window.undo_stack.push(command)

    def reject(self) -> None:
        suggestion = self.overlay.current_item
        article = self.state.article
        if suggestion is None or article is None or self.state.workspace is None:
            self._say("No suggestion chosen: press N for the next one.")
            return
        ws = self.state.workspace
        try:
            ws.suggestions.reject(article.id, ws.analyst, suggestion)
        except UserError as exc:
            self._say(str(exc))
            return
        self.overlay.remove(suggestion)
        self._show_current()
        self._say(f"Rejected: it will not be suggested to {ws.analyst_name} again here.")

    def _show_current(self) -> None:
        current = self.overlay.current_item
        self._inspect(current)
        if current is not None:
            cursor = self.window.reader.textCursor()
            cursor.setPosition(self.state.utf16.to_utf16(current.start))
            self.window.reader.setTextCursor(cursor)
            self.window.reader.centerCursor()

    def accept_all(self, kind: str, confirm: bool = True) -> int:
        """Accept every shown suggestion of ``kind`` (one undo step)."""
        from kursk_annotator.core.suggest.service import annotation_attributes

        items = self.overlay.shown_items(kind)
        if not items or self.state.article is None:
            self._say(f"No suggested {kinds.plural(kind).lower()} to accept.")
            return 0
        if confirm:
            answer = QMessageBox.question(
                self.window,
                "Accept suggestions",
                f"Store {len(items)} suggested {kinds.plural(kind).lower()} as your pending "
                "annotations? (Ctrl+Z takes them back.)",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return 0
        stack = self.window.undo_stack
        stack.beginMacro(f"Accept {len(items)} suggested {kinds.plural(kind).lower()}")
        try:
            for s in items:
                self._create(s, annotation_attributes(s))
        finally:
            stack.endMacro()
        for s in items:
            self.overlay.remove(s)
        self._show_current()
        return len(items)

    @property
    def switched_off(self) -> bool:
        """Every kind hidden: nothing is computed."""
        return set(SUGGESTION_KINDS) <= self.overlay.hidden_kinds

    def show_kind(self, kind: str, shown: bool) -> None:
        was_off = self.switched_off
        if shown:
            self.overlay.hidden_kinds.discard(kind)
        else:
            self.overlay.hidden_kinds.add(kind)
            current = self.overlay.current_item
            if current is not None and current.kind == kind:
                self.overlay.current = None
                self.inspector.show_suggestion(None)
        self.window.action_set.update_checked()  # Suggest -> Show ... follows
        if self.switched_off != was_off:
            self.recompute()  # all off: stop computing; one back on: compute again
        self.window.reader.viewport().update()

    def forget(self) -> None:
        article = self.state.article
        if article is None or self.state.workspace is None:
            return
        ws = self.state.workspace
        dropped = ws.suggestions.forget_rejections(article.id, ws.analyst)
        self._refilter()
        self._say(f"{dropped} rejected suggestions are proposed again.")

    # --- tag every occurrence ------------------------------------------------------

    def _model_annotation(self):
        info = self.state.selected_annotation
        if info is None:
            self._say("Select an annotation first: its quote is what gets tagged everywhere.")
        return info

    @staticmethod
    def occurrences(text: str, quote: str) -> list[tuple[int, int]]:
        """Whole-word occurrences of ``quote`` in ``text``."""
        pattern = re.compile(rf"(?<!\w){re.escape(quote)}(?!\w)")
        return [(m.start(), m.end()) for m in pattern.finditer(text)]

    def _untagged(self, article_id: int, text: str, kind: str, quote: str):
        ws = self.state.workspace
        mine = [
            (a.start, a.end)
            for a in ws.annotations.list(article_id=article_id, kinds=[kind])
            if a.analyst == ws.analyst_name
        ]
        return [
            (s, e)
            for s, e in self.occurrences(text, quote)
            if not any(s < b and a < e for a, b in mine)
        ]

    def tag_all_in_article(self) -> int:
        info = self._model_annotation()
        if info is None or self.state.article is None:
            return 0
        full = self.state.workspace.annotations.get(info.id)
        spans = self._untagged(self.state.article.id, self.state.text, info.kind, info.quote)
        if not spans:
            self._say(f"Every occurrence of “{info.quote[:40]}” is already tagged.")
            return 0
        stack = self.window.undo_stack
        stack.beginMacro(f"Tag {len(spans)} occurrences of “{info.quote[:30]}”")
        try:
            for start, end in spans:
                self._create(
                    Suggestion(info.kind, start, end, info.quote, 1.0), dict(full.attributes)
                )
        finally:
            stack.endMacro()
        self._say(f"Tagged {len(spans)} more occurrences of “{info.quote[:40]}”.")
        return len(spans)

    def library_occurrences(self, kind: str, quote: str) -> list[tuple[object, list]]:
        """(article, untagged spans) for every article holding ``quote``."""
        ws = self.state.workspace
        out = []
        for article in ws.articles.list():
            text = ws.annotations.article_text(article.id)
            if quote not in text:
                continue
            spans = self._untagged(article.id, text, kind, quote)
            if spans:
                out.append((article, spans))
        return out

    def tag_all_in_library(self, confirm: bool = True) -> int:
        info = self._model_annotation()
        if info is None:
            return 0
        ws = self.state.workspace
        full = ws.annotations.get(info.id)
        found = self.library_occurrences(info.kind, info.quote)
        total = sum(len(spans) for _a, spans in found)
        if not total:
            self._say(f"No untagged occurrence of “{info.quote[:40]}” in the library.")
            return 0
        if confirm:
            listing = "\n".join(f"• {a.title[:70]}: {len(spans)}" for a, spans in found[:25])
            more = f"\n… and {len(found) - 25} more articles" if len(found) > 25 else ""
            answer = QMessageBox.question(
                self.window,
                "Tag all occurrences",
                f"Tag {total} occurrences of “{info.quote[:60]}” as "
                f"{kinds.label(info.kind).lower()} in {len(found)} articles?\n\n{listing}{more}"
                "\n\nThey are stored as your pending annotations (not undoable).",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return 0
        for article, spans in found:
            ws.annotations.bulk_create(
                article.id,
                [
                    {"kind": info.kind, "start": s, "end": e, "attributes": dict(full.attributes)}
                    for s, e in spans
                ],
                ws.analyst,
            )
        if self.state.article is not None:
            self.state.refresh(self.state.article)
        self._say(f"Tagged {total} occurrences in {len(found)} articles.")
        return total


def install_suggestion_tools(window: MainWindow) -> SuggestionTools:
    return SuggestionTools(window)
