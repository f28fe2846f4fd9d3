"""The workspace as a document, for everyone in the collaboration: the round report's
appendix, the draft collaboration agreement (PDF) and the workbook (XLSX).

What is in it is what everyone in the collaboration sees — never a party's private
items before every party has shared them (``visibility``), never anyone's email
address. Each item reads as on the pages (``display.cell``). The caller chooses the
language (``translation.override``).
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ritsen.collaborations import sharing
from ritsen.collaborations.models import Collaboration, Party
from ritsen.frameworks.spec import Link

from . import selectors, visibility
from .actions import ACTIONS, Action
from .completeness import Completeness
from .display import cell
from .registers import registry
from .registers.agreements import AgreementState
from .registers.base import ItemKind, Register, RegisterItem
from .registers.culture import TYPES, CultureProfile, differences, large_differences
from .registers.strategy import GoalMapping, StrategicGoal


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Part:
    """One link: its register, how complete it is and what is missing, its items."""

    link: Link
    register: Register | None  # None: this link's register comes later
    completeness: Completeness | None
    tables: list[Table]
    withheld: bool  # private items not shown: not every party has shared yet


@dataclass(frozen=True)
class WorkspaceDocument:
    collaboration: Collaboration
    parties: list[Party]
    parts: list[Part]
    actions: Table
    goals: Table
    values: Table
    contributions: Table
    culture_gaps: Table | None  # once every party shared its culture profile
    bridges: Table
    strategy_map: Table | None  # once every party shared its strategy
    agreed: Table  # the agreements every party concerned has accepted
    generated_at: Any
    # Every kind's table by its key (the steps, the needs, the systems, …).
    tables: dict[str, Table] = dataclasses.field(default_factory=dict)
    raci: Table | None = None  # the RACI matrix: activities × parties

    @property
    def digest(self) -> str:
        """A hash of what the document shows (not when it was made): a stored rendering
        is made anew only when this changes — so a party's private work, which the
        document does not show, does not change it either."""
        shown = [
            [(p.link.key, p.completeness, p.tables, p.withheld) for p in self.parts],
            [p.name for p in self.parties],
            [self.actions, self.goals, self.values, self.contributions, self.bridges],
            [self.culture_gaps, self.strategy_map, self.agreed, self.raci],
        ]
        return hashlib.sha256(repr(shown).encode()).hexdigest()[:32]

    @property
    def sheets(self) -> list[Table]:
        """The workbook's sheets: what is complete per link, then every kind's items."""
        overview = Table(
            title=str(_("Completeness")),
            headers=[str(_("Link")), str(_("Register")), str(_("Complete")), str(_("Missing"))],
            rows=[
                [
                    f"{part.link.id}. {part.link.name}",
                    str(part.register.title) if part.register else "",
                    f"{part.completeness.percent}%"
                    if part.completeness
                    else str(_("not available yet")),
                    "\n".join(part.completeness.missing) if part.completeness else "",
                ]
                for part in self.parts
            ],
        )
        tables = [table for part in self.parts for table in part.tables]
        extra = [t for t in (self.culture_gaps, self.strategy_map, self.raci) if t is not None]
        return [overview, *tables, *extra, self.actions]


def _label(kind: ItemKind, name: str) -> str:
    if name == "link_key":
        return str(_("Link"))
    return str(getattr(kind.model._meta.get_field(name), "verbose_name", name))


def _table(
    kind: ItemKind,
    items: list[RegisterItem],
    names: dict[str, str],
    extra: list[str] = (),  # type: ignore[assignment]
) -> Table:
    columns = [*kind.columns, *extra]
    return Table(
        title=str(kind.label_plural),
        headers=[_label(kind, name) for name in columns],
        rows=[[cell(item, name, names) for name in columns] for item in items],
    )


def _items(collaboration: Collaboration, kind: ItemKind) -> list[RegisterItem]:
    query = kind.model._default_manager.filter(collaboration=collaboration)
    related = selectors.related_columns(kind)
    return list(query.select_related(*related) if related else query)


def build(collaboration: Collaboration) -> WorkspaceDocument:
    parties = list(collaboration.parties.select_related("organisation").order_by("pk"))
    names = {link.key: str(link.name) for link in collaboration.framework.spec.links}
    found: dict[str, list[RegisterItem]] = {}
    tables: dict[str, Table] = {}
    parts = []
    for link in collaboration.framework.spec.links:
        register = registry.for_link(link.key)
        link_tables, withheld = [], False
        if register is not None:
            for kind in register.kinds:
                if not visibility.visible_to_everyone(kind, register, parties):
                    withheld = True
                    continue
                found[kind.key] = _items(collaboration, kind)
                extra = ["state"] if kind.consent else []
                tables[kind.key] = _table(kind, found[kind.key], names, extra)
                link_tables.append(tables[kind.key])
        completeness = (
            register.completeness(selectors.register_data_of(collaboration, parties, register))
            if register is not None
            else None
        )
        parts.append(Part(link, register, completeness, link_tables, withheld))

    agreements_kind = registry.kind("agreements")[0]
    agreed = [
        item
        for item in found.get("agreements", [])
        if item.state == AgreementState.AGREED  # type: ignore[attr-defined]
    ]
    actions = _table(ACTIONS, list(Action.objects.filter(collaboration=collaboration)), names)
    return WorkspaceDocument(
        collaboration=collaboration,
        parties=parties,
        parts=parts,
        actions=actions,
        goals=tables["goals"],
        values=tables["values"],
        contributions=tables["contributions"],
        culture_gaps=_culture_gaps(parties),
        bridges=tables["bridges"],
        strategy_map=_strategy_map(collaboration, parties, found),
        agreed=Table(
            title=str(_("Agreed agreements")),
            headers=[
                _label(agreements_kind, name) for name in [*agreements_kind.columns, "link_key"]
            ],
            rows=[
                [cell(item, name, names) for name in [*agreements_kind.columns, "link_key"]]
                for item in agreed
            ],
        ),
        generated_at=timezone.now(),
        tables=tables,
        raci=_raci(parties, found),
    )


def _raci(parties: list[Party], found: dict[str, list[RegisterItem]]) -> Table | None:
    activities = found.get("activities", [])
    if not activities:
        return None
    letters = {
        (cell_.activity_id, cell_.party_id): cell_.letters  # type: ignore[attr-defined]
        for cell_ in found.get("raci", [])
    }
    return Table(
        title=str(_("RACI matrix")),
        headers=[str(_("Activity")), *(party.name for party in parties)],
        rows=[
            [str(activity), *(letters.get((activity.pk, party.pk), "") for party in parties)]
            for activity in activities
        ],
    )


def _culture_gaps(parties: list[Party]) -> Table | None:
    profiles = sharing.side_by_side(CultureProfile, parties)
    if profiles is None:
        return None
    complete = [profile.scores for profile in profiles if profile.filled]
    gaps = differences(complete) if len(complete) > 1 else {}
    large = set(large_differences(complete))
    return Table(
        title=str(_("Culture: the difference per type")),
        headers=[str(_("Type")), str(_("Difference")), ""],
        rows=[
            [
                str(label),
                formats.number_format(round(float(gaps.get(key, 0)), 1), 1),
                str(_("asks for a bridge")) if key in large else "",
            ]
            for key, label, _help in TYPES
        ],
    )


def _strategy_map(
    collaboration: Collaboration, parties: list[Party], found: dict[str, list[RegisterItem]]
) -> Table | None:
    if "strategic_goals" not in found:  # not every party has shared yet
        return None
    shared_goals = found.get("goals", [])
    mapped = {
        (m.strategic_goal_id, m.shared_goal_id): m.get_stance_display()
        for m in GoalMapping.objects.filter(collaboration=collaboration)
    }
    goals: list[Any] = found["strategic_goals"]
    return Table(
        title=str(_("The strategy map")),
        headers=[
            str(_("Strategic goal")),
            str(_("Party")),
            *(goal.title for goal in shared_goals),  # type: ignore[attr-defined]
        ],
        rows=[
            [
                goal.title,
                goal.party.name,
                *(str(mapped.get((goal.pk, shared.pk), "—")) for shared in shared_goals),
            ]
            for goal in goals
            if isinstance(goal, StrategicGoal)
        ],
    )
