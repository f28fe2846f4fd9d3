"""Reading the workspace: a kind's items, a register's data for its completeness, and
per link of the framework where its register stands."""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django_scopes import scope

from ritsen.collaborations.access import Access
from ritsen.collaborations.models import Collaboration, Party
from ritsen.frameworks.spec import Link
from ritsen.results.marks import ChartMark

from . import crosschecks, exit, visibility
from .actions import ACTIONS_ON_EXIT, Action, AgendaOutcome
from .completeness import Completeness, PartyRef, RegisterData
from .crosschecks import Inconsistency
from .registers import registry
from .registers.base import ItemKind, Register, RegisterItem


def related_columns(kind: ItemKind) -> list[str]:
    """The columns of ``kind`` that name another row (to fetch in the same query): a
    party with its organisation (its name), and what the kind declares it reads more."""
    names = []
    for name in kind.columns:
        field = kind.model._meta.get_field(name)
        if field.is_relation:
            names.append(f"{name}__organisation" if field.related_model is Party else name)
    return [*names, *kind.related]


def items(access: Access, kind: ItemKind) -> QuerySet[RegisterItem]:
    """The kind's items in this collaboration that this person sees, in their order."""
    query = kind.model._default_manager.filter(collaboration=access.collaboration)
    query = visibility.visible(access, kind, registry.kind(kind.key)[1], query)
    related = related_columns(kind)
    if related:
        query = query.select_related(*related)
    if kind.consent:
        query = query.prefetch_related("acceptances")  # type: ignore[misc]
    return query


def _row(kind: ItemKind, row: dict) -> dict:
    """A stored item as plain data, foreign keys under their field's name (the id)."""
    for model_field in kind.model._meta.concrete_fields:
        if model_field.is_relation:
            row[model_field.name] = row.get(model_field.attname)
    row.setdefault("party", row.get(kind.party_field))
    return row


def register_data(access: Access, register: Register) -> RegisterData:
    return register_data_of(access.collaboration, access.parties(), register)


def register_data_of(
    collaboration: Collaboration, parties: Sequence[Party], register: Register
) -> RegisterData:
    refs = [PartyRef(party.pk, party.name, party.role) for party in parties]
    rows = {
        kind.key: [
            _row(kind, dict(row))
            for row in kind.model._default_manager.filter(collaboration=collaboration).values()
        ]
        for kind in [*register.kinds, *(registry.kind(key)[0] for key in register.reads)]
    }
    if register.sheet is not None:
        # Every party's sheet and private items are read, only to compute completeness:
        # until every party has shared, what it returns names who has not shared, never
        # anything a sheet or a private item says.
        with scope(party=[party.pk for party in parties]):
            rows["sheets"] = [
                {**row, "party": row["party_id"]}
                for row in register.sheet._default_manager.filter(
                    party__collaboration=collaboration
                ).values()
            ]
    return RegisterData(parties=refs, items=rows, today=timezone.localdate())


def visible_data(access: Access, kind_keys: Sequence[str]) -> RegisterData:
    """The items of ``kind_keys`` this person sees, as plain data with each item in
    words under ``label`` (for the cross-checks and exit readiness)."""
    rows: dict[str, list[dict]] = {}
    for key in kind_keys:
        kind = registry.kind(key)[0]
        rows[key] = [
            {
                **_row(
                    kind,
                    {f.attname: getattr(item, f.attname) for f in kind.model._meta.concrete_fields},
                ),
                "label": str(item),
            }
            for item in items(access, kind)
        ]
    refs = [PartyRef(party.pk, party.name, party.role) for party in access.parties()]
    return RegisterData(parties=refs, items=rows, today=timezone.localdate())


def edit_url(access: Access, kind_key: str, item_id: int) -> str:
    """Where an item of ``kind_key`` is changed (a cross-check's or exit task's link)."""
    return reverse(f"workspace:{kind_key}_edit", args=[access.collaboration.pk, item_id])


def inconsistencies(access: Access) -> list[tuple[Inconsistency, str]]:
    """The workspace's inconsistencies between registers, each with the URL to fix it."""
    found = crosschecks.inconsistencies(visible_data(access, crosschecks.KINDS))
    return [(entry, edit_url(access, entry.kind, entry.item)) for entry in found]


def exit_plan(access: Access, party: Party) -> list[exit.ExitPart]:
    """Per register, and for the actions, what happens to its items if ``party`` leaves."""
    return exit_plans(access, [party])[party.pk]


