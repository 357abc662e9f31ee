"""Kind-specific annotation attributes, typed and validated.

Attributes are stored as JSON beside the annotation, so a field can be added here
without a schema migration; validation happens in these models, in one place, for the
GUI, the CLI and imports alike. Each field says how it is shown and given on the command
line (``shown()``): the inspector's form and ``annotate``'s options are built from these
models through the kind registry (``core.kinds``), so a new field needs no other change.
"""

from __future__ import annotations

from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from kursk_annotator.core import kinds
from kursk_annotator.core.errors import UserError

CREDIBILITY = ("confirmed", "probable", "possible", "doubtful", "improbable", "unknown")
QUALIFIERS = ("exact", "approximately", "almost", "at least", "up to", "over", "under")
# The Admiralty (NATO) information-credibility scale: CREDIBILITY[n - 1] is grade n.
CREDIBILITY_GRADES = {word: n for n, word in enumerate(CREDIBILITY, start=1)}
AS_OF_HELP = (
    "when it holds or was said: YYYY-MM-DD, YYYY-MM, YYYY or START/END "
    "(default: read from the sentence, else the article's date)"
)
STATEMENT_HELP = "reports with the same key are one statement (link by hand)"
SIDES = ("Ukraine", "Russia", "North Korea", "United States", "third party", "unknown")


def shown(
    label: str,
    *,
    choices: tuple[str, ...] = (),
    open_choice: bool = False,
    option: str | None = None,
    metavar: str | None = None,
    help: str = "",
) -> dict[str, Any]:
    """How a field is shown (inspector label, list of choices) and given on the command
    line (option, default ``--field-name``); pass as ``Field(json_schema_extra=...)``."""
    extra: dict[str, Any] = {"label": label, "help": help}
    if choices:
        extra["choices"] = list(choices)
        extra["open"] = open_choice
    if option:
        extra["option"] = option
    if metavar:
        extra["metavar"] = metavar
    return extra


