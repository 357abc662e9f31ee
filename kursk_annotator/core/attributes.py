"""Kind-specific annotation attributes, typed and validated.

Attributes are stored as JSON beside the annotation, so a field can be added here
without a schema migration; validation happens in these models, in one place, for the
GUI, the CLI and imports alike.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from kursk_annotator.core.errors import UserError


class Kind(StrEnum):
    CLAIM = "claim"
    FIGURE = "figure"
    PLACE = "place"


KINDS: tuple[str, ...] = tuple(k.value for k in Kind)

CREDIBILITY = ("confirmed", "probable", "possible", "doubtful", "improbable", "unknown")
QUALIFIERS = ("exact", "approximately", "almost", "at least", "up to", "over", "under")
# The Admiralty (NATO) information-credibility scale: CREDIBILITY[n - 1] is grade n.
CREDIBILITY_GRADES = {word: n for n, word in enumerate(CREDIBILITY, start=1)}
SIDES = ("Ukraine", "Russia", "North Korea", "United States", "third party", "unknown")


class _Attrs(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


def _credibility(value: object) -> object:
    """Credibility as a word; the Admiralty grades 1-6 are accepted and mapped onto it."""
    if isinstance(value, bool) or value is None:
        return value
    text = str(value).strip()
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


class _Evidence(_Attrs):
    """What claims and figures share: when it holds or was said, and how credible it is.

    ``statement`` links reports by hand: reports with the same key are one statement.
    """

    as_of: str | None = Field(default=None, max_length=40)
    credibility: str | None = None
    statement: str | None = Field(default=None, max_length=80)

    @field_validator("credibility", mode="before")
    @classmethod
    def _check_credibility(cls, value: object) -> object:
        return _credibility(value)

    @field_validator("as_of")
    @classmethod
    def _check_as_of(cls, value: str | None) -> str | None:
        return _as_of(value)


class ClaimAttrs(_Evidence):
    """Who asserts what: the speaker, their side, how credible the claim is, and when."""

    attributed_to: str | None = Field(default=None, max_length=200)
    side: str | None = Field(default=None, max_length=80)


class FigureAttrs(_Evidence):
    """A number that matters: value (or range), unit, what it counts (the measure),
    qualifier; who claims it, as of when, and the interval [low, high] it stands for
    when the words say more than a value can (``high`` absent: unbounded)."""

    # int first: 12000 stays 12000 in JSON, 1.5 stays a float.
    value: int | float | None = Field(default=None, allow_inf_nan=False)
    value_max: int | float | None = Field(default=None, allow_inf_nan=False)
    unit: str | None = Field(default=None, max_length=40)
    counts: str | None = Field(default=None, max_length=120)
    qualifier: str | None = None
    claimant: str | None = Field(default=None, max_length=200)
    low: int | float | None = Field(default=None, ge=0, allow_inf_nan=False)
    high: int | float | None = Field(default=None, ge=0, allow_inf_nan=False)

    @model_validator(mode="after")
    def _check(self) -> FigureAttrs:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(
                f"the interval's low ({self.low:g}) is above its high ({self.high:g}): "
                "give low <= high"
            )
        if self.qualifier is not None and self.qualifier not in QUALIFIERS:
            raise ValueError(f"qualifier must be one of: {', '.join(QUALIFIERS)}")
        if self.value_max is not None:
            if self.value is None:
                raise ValueError("a range needs a lower value as well as value_max")
            if self.value_max < self.value:
                raise ValueError("value_max must not be below value")
        return self


class PlaceAttrs(_Attrs):
    """A place: its canonical name and, when known, coordinates (WGS 84)."""

    canonical_name: str | None = Field(default=None, max_length=200)
    latitude: float | None = Field(default=None, ge=-90, le=90, allow_inf_nan=False)
    longitude: float | None = Field(default=None, ge=-180, le=180, allow_inf_nan=False)

    @model_validator(mode="after")
    def _check(self) -> PlaceAttrs:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("give both latitude and longitude, or neither")
        return self


ATTRIBUTE_MODELS: dict[str, type[_Attrs]] = {
    Kind.CLAIM: ClaimAttrs,
    Kind.FIGURE: FigureAttrs,
    Kind.PLACE: PlaceAttrs,
}


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise UserError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    return kind


def validate_attributes(kind: str, attributes: dict[str, Any] | None) -> dict[str, Any]:
    """Return the attributes of ``kind`` cleaned and validated, or raise UserError."""
    model = ATTRIBUTE_MODELS[check_kind(kind)]
    try:
        return model.model_validate(attributes or {}).as_json()
    except ValidationError as exc:
        raise UserError(f"invalid {kind}: {_explain(exc.errors()[0])}") from None


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
