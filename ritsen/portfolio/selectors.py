"""Reading a portfolio: the collaborations someone oversees with their stage, zipper,
weakest link, last shared round, completeness and open and overdue actions; a heatmap
of links × collaborations sorted by risk; the links weak across the portfolio; and
per link whether it moved up or down since the previous shared round.

Everything comes from the stored rows (``PortfolioEntry``, ``PortfolioLink``): a page
costs the same few queries at 10 or 10,000 collaborations (filters, sorting, paging
and the aggregates run in SQL), and never reads an answer. Who sees which
collaborations is ``collaborations.access.portfolio_collaborations``.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ritsen.collaborations.constants import Stage
from ritsen.collaborations.models import Collaboration, Membership, Organisation, Party
from ritsen.core.numbers import whole_number
from ritsen.frameworks.models import Framework
from ritsen.results.scoring import LinkState, ZipperState
from ritsen.workspace.actions import PENDING, Action

from .models import PortfolioLink
from .refresh import ensure, refresh_stale

PAGE_SIZE = 50
#: Scores closer than this count as unchanged in the trajectory.
STEADY = 0.05


@dataclass(frozen=True)
class Filters:
    stage: str = ""
    state: str = ""  # the zipper's
    link: str = ""  # weak or missing on this link
    partner: int | None = None  # an organisation that is a party

    @classmethod
    def of(cls, given: Any) -> Filters:
        partner = str(given.get("partner", ""))
        return cls(
            stage=given.get("stage", "") if given.get("stage") in Stage.values else "",
            state=given.get("state", "")
            if given.get("state") in {state.value for state in ZipperState}
            else "",
            link=link
            if re.fullmatch(r"[a-z0-9_]{1,50}", link := str(given.get("link", "")))
            else "",
            partner=whole_number(partner),
        )

    @property
    def any(self) -> bool:
        return bool(self.stage or self.state or self.link or self.partner)


@dataclass
class Cell:
    link_key: str
    state: str
    label: str
    trend: str  # "up", "down", "same" or "" (no earlier shared round)
    completeness: int | None


@dataclass
class Row:
    collaboration: Collaboration
    entry: Any
    cells: list[Cell] = field(default_factory=list)
    open_actions: int = 0
    overdue_actions: int = 0
    partners: list[str] = field(default_factory=list)
    weakest: str = ""  # the weakest link, in words
    own_results: str = ""  # where results wait for release: the viewer's party's own

    @property
    def zipper_label(self) -> str:
        state = self.entry.zipper_state if self.entry is not None else ""
        return str(ZipperState(state).label) if state else ""


@dataclass
class Portfolio:
    rows: list[Row]
    page: Page
    links: list[Any]  # the framework's links: the heatmap's columns
    weak_share: list[tuple[Any, int, int]]  # (link, weak or missing, with a shared round)
    total: int
    filters: Filters
    partners: list[Organisation]


def _trend(link: PortfolioLink) -> str:
    if link.score is None or link.previous_score is None:
        return ""
    if link.score > link.previous_score + STEADY:
        return "up"
    if link.score < link.previous_score - STEADY:
        return "down"
    return "same"


def filtered(collaborations: QuerySet[Collaboration], filters: Filters) -> QuerySet[Collaboration]:
    query = collaborations
    if filters.stage:
        query = query.filter(stage=filters.stage)
    if filters.state:
        query = query.filter(portfolio_entry__zipper_state=filters.state)
    if filters.link:
        query = query.filter(portfolio_entry__weak_links__contains=f",{filters.link},")
    if filters.partner:
        query = query.filter(parties__organisation_id=filters.partner)
    return query


def portfolio(
    collaborations: QuerySet[Collaboration],
    filters: Filters,
    page_number: Any = 1,
    today: datetime.date | None = None,
) -> Portfolio:
    """One page of a portfolio; ``collaborations``: those the viewer sees."""
    today = today or timezone.localdate()
    # Rows that changed since they were stored are made anew first (a page's worth at a
    # time; ``ritsen cron`` does the rest).
    _fresh(collaborations, limit=PAGE_SIZE)
    query = ordered(collaborations, filters)
    page = Paginator(query, PAGE_SIZE).get_page(page_number)
    page_rows = list(page.object_list)
    # The heatmap's columns: the links of the framework the page's collaborations use
    # (the first one's, when they differ: a link of another framework shows by its key).
    links = _links(page_rows or list(collaborations[:1]))
    rows = build_rows(page_rows, links, today)
    # The share per link: one pass over the filtered collaborations' stored rows.
    counts = filtered(collaborations, filters).aggregate(
        measured=Count("pk", filter=~Q(portfolio_entry__zipper_state="")),
        **{
            f"weak_{index}": Count(
                "pk", filter=Q(portfolio_entry__weak_links__contains=f",{link.key},")
            )
            for index, link in enumerate(links)
        },
    )
    weak_share = [
        (link, counts[f"weak_{index}"], counts["measured"]) for index, link in enumerate(links)
    ]
    organisations = Organisation.objects.filter(
        pk__in=Party.objects.filter(collaboration__in=collaborations.values("pk")).values(
            "organisation_id"
        )
    )
    return Portfolio(
        rows=rows,
        page=page,
        links=links,
        weak_share=weak_share,
        total=page.paginator.count,
        filters=filters,
        partners=list(organisations.order_by("name")[:200]),
    )


def _fresh(collaborations: QuerySet[Collaboration], limit: int | None) -> None:
    """Store the rows not stored yet, and make up to ``limit`` stale ones anew."""
    ensure(collaborations)
    refresh_stale(collaborations.values("pk"), limit=limit)


def _links(collaborations: list[Collaboration]) -> list[Any]:
    """The heatmap's columns: the links of the first collaboration's framework (one
    query; a collaboration on another framework shows its links of the same key)."""
    if not collaborations:
        return []
    return list(Framework.objects.get(pk=collaborations[0].framework_id).spec.links)


def build_rows(
    collaborations: list[Collaboration], links: list[Any], today: datetime.date
) -> list[Row]:
    """The rows of ``collaborations`` (with their entries): four queries in all."""
    ids = [c.pk for c in collaborations]
    cells: dict[int, dict[str, PortfolioLink]] = defaultdict(dict)
    for link in PortfolioLink.objects.filter(collaboration_id__in=ids):
        cells[link.collaboration_id][link.link_key] = link
    actions: dict[int, Any] = {
        row["collaboration_id"]: row
        for row in Action.objects.filter(collaboration_id__in=ids, status__in=PENDING)
        .values("collaboration_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
    }
    partners: dict[int, list[str]] = defaultdict(list)
    for party in Party.objects.filter(collaboration_id__in=ids).select_related("organisation"):
        partners[party.collaboration_id].append(party.name)
    rows = []
    for collaboration in collaborations:
        row = Row(collaboration, getattr(collaboration, "portfolio_entry", None))
        for link in links:
            found = cells[collaboration.pk].get(link.key)
            state = found.state if found is not None else ""
            row.cells.append(
                Cell(
                    link.key,
                    state,
                    str(LinkState(state).label) if state else _("not measured yet"),
                    _trend(found) if found is not None else "",
                    found.completeness if found is not None else None,
                )
            )
        counted: Any = actions.get(collaboration.pk, {})
        row.open_actions, row.overdue_actions = counted.get("open", 0), counted.get("overdue", 0)
        row.partners = partners[collaboration.pk]
        weakest = row.entry.weakest_link if row.entry is not None else ""
        row.weakest = next((f"{k.id}. {k.name}" for k in links if k.key == weakest), "")
        rows.append(row)
    return rows


def ordered(collaborations: QuerySet[Collaboration], filters: Filters) -> QuerySet[Collaboration]:
    """The portfolio's collaborations after the filters, riskiest first."""
    return (
        filtered(collaborations, filters)
        .select_related("portfolio_entry")
        .order_by("portfolio_entry__risk", "name", "pk")
    )