class AttributeModel(BaseModel):
    """The base of every kind's attributes: unknown keys refused, text stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    def as_json(self) -> dict[str, Any]:
        # mode="json": dates and other values become what JSON and the database store.
        return self.model_dump(mode="json", exclude_none=True)


def _credibility(value: object) -> object:
    """Credibility as a word; the Admiralty grades 1-6 are accepted and mapped onto it."""
    if isinstance(value, bool) or value is None:
        return value
    text = str(value).strip()
    if not text:
        return None
    if text.isdigit() and 1 <= int(text) <= len(CREDIBILITY):
        return CREDIBILITY[int(text) - 1]
    if text.lower() not in CREDIBILITY:
        raise ValueError(
            f"credibility must be one of: {', '.join(CREDIBILITY)} or a grade 1-6 (got {text!r})"
        )
    return text.lower()


def _as_of(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    from kursk_annotator.core.evidence.asof import check_as_of

    try:
        return check_as_of(value)
    except UserError as exc:
        raise ValueError(str(exc)) from None


def _credibility_field() -> Any:
    return Field(
        default=None,
        json_schema_extra=shown(
            "Credibility", choices=CREDIBILITY, metavar="LEVEL", help="a word, or a grade 1-6"
        ),
    )


def _as_of_field(label: str) -> Any:
    return Field(
        default=None,
        max_length=40,
        json_schema_extra=shown(label, option="--as-of", metavar="DATE|START/END", help=AS_OF_HELP),
    )


def _statement_field() -> Any:
    return Field(
        default=None, max_length=80, json_schema_extra=shown("Statement", help=STATEMENT_HELP)
    )


class _Evidence(AttributeModel):
    """Checks shared by claims and figures (credibility grades, as-of dates)."""

    @field_validator("credibility", mode="before", check_fields=False)
    @classmethod
    def _check_credibility(cls, value: object) -> object:
        return _credibility(value)

    @field_validator("as_of", check_fields=False)
    @classmethod
    def _check_as_of(cls, value: str | None) -> str | None:
        return _as_of(value)


class ClaimAttrs(_Evidence):
    """Who asserts what: the speaker, their side, how credible the claim is, and when
    it was said (``statement`` links reports of one statement by hand)."""

    attributed_to: str | None = Field(
        default=None, max_length=200, json_schema_extra=shown("Attributed to", metavar="WHO")
    )
    side: str | None = Field(
        default=None,
        max_length=80,
        json_schema_extra=shown("Side", choices=SIDES, open_choice=True),
    )
    credibility: str | None = _credibility_field()
    as_of: str | None = _as_of_field("Said on")
    statement: str | None = _statement_field()


class FigureAttrs(_Evidence):
    """A number that matters: what it counts (its measure), who claims it, as of when;
    value (or range), unit and qualifier; the interval [low, high] it stands for when
    the words say more than a value can (``high`` absent: no upper bound)."""

    counts: str | None = Field(
        default=None,
        max_length=120,
        json_schema_extra=shown(
            "Measure", option="--measure", metavar="NAME", help="what the figure counts"
        ),
    )
    claimant: str | None = Field(
        default=None,
        max_length=200,
        json_schema_extra=shown(
            "Claimant",
            metavar="NAME",
            help="who asserts it (default: the speaker of an enclosing claim, else the outlet)",
        ),
    )
    as_of: str | None = _as_of_field("As of")
    # int first: 12000 stays 12000 in JSON, 1.5 stays a float.
    value: int | float | None = Field(
        default=None, allow_inf_nan=False, json_schema_extra=shown("Value")
    )
    value_max: int | float | None = Field(
        default=None, allow_inf_nan=False, json_schema_extra=shown("Up to")
    )
    unit: str | None = Field(default=None, max_length=40, json_schema_extra=shown("Unit"))
    qualifier: str | None = Field(
        default=None, json_schema_extra=shown("Qualifier", choices=QUALIFIERS)
    )
    low: int | float | None = Field(
        default=None,
        ge=0,
        allow_inf_nan=False,
        json_schema_extra=shown("Interval from", help="the interval's lower end (in the unit)"),
    )
    high: int | float | None = Field(
        default=None,
        ge=0,
        allow_inf_nan=False,
        json_schema_extra=shown("Interval to", help="the interval's upper end; empty: no bound"),
    )
    credibility: str | None = _credibility_field()
    statement: str | None = _statement_field()

    @model_validator(mode="after")
    def _check(self) -> FigureAttrs:
        if self.qualifier is not None and self.qualifier not in QUALIFIERS:
            raise ValueError(f"qualifier must be one of: {', '.join(QUALIFIERS)}")
        if self.value_max is not None:
            if self.value is None:
                raise ValueError("a range needs a lower value as well as value_max")
            if self.value_max < self.value:
                raise ValueError("value_max must not be below value")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(
                f"low ({self.low:g}) is above its high ({self.high:g}): give the interval's "
                "low end first"
            )
        return self


class PlaceAttrs(AttributeModel):
    """A place: its canonical name and, when known, coordinates (WGS 84)."""

    canonical_name: str | None = Field(
        default=None, max_length=200, json_schema_extra=shown("Canonical name", metavar="NAME")
    )
    latitude: float | None = Field(
        default=None,
        ge=-90,
        le=90,
        allow_inf_nan=False,
        json_schema_extra=shown("Latitude", option="--lat"),
    )
    longitude: float | None = Field(
        default=None,
        ge=-180,
        le=180,
        allow_inf_nan=False,
        json_schema_extra=shown("Longitude", option="--lon"),
    )

    @model_validator(mode="after")
    def _check(self) -> PlaceAttrs:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("give both latitude and longitude, or neither")
        return self


def prefill(kind: str, quote: str) -> dict[str, Any]:
    """Valid attributes read from a new annotation's quote (a figure's value and unit),
    or {}: the analyst fills them in."""
    spec = kinds.find(kind)
    if spec is None:
        return {}
    try:
        return validate_attributes(kind, spec.read_quote(quote))
    except (UserError, ValueError, TypeError):
        return {}


def validate_attributes(kind: str, attributes: dict[str, Any] | None) -> dict[str, Any]:
    """Return the attributes of ``kind`` cleaned and validated, or raise UserError."""
    model = kinds.get(kind).model()
    try:
        validated = model.model_validate(attributes or {})
        if isinstance(validated, AttributeModel):
            return validated.as_json()
        return validated.model_dump(mode="json", exclude_none=True)
    except ValidationError as exc:
        raise UserError(f"invalid {kind}: {_explain(exc.errors()[0])}") from None


def attribute_problems(kind: str, attributes: dict[str, Any]) -> dict[str, str]:
    """Every problem with ``attributes`` of ``kind``, by field, for showing beside the
    field (the inspector); a problem of the whole set (a range, a pair of coordinates)
    under the key ``""``. Empty when they would be stored as given."""
    model = kinds.get(kind).model()
    try:
        model.model_validate({k: v for k, v in attributes.items() if v is not None})
    except ValidationError as exc:
        problems: dict[str, str] = {}
        for error in exc.errors():
            reason = _explain(error)
            field = str(error["loc"][0]) if error["loc"] else ""
            if not field:  # "value_max must not be below value": about value_max
                named = reason.split(" ", 1)[0]
                field = named if named in model.model_fields else ""
            problems.setdefault(field, reason)
        return problems
    return {}


def _explain(error: Any) -> str:
    """One readable clause for pydantic's first error, with what to do about it."""
    field = ".".join(str(p) for p in error["loc"])
    ctx = error.get("ctx") or {}
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"there is no attribute {field!r}: check its spelling"
    if kind in ("greater_than_equal", "less_than_equal"):
        low, high = {"latitude": (-90, 90), "longitude": (-180, 180)}.get(field, (None, None))
        if low is not None:
            return f"{field} must be between {low} and {high} (decimal degrees)"
        bound = "at least" if "greater" in kind else "at most"
        return f"{field} must be {bound} {ctx.get('ge', ctx.get('le'))}"
    if kind in ("finite_number", "float_parsing", "int_parsing", "float_type", "int_type"):
        return f"{field} must be a finite number"
    message = error["msg"].removeprefix("Value error, ")
    return f"{field}: {message}" if field else message
