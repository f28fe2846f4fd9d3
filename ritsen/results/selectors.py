"""Reads of results for pages, reports, exports and trends.

* a party's **own** results: computed from its answers, once answering stopped — only
  for code already allowed to see that party (the view declared its permission);
* the **shared** results: read from the round's snapshot, once every party released.

When which is available is decided in :mod:`ritsen.assessments.visibility`.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from ritsen.assessments import visibility
from ritsen.assessments.models import Round
from ritsen.collaborations.models import Collaboration, Party

from . import snapshots
from .compute import compute
from .data import Results
from .trends import RoundInput, Trends, compute_trends


def own_results(round_: Round, party: Party) -> Results | None:
    """One party's own results (nothing of any other party), once answering stopped."""
    if not visibility.own_results_available(round_):
        return None
    return compute(round_, [party])


def shared_results(round_: Round) -> Results | None:
    """Every party's results, from the round's snapshot — only once the round is shared."""
    if not visibility.is_shared(round_):
        return None
    return snapshots.load(round_)


def shared_rounds(collaboration: Collaboration) -> list[Results]:
    """The shared results of every shared round, oldest first, in two queries."""
    return snapshots.load_all(collaboration)


def comparable_rounds(collaboration: Collaboration) -> list[Results]:
    """Shared results of every shared round, oldest first.

    Rounds on another framework (or scale) than the latest such round are left out:
    their scores cannot be compared.
    """
    released = shared_rounds(collaboration)
    if not released:
        return []
    latest = released[-1].spec
    return [
        results
        for results in released
        if results.spec.id == latest.id
        and (results.spec.scale_min, results.spec.scale_max) == (latest.scale_min, latest.scale_max)
    ]


def round_date(round_: Round) -> date | None:
    ended = round_.closed_at or round_.opened_at
    return timezone.localdate(ended) if ended else None


def trends_of(released: list[Results]) -> Trends | None:
    if not released:
        return None
    names = {party.pk: party.name for results in released for party in results.parties}
    return compute_trends(
        [
            RoundInput(
                label=results.round.title,
                date=round_date(results.round),
                result=results.result,
                parties=[party.pk for party in results.parties],
            )
            for results in released
        ],
        released[-1].spec,
        party_names=names,
    )
