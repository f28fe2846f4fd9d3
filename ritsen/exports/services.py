"""Which anonymised rows may leave Ritsen, and for whom.

* Once a round is **shared**, the whole round can be exported (every party's answers
  and results) by everyone in the collaboration — read from the round's snapshot.
* Before that, a party's own people may export **only their own party's** answers and
  results, and only once the round has closed. Nobody can export another party's data
  before release. (The views declare who belongs to a party; when which export exists
  is decided in :mod:`ritsen.assessments.visibility`.)
* Answer rows are the anonymised answers (:func:`ritsen.results.scoring.anonymise`):
  per (party, link) only the answers of the respondents who count for that link, and
  no row at all of a group below the framework's ``min_respondents``. In the results
  such a group's cells are withheld, as on every results page; ``ritsen score`` on
  the answer file gives every figure that is shown.

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
from ritsen.results.compute import anonymised_answers, collect_answers
from ritsen.results.data import Answers, PartyLike
from ritsen.results.scoring import RoundResult, score

from . import formats


@dataclass(frozen=True)
class Export:
    """The data of one export: the parties it covers and what of them may leave."""

    round: Round
    spec: FrameworkSpec
    parties: Sequence[PartyLike]  # the parties covered, in round order
    answers: Answers  # anonymised; only parties with rows left
    result: RoundResult  # scores of ``parties``, withheld cells included
    scope: Party | None = None  # the party of a party's own export, else None

    @property
    def omitted(self) -> list[PartyLike]:
        """Parties without a single (party, link) group at the threshold: no rows."""
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
        answers=_with_rows(snapshots.load_answers(round_)),
        result=results.result,
    )


def party_export(round_: Round, party: Party) -> Export | None:
    """One party's own data (nothing of any other party), once answering stopped.

    Only for code allowed to see ``party`` (a view that declared the permission).
    """
    if not visibility.own_results_available(round_):
        return None
    spec = round_.framework.spec
    used, _sets = anonymised_answers(spec, collect_answers(round_, [party]))
    return Export(
        round=round_,
        spec=spec,
        parties=[party],
        answers=_with_rows(used),
        result=score(spec, used, parties=[party.pk]),
        scope=party,
    )


def _with_rows(answers: Answers) -> Answers:
    return {party_id: given for party_id, given in answers.items() if given}