def exit_plans(access: Access, parties: Sequence[Party]) -> dict[int, list[exit.ExitPart]]:
    """:func:`exit_plan` for each of ``parties``, reading the items once for all."""
    registers = [
        entry
        for link in access.collaboration.framework.spec.links
        if (entry := registry.for_link(link.key)) is not None
    ]
    keys = {rule.kind for entry in registers for rule in entry.on_exit if rule.kind}
    keys |= {rule.kind for rule in ACTIONS_ON_EXIT}
    data = visible_data(access, sorted(keys))
    return {
        party.pk: [
            *(
                exit.ExitPart(
                    str(entry.title), entry.key, exit.tasks(entry.on_exit, data, party.pk)
                )
                for entry in registers
            ),
            exit.ExitPart(
                gettext("Actions"), "actions", exit.tasks(ACTIONS_ON_EXIT, data, party.pk)
            ),
        ]
        for party in parties
    }


def completeness_of(access: Access, register: Register) -> Completeness:
    return register.completeness(register_data(access, register))


@dataclass(frozen=True)
class LinkStanding:
    link: Link
    register: Register | None
    completeness: Completeness | None  # None: this link's register is not built yet


def workspace_overview(access: Access) -> list[LinkStanding]:
    """Per link of the collaboration's framework: its register and how complete it is."""
    standings = []
    for link in access.collaboration.framework.spec.links:
        register = registry.for_link(link.key)
        standings.append(
            LinkStanding(
                link=link,
                register=register,
                completeness=completeness_of(access, register) if register else None,
            )
        )
    return standings


def naming(kind: ItemKind, party: Party) -> Q | None:
    """The items of ``kind`` that name ``party`` in one of their party fields (an item
    naming it twice is one item); None: the kind has no party field."""
    names = [
        name
        for name in kind.fields
        if getattr(kind.model._meta.get_field(name), "related_model", None) is Party
    ]
    if not names:
        return None
    return functools.reduce(operator.or_, (Q(**{name: party}) for name in names))


def party_items(party: Party) -> list[str]:
    """What the workspace holds of a party, in words (a party that holds something is
    not removed: ``collaborations.services.party_holdings``). A party's private items
    and sheets are not counted — the number would tell how many it has — only named."""
    count, private = 0, False
    for kind, _register in registry.kinds():
        names_it = naming(kind, party)
        if names_it is None:
            continue
        found = kind.model._default_manager.filter(names_it).count()
        if kind.private:
            private = private or found > 0
        else:
            count += found
    for entry in registry.registers():
        if entry.sheet is not None:  # a private sheet, shared or not, is held too
            with scope(party=[party.pk]):
                private = private or entry.sheet._default_manager.filter(party=party).exists()
    words = []
    if count:
        words.append(
            ngettext("%(count)s workspace item", "%(count)s workspace items", count)
            % {"count": count}
        )
    if private:
        words.append(gettext("its own workspace data"))
    return words


def actions(access: Access) -> QuerySet[Action]:
    return Action.objects.filter(collaboration=access.collaboration).select_related(
        "owner_party__organisation", "owner"
    )


def completeness_by_link(access: Access) -> dict[str, Completeness | None]:
    """Per link key, how complete its register is (None: not built yet) — the mark next
    to each link's scores."""
    return {s.link.key: s.completeness for s in workspace_overview(access)}


def chart_mark(completeness: Completeness | None) -> ChartMark:
    """How the zipper picture shows a link's register: complete, half, barely, or not
    available yet (never 0 % for a register that is not built)."""
    if completeness is None:
        return ChartMark(gettext("register: not available yet"), "missing")
    text = gettext("register %(percent)s%%") % {"percent": completeness.percent}
    if completeness.complete:
        return ChartMark(text, "strong")
    return ChartMark(text, "attention" if completeness.percent >= 50 else "weak")


def outcomes(access: Access, round_: Any) -> dict[str, AgendaOutcome | dict]:
    """Per link key of the framework, the joint session's outcome for that agenda item
    of ``round_`` (an empty one where nothing was noted yet)."""
    found = {
        outcome.link_key: outcome
        for outcome in AgendaOutcome.objects.filter(
            collaboration=access.collaboration, round=round_
        )
    }
    return {
        link.key: found.get(link.key, {"note": ""})
        for link in access.collaboration.framework.spec.links
    }
