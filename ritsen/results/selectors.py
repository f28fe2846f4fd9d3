"""Reads of results for pages, reports, exports and trends.

* a party's **own** results: computed from its answers, once answering stopped — only
  for code already allowed to see that party (the view declared its permission);
* the **shared** results: read from the round's snapshot, once every party released.

When which is available is decided in :mod:`ritsen.assessments.visibility`.
"""

from __future__ import annotations

from ritsen.assessments import visibility
from ritsen.assessments.models import Round
from ritsen.collaborations.models import Collaboration, Party

from . import snapshots
from .compute import compute
from .data import Results


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