def table(
    collaborations: QuerySet[Collaboration], filters: Filters
) -> tuple[list[str], list[list[Any]]]:
    """The whole filtered portfolio as a table (the CSV and XLSX downloads): every
    stale row is made anew first, so a download is never behind the page."""
    _fresh(collaborations, limit=None)
    query = list(ordered(collaborations, filters))
    links = _links(query)
    header = [
        _("Collaboration"), _("Partners"), _("Stage"), _("Zipper"), _("Weakest link"),
        _("Last shared round"), _("Completeness"), _("Open actions"), _("Overdue actions"),
        *(f"{link.id}. {link.name}" for link in links),
        *(f"{link.id}: {_('trend')}" for link in links),
    ]  # fmt: skip
    rows = []
    for row in build_rows(query, links, timezone.localdate()):
        entry = row.entry
        rows.append(
            [
                row.collaboration.name,
                ", ".join(row.partners),
                str(row.collaboration.get_stage_display()),
                row.zipper_label,
                row.weakest,
                entry.last_shared_at.date().isoformat() if entry and entry.last_shared_at else "",
                entry.completeness if entry else 0,
                row.open_actions,
                row.overdue_actions,
                *(cell.label for cell in row.cells),
                *(cell.trend for cell in row.cells),
            ]
        )
    return [str(text) for text in header], rows


def link_for(user_id: int | None, rows: list[Row]) -> set[int]:
    """The collaborations of ``rows`` whose pages the viewer may open (a portfolio
    manager is not in them all); where results wait for release, a row links the
    viewer's own party to its own results there (``row.own_results``)."""
    memberships = Membership.objects.filter(
        user_id=user_id or 0, collaboration_id__in=[row.collaboration.pk for row in rows]
    ).values_list("collaboration_id", "party_id")
    own = dict(memberships)
    for row in rows:
        party_id = own.get(row.collaboration.pk)
        if party_id is not None and row.entry is not None and row.entry.waiting_release:
            row.own_results = reverse(
                "results:party", args=[row.collaboration.pk, row.entry.last_round_id, party_id]
            )
    return set(own)
