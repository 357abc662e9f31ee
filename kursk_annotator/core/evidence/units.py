"""Units and dimensions: what a figure's unit measures and how it converts.

A measure has a dimension and a canonical unit; a figure's value is converted into the
measure's unit before it is compared ("almost 500 sq mi" and "1,300 km²" are both areas).
Counted things (troops, tanks, settlements) convert one to one within their dimension:
"12,000 troops" and "12,000 soldiers" count the same people.
"""

from __future__ import annotations

from kursk_annotator.core.errors import UserError

DIMENSIONS = ("area", "length", "people", "equipment", "share", "duration", "other count")

# unit -> (dimension, factor to the dimension's base unit)
UNITS: dict[str, tuple[str, float]] = {
    "km²": ("area", 1.0),
    "sq mi": ("area", 2.589988110336),
    "ha": ("area", 0.01),
    "m²": ("area", 1e-6),
    "km": ("length", 1.0),
    "mi": ("length", 1.609344),
    "m": ("length", 0.001),
    "people": ("people", 1.0),
    "troops": ("people", 1.0),
    "officers": ("people", 1.0),
    "prisoners": ("people", 1.0),
    "generals": ("people", 1.0),
    "vehicles": ("equipment", 1.0),
    "tanks": ("equipment", 1.0),
    "systems": ("equipment", 1.0),
    "drones": ("equipment", 1.0),
    "aircraft": ("equipment", 1.0),
    "helicopters": ("equipment", 1.0),
    "units": ("equipment", 1.0),
    "%": ("share", 1.0),
    "h": ("duration", 1.0),
    "days": ("duration", 24.0),
    "weeks": ("duration", 168.0),
    "months": ("duration", 730.0),
    "years": ("duration", 8766.0),
    "settlements": ("other count", 1.0),
    "villages": ("other count", 1.0),
    "clashes": ("other count", 1.0),
    "brigades": ("other count", 1.0),
    "battalions": ("other count", 1.0),
}
BASE_UNIT = {
    "area": "km²",
    "length": "km",
    "people": "people",
    "equipment": "items",
    "share": "%",
    "duration": "h",
    "other count": "",
}


def dimension_of(unit: str | None) -> str | None:
    """The dimension of a known unit; None for a unit we do not know (or none)."""
    if not unit:
        return None
    known = UNITS.get(unit.strip())
    return known[0] if known else None


def check_dimension(dimension: str) -> str:
    if dimension not in DIMENSIONS:
        raise UserError(f"unknown dimension {dimension!r}: use one of {', '.join(DIMENSIONS)}")
    return dimension


def convert(value: float, unit: str | None, target: str | None) -> float:
    """``value`` in ``unit`` expressed in ``target``; unknown or equal units pass through."""
    if not unit or not target or unit == target:
        return value
    source, goal = UNITS.get(unit), UNITS.get(target)
    if source is None or goal is None or source[0] != goal[0]:
        return value
    return value * source[1] / goal[1]


def check_unit_fits(unit: str | None, dimension: str | None, measure: str) -> None:
    """Refuse a unit whose dimension differs from the measure's (km for an area)."""
    have = dimension_of(unit)
    if have is None or dimension is None or have == dimension:
        return
    # Counted things of an "other count" measure may be counted in people or items too.
    counted = ("people", "equipment", "other count")
    if dimension == "other count" and have in counted:
        return
    if True:
        raise UserError(
            f"unit {unit!r} measures {have}, but measure {measure!r} counts {dimension}: "
            f"give a unit of {dimension} or choose another measure"
        )
