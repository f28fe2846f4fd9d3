"""The shape of a round's results as pages, reports and exports use them (no ORM)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ritsen.collaborations.models import PartyLike
from ritsen.frameworks.spec import FrameworkSpec, Link

from . import texts
from .scoring import PartyLinkResult, RoundResult, StatementStats, agenda_rule

if TYPE_CHECKING:
    from ritsen.assessments.models import Round

#: ``{party_id: {respondent_key: {statement_id: score_or_None}}}``
Answers = dict[int, dict[str, dict]]


@dataclass(frozen=True)
class SharedParty:
    """A party as its results were shared (the name it had then)."""

    pk: int
    name: str
    role: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class PartyLinkDetail:
    party: PartyLike
    # None when the party's group for this link is below the anonymity threshold.
    statements: dict[str, StatementStats] | None
    comments: list[str] | None

    @property
    def suppressed(self) -> bool:
        return self.statements is None


@dataclass(frozen=True)
class Results:
    """Everything a results page needs: the scores plus per-link details."""

    round: Round
    spec: FrameworkSpec
    parties: Sequence[PartyLike]
    result: RoundResult
    details: dict[int, list[PartyLinkDetail]]
    # Per party invited / started / submitted, as it stood when the round was shared
    # (empty for a party's own results, which read it live).
    progress: tuple = ()

    def party_cells(self, link_id: int) -> list[tuple[PartyLike, PartyLinkResult]]:
        link = self.result.link(link_id)
        return [(party, link.parties[party.pk]) for party in self.parties]

    @property
    def withheld_text(self) -> str:
        """What a withheld cell says: "fewer than 3 respondents" (never how many)."""
        return texts.withheld(self.spec.thresholds.min_respondents)

    @property
    def agenda_rule(self) -> str:
        return agenda_rule()

    @property
    def weakest(self) -> Link | None:
        weakest = self.result.zipper.weakest_link
        return self.spec.link(weakest) if weakest is not None else None

    def rows(self) -> list[tuple]:
        """Per link (framework order): the link, its result, party cells and details."""
        return [
            (link, self.result.link(link.id), self.party_cells(link.id), self.details[link.id])
            for link in self.spec.links
        ]

    def agenda_rows(self) -> list[tuple]:
        by_id = {row[0].id: row for row in self.rows()}
        return [by_id[link_id] for link_id in self.result.agenda]
