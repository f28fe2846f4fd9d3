"""Which anonymised rows may leave Ritsen, and for whom.

* After **every** party has released a round's results, the whole round can be exported
  (every party's answers and results) by everyone in the collaboration.
* Before that, a party's own people may export **only their own party's** answers and
  results, and only once the round has closed. Nobody can export another party's data
  before release. (Who belongs to a party is decided in
  :mod:`ritsen.collaborations.access`; the views ask it first.)
* A party with fewer respondents than the framework's ``min_respondents`` — a
  respondent being a response with at least one answer that is not "don't know" — is
  never exported as answer rows. In the results its cells are withheld per link, as
  on every results page.

Every function reads a round in a fixed number of queries, whatever the number of
respondents.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import slugify

from ritsen.assessments.models import Round
from ritsen.collaborations.models import Party
from ritsen.frameworks.spec import FrameworkSpec
from ritsen.results.scoring import RoundResult, score
from ritsen.results.services import collect_answers, released_parties

from . import formats


def respondent_count(spec: FrameworkSpec, answers: dict[str, dict]) -> int:
    """How many of a party's responses hold at least one real answer (not "don't know")."""
    known = {s.id for s in spec.statements}
    return sum(
        1
        for given in answers.values()
        if any(value is not None for sid, value in given.items() if sid in known)
    )


@dataclass(frozen=True)
class Export:
    """The data of one export: the parties it covers and what of them may leave."""

    round: Round
    spec: FrameworkSpec
    parties: list[Party]  # the parties covered, in round order
    answers: dict[int, dict[str, dict]]  # only the parties at or above the threshold
    omitted: list[Party]  # parties below the threshold: no answer rows
    result: RoundResult  # scores of ``parties``, withheld cells included
    scope: Party | None = None  # the party of a party's own export, else None

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


def _export(round_: Round, parties: list[Party], scope: Party | None = None) -> Export:
    spec = round_.framework.spec
    answers = collect_answers(round_, parties)
    minimum = spec.thresholds.min_respondents
    exportable = {
        party.pk: answers[party.pk]
        for party in parties
        if respondent_count(spec, answers[party.pk]) >= minimum
    }
    return Export(
        round=round_,
        spec=spec,
        parties=parties,
        answers=exportable,
        omitted=[party for party in parties if party.pk not in exportable],
        result=score(spec, answers, parties=[party.pk for party in parties]),
        scope=scope,
    )


def shared_export(round_: Round) -> Export | None:
    """Every party's data — only once the round has closed and every party released."""
    parties = released_parties(round_)
    return None if parties is None else _export(round_, parties)


def party_export(round_: Round, party: Party) -> Export | None:
    """One party's own data (nothing of any other party), once the round has closed.

    The caller has checked that the viewer belongs to ``party``.
    """
    if round_.is_open:
        return None
    return _export(round_, [party], scope=party)
