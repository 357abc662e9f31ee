"""``annotate``'s attribute options, built from the kinds' attribute models (core.kinds):
one option per attribute, shared by the kinds that have it (``--claimant`` for claims and
figures alike)."""

from __future__ import annotations

import argparse

from kursk_annotator.core import kinds


def attribute_options() -> dict[str, tuple[str, list[kinds.KindSpec]]]:
    """Each attribute option of ``annotate`` (``--lat``): its attribute and the kinds that
    have it. Kinds sharing an attribute share its option."""
    options: dict[str, tuple[str, list[kinds.KindSpec]]] = {}
    for kind in kinds.all_kinds():
        for f in kind.fields():
            options.setdefault(f.option, (f.name, []))[1].append(kind)
    return options


# Earlier names of attribute options, still accepted.
OPTION_ALIASES = {"--measure": ("--counts",)}


def add_attribute_options(p: argparse.ArgumentParser) -> None:
    """One group of options per kind, built from the kinds' attribute models."""
    shared = attribute_options()
    groups: dict[str, argparse._ArgumentGroup] = {}
    for option, (name, owners) in shared.items():
        title = " and ".join(k.name for k in owners) + " attributes"
        group = groups.get(title) or groups.setdefault(title, p.add_argument_group(title))
        f = next(f for f in owners[0].fields() if f.name == name)
        choices = f" ({', '.join(f.choices)})" if f.choices and f.widget == "choice" else ""
        group.add_argument(
            option,
            *OPTION_ALIASES.get(option, ()),
            dest=f"attr_{name}",
            metavar=f.metavar or option.lstrip("-").upper().replace("-", "_"),
            type=float if f.is_number else str,
            help=(f.help + choices) or None,
        )
