"""Keeping the portfolio's stored rows: a change marks a collaboration's row stale (one
UPDATE, from any model's save), and :func:`refresh` makes it anew from the latest two
shared snapshots, the rounds and the workspace's completeness."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils import timezone

from ritsen.assessments.models import Round, RoundState
from ritsen.collaborations.models import Collaboration
from ritsen.core import periodic
from ritsen.results.models import ResultSnapshot
from ritsen.results.scoring import JAMMING
from ritsen.workspace import selectors
from ritsen.workspace.registers import registry

from .models import PortfolioEntry, PortfolioLink

#: The zipper's states, riskiest first; a collaboration without a shared round sits
#: between fragile and closed.
RISK_ORDER = {"jammed": 0, "fragile": 1, "": 2, "closed": 3}


def mark_stale(collaboration_ids: Iterable[int]) -> None:
    """Something of these collaborations changed: their rows are made anew when next
    read. Only an UPDATE — a row that does not exist yet is made by :func:`ensure`
    (never from a signal, which may fire while a collaboration is being removed)."""
    ids = [pk for pk in set(collaboration_ids) if pk is not None]
    if ids:
        PortfolioEntry.objects.filter(collaboration_id__in=ids).update(stale=True)


def ensure(collaborations: Any) -> None:
    """A (stale) row for each of ``collaborations`` that has none yet."""
    missing = collaborations.filter(portfolio_entry__isnull=True).values_list("pk", flat=True)
    PortfolioEntry.objects.bulk_create(
        [PortfolioEntry(collaboration_id=pk) for pk in missing], ignore_conflicts=True
    )


def _lowest(link: dict[str, Any]) -> float | None:
    value = link.get("lowest_mean")
    return float(Fraction(value)) if value not in (None, "") else None


@transaction.atomic
def refresh(collaboration: Collaboration) -> PortfolioEntry:
    shared = list(
        Round.objects.filter(collaboration=collaboration, state=RoundState.SHARED).order_by(
            "-shared_at", "-pk"
        )[:2]
    )
    snapshots = {
        row.round_id: row.results
        for row in ResultSnapshot.objects.filter(round__in=shared).only("round_id", "results")
    }
    latest = snapshots.get(shared[0].pk) if shared else None
    previous = snapshots.get(shared[1].pk) if len(shared) > 1 else None
    spec = collaboration.framework.spec
    parties = list(collaboration.parties.select_related("organisation").order_by("pk"))
    completeness: dict[str, int] = {}
    for link in spec.links:
        register = registry.for_link(link.key)
        if register is not None:
            data = selectors.register_data_of(collaboration, parties, register)
            completeness[link.key] = register.completeness(data).percent
    by_id = {link["id"]: link for link in (latest or {}).get("links", [])}
    before = {link["id"]: link for link in (previous or {}).get("links", [])}
    rows = []
    for link in spec.links:
        found = by_id.get(link.id, {})
        rows.append(
            PortfolioLink(
                collaboration=collaboration,
                link_key=link.key,
                link_id=link.id,
                state=found.get("state", ""),
                score=_lowest(found),
                previous_score=_lowest(before.get(link.id, {})),
                completeness=completeness.get(link.key),
            )
        )
    PortfolioLink.objects.filter(collaboration=collaboration).delete()
    PortfolioLink.objects.bulk_create(rows)
    zipper = (latest or {}).get("zipper", {})
    weakest = zipper.get("weakest_link")
    state = zipper.get("state", "") if latest else ""
    mean = sum(completeness.values()) // len(completeness) if completeness else 0
    last_round = collaboration.rounds.order_by("-opened_at", "-pk").first()
    entry, _made = PortfolioEntry.objects.update_or_create(
        collaboration=collaboration,
        defaults={
            "zipper_state": state,
            "weakest_link": spec.link(weakest).key if weakest is not None else "",
            "last_shared_at": shared[0].shared_at if shared else None,
            "last_round": last_round,
            "waiting_release": last_round is not None and last_round.state == RoundState.CLOSED,
            "completeness": mean,
            "weak_links": _weak_links(rows),
            "risk": RISK_ORDER.get(state, 2) * 1000 + mean,
            "stale": False,
            "refreshed_at": timezone.now(),
        },
    )
    return entry


def _weak_links(rows: list[PortfolioLink]) -> str:
    """``",culture,roles,"``: the keys of the weak links, each between commas."""
    keys = [row.link_key for row in rows if row.state in JAMMING]  # "": not measured
    return f",{','.join(keys)}," if keys else ""


def refresh_stale(collaboration_ids: Any = None, limit: int | None = None) -> int:
    """Refresh the stale rows (of ``collaboration_ids``); how many were refreshed."""
    query = PortfolioEntry.objects.filter(stale=True)
    if collaboration_ids is not None:
        query = query.filter(collaboration_id__in=collaboration_ids)
    ids = list(query.values_list("collaboration_id", flat=True)[:limit])
    for collaboration in Collaboration.objects.filter(pk__in=ids).select_related("framework"):
        refresh(collaboration)
    return len(ids)


@periodic.register("refresh-portfolio")
def refresh_portfolio() -> str:
    """Between page views, the rows that changed are made anew (``ritsen cron``)."""
    count = refresh_stale(limit=1000)
    return f"{count} collaborations refreshed" if count else ""
