"""What of a round is shared, and when — decided here and nowhere else.

* While a round is **open**, respondents answer (until its closing date) and nobody
  sees any results; coordinators see counts of invited, started and submitted.
* Once it is **closed**, each party's own people see their own party's results (and
  download them); nobody else sees anything of that party. Each party's coordinator
  decides when to *release* them.
* When the last party has released, the round is **shared**: its results are stored
  once as an immutable snapshot (:mod:`ritsen.results.snapshots`), which every shared
  page, report, export and trend reads.

Responses and respondent invitations are party-private models: the functions that
read more than one party's rows open the scope for exactly the parties the rule
allows.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from ritsen.collaborations.models import Party

from .models import Round, RoundState


def accepts_answers(round_: Round, now: datetime | None = None) -> bool:
    """Respondents may still answer: the round is open and its closing date has not
    passed (the periodic job closes it soon after; until then nobody can answer)."""
    if round_.state != RoundState.OPEN:
        return False
    return round_.closes_at is None or round_.closes_at > (now or timezone.now())


def own_results_available(round_: Round) -> bool:
    """A party's own people may see (and release) its results once answering stopped."""
    return round_.state in (RoundState.CLOSED, RoundState.SHARED)


def released_party_ids(round_: Round) -> set[int]:
    return set(round_.releases.values_list("party_id", flat=True))


def every_party_released(round_: Round, parties: list[Party]) -> bool:
    """Whether releasing may make the round shared (every party of it has released)."""
    return bool(parties) and {party.pk for party in parties} <= released_party_ids(round_)


def is_shared(round_: Round) -> bool:
    return round_.state == RoundState.SHARED
