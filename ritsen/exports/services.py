"""Which anonymised rows may leave Ritsen, and for whom.

* Once a round is **shared**, the whole round can be exported (every party's answers
  and results) by everyone in the collaboration — read from the round's snapshot.
* Before that, a party's own people may export **only their own party's** answers and
  results, and only once the round has closed. Nobody can export another party's data
  before release. (The views declare who belongs to a party; when which export exists
  is decided in :mod:`ritsen.assessments.visibility`.)
* A party with fewer respondents than the framework's ``min_respondents`` — a
  respondent being a response with at least one answer that is not "don't know" — is
  never exported as answer rows (:func:`ritsen.results.compute.exportable_answers`).
  In the results its cells are withheld per link, as on every results page.

Every function reads a round in a fixed number of queries, whatever the number of
respondents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.text import slugify

from ritsen.assessments import visibility
from ritsen.assessments.models import Round
from ritsen.collaborations.models import Party
from ritsen.frameworks.spec import FrameworkSpec
from ritsen.results import snapshots
from ritsen.results.compute import collect_answers, exportable_answers
from ritsen.results.data import Answers, PartyLike
from ritsen.results.scoring import RoundResult, score

from . import formats


@dataclass(frozen=True)
class Export:
    """The data of one export: the parties it covers and what of them may leave."""

    round: Round
    spec: FrameworkSpec
    parties: Sequence[PartyLike]  # the parties covered, in round order
    answers: Answers  # only the parties at or above the threshold
    result: RoundResult  # scores of ``parties``, withheld cells included
    scope: Party | None = None  # the party of a party's own export, else None

    @property
    def omitted(self) -> list[PartyLike]:
        """Parties below the threshold: no answer rows."""
        return [party for party in self.parties if party.pk not in self.answers]

    def answer_rows(self) -> list[formats.Row]:
        return formats.answer_rows(
            self.spec,
            [
                (party.name, self.answers[party.pk])
                for party in self.parties
                if party.pk in self.answers
            ],
        )

    def results_header(self) -> tuple[str, ...]:
        return formats.results_header([party.name for party in self.parties])

    def result_rows(self, language: str | None = None) -> list[formats.Row]:
        return formats.result_rows(self.spec, self.result, language=language)

    def filename(self, kind: str, extension: str) -> str:
        parts = ["ritsen", self.round.collaboration.name, self.round.title]
        if self.scope is not None:
            parts.append(self.scope.name)
        stem = "-".join(filter(None, (slugify(part) for part in parts)))
        return f"{stem}-{kind}.{extension}"


def shared_export(round_: Round) -> Export | None:
    """Every party's data — only once the round is shared, from its snapshot."""
    if not visibility.is_shared(round_):
        return None
    results = snapshots.load(round_)
    return Export(
        round=round_,
        spec=results.spec,
        parties=results.parties,
        answers=snapshots.load_answers(round_),
        result=results.result,
    )


def party_export(round_: Round, party: Party) -> Export | None:
    """One party's own data (nothing of any other party), once answering stopped.

    Only for code allowed to see ``party`` (a view that declared the permission).
    """
    if not visibility.own_results_available(round_):
        return None
    spec = round_.framework.spec
    answers = collect_answers(round_, [party])
    return Export(
        round=round_,
        spec=spec,
        parties=[party],
        answers=exportable_answers(spec, answers),
        result=score(spec, answers, parties=[party.pk]),
        scope=party,
    )
