"""The kinds of annotation (claim, figure, place), each declared once.

A kind is its name, the key that tags it, its colour, its attribute model, what can be
read from its quote, its section in the Word briefing and its command-line options. Every
place that lists kinds or branches on one (tagging keys, menus, legend, table, filters,
inspector, CLI, W3C exchange, briefing, palette) reads this registry, so a new kind is one
``register()`` call and one attribute model:

    register(KindSpec("event", "Event", "Events", key="V", colour="#BBCCEE",
                      attributes="my_package.events:EventAttrs"))

The attribute model is a pydantic model (``core.attributes``); its fields carry how they
are shown and given on the command line (``core.attributes.shown``). Models, quote parsers
and briefing writers are named as ``"module:attribute"`` strings and loaded on first use,
so reading the registry costs the first window no import of pydantic or python-docx.
"""

from __future__ import annotations

import importlib
import types
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from kursk_annotator.core.errors import UserError

NEUTRAL_COLOUR = "#DDDDDD"  # a kind this version does not know (Tol's pale grey)


@dataclass(frozen=True, slots=True)
class AttributeField:
    """One attribute of a kind as the inspector shows it and the command line takes it."""

    name: str  # the key in the annotation's attributes
    label: str  # "Attributed to"
    widget: str  # "text", "number", "choice" (fixed list) or "open_choice" (list or free text)
    choices: tuple[str, ...] = ()
    option: str = ""  # "--attributed-to"
    metavar: str | None = None
    help: str = ""

    @property
    def is_number(self) -> bool:
        return self.widget == "number"


@dataclass(frozen=True, slots=True)
class KindSpec:
    """Everything about one kind of annotation."""

    name: str  # stored in the database and in exchange files: never rename
    label: str  # "Claim"
    plural: str  # "Claims": menus, filters, the briefing's section and summary
    key: str  # a single key: tags the selection; Ctrl+Shift+key changes a tag to this kind
    colour: str  # "#RRGGBB", shared by the reader and the Word briefing
    attributes: str | type  # pydantic model, or "module:Model" loaded on first use
    description: str = ""  # one line: what an analyst tags with it
    # quote -> attributes read from it (prefill), or "module:function"; None: nothing read.
    quote_parser: str | Callable[[str], dict[str, Any]] | None = None
    # (body, BriefingData[, document=]) -> None writing the kind's section (one that takes
    # ``document`` gets the python-docx Document, for pictures); None: a generic table.
    briefing_section: str | Callable[..., None] | None = None
    briefing_rank: int = 100  # order of the sections in the briefing (lower first)
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def model(self) -> type:
        """The pydantic model validating this kind's attributes."""
        if "model" not in self._cache:
            self._cache["model"] = _load(self.attributes)
        return self._cache["model"]

    def fields(self) -> tuple[AttributeField, ...]:
        """The attributes, in the model's order, with how they are shown and given."""
        if "fields" not in self._cache:
            self._cache["fields"] = tuple(
                _field_of(name, info) for name, info in self.model().model_fields.items()
            )
        return self._cache["fields"]

    def read_quote(self, quote: str) -> dict[str, Any]:
        """Attributes read from the quoted text (not yet validated); {} when none."""
        if self.quote_parser is None:
            return {}
        return dict(_load(self.quote_parser)(quote))

    def section_writer(self) -> Callable[..., None] | None:
        """Writes this kind's briefing section, ``writer(body, data)``; None when the kind
        has none of its own (the briefing then writes a generic table)."""
        return None if self.briefing_section is None else _load(self.briefing_section)


_REGISTRY: dict[str, KindSpec] = {}


def register(spec: KindSpec) -> KindSpec:
    """Add a kind (after the ones already registered); its name and key must be new."""
    if spec.name in _REGISTRY:
        raise ValueError(f"kind {spec.name!r} is already registered")
    if not spec.name.isidentifier() or len(spec.name) > 16:
        raise ValueError(f"kind name {spec.name!r}: a short identifier (16 characters at most)")
    if len(spec.key) != 1 or any(k.key.upper() == spec.key.upper() for k in _REGISTRY.values()):
        raise ValueError(f"kind {spec.name!r}: key {spec.key!r} must be one unused character")
    _REGISTRY[spec.name] = spec
    return spec


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


@contextmanager
def registered(spec: KindSpec) -> Iterator[KindSpec]:
    """A kind registered for the duration of a ``with`` block (tests, plug-ins)."""
    register(spec)
    try:
        yield spec
    finally:
        unregister(spec.name)


def all_kinds() -> tuple[KindSpec, ...]:
    """Every kind, in menu order."""
    return tuple(_REGISTRY.values())


def names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def find(name: str) -> KindSpec | None:
    return _REGISTRY.get(name)


def get(name: str) -> KindSpec:
    """The kind called ``name``, or a UserError naming the kinds there are."""
    spec = _REGISTRY.get(name)
    if spec is None:
        raise UserError(f"unknown kind {name!r}: use one of {', '.join(_REGISTRY)}")
    return spec


def check_kind(name: str) -> str:
    return get(name).name


def label(name: str) -> str:
    """ "Claim"; the name itself for a kind this version does not know."""
    spec = _REGISTRY.get(name)
    return spec.label if spec else name


def plural(name: str) -> str:
    spec = _REGISTRY.get(name)
    return spec.plural if spec else name


def colour(name: str) -> str:
    """``#RRGGBB`` of the kind; pale grey for a kind this version does not know."""
    spec = _REGISTRY.get(name)
    return spec.colour if spec else NEUTRAL_COLOUR


def _load(ref: Any) -> Any:
    if not isinstance(ref, str):
        return ref
    module, _, attribute = ref.partition(":")
    return getattr(importlib.import_module(module), attribute)


def _field_of(name: str, info: Any) -> AttributeField:
    """An AttributeField from a pydantic FieldInfo and its ``json_schema_extra``."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    choices = tuple(extra.get("choices", ()))
    if choices:
        widget = "open_choice" if extra.get("open") else "choice"
    else:
        widget = "number" if _is_number(info.annotation) else "text"
    return AttributeField(
        name=name,
        label=str(extra.get("label") or name.replace("_", " ").capitalize()),
        widget=widget,
        choices=choices,
        option=str(extra.get("option") or "--" + name.replace("_", "-")),
        metavar=extra.get("metavar"),
        help=str(extra.get("help") or info.description or ""),
    )


def _is_number(annotation: Any) -> bool:
    if annotation in (int, float):
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return bool(args) and all(a in (int, float) for a in args)
    return False


# --- the kinds this product ships ----------------------------------------------------------
# Colours: Paul Tol's "light" scheme, distinct for the common kinds of colour blindness,
# light enough for black text and for print.

register(
    KindSpec(
        "claim",
        "Claim",
        "Claims",
        key="C",
        colour="#99DDFF",  # light cyan: claims are long spans, so the palest
        attributes="kursk_annotator.core.attributes:ClaimAttrs",
        description="who asserts what",
        briefing_section="kursk_annotator.core.export.briefing_evidence:write_claims",
        briefing_rank=20,
    )
)
register(
    KindSpec(
        "figure",
        "Figure",
        "Figures",
        key="F",
        colour="#EEDD88",  # light yellow
        attributes="kursk_annotator.core.attributes:FigureAttrs",
        description="a number that matters",
        quote_parser="kursk_annotator.core.figures:parse_figure",
        briefing_section="kursk_annotator.core.export.briefing_evidence:write_figures",
        briefing_rank=10,
    )
)
register(
    KindSpec(
        "place",
        "Place",
        "Places",
        key="P",
        colour="#44BB99",  # mint
        attributes="kursk_annotator.core.attributes:PlaceAttrs",
        description="a place",
        briefing_section="kursk_annotator.core.export.briefing_tables:write_places",
        briefing_rank=30,
    )
)
