"""Results of assessment rounds from the database, through the pure scoring engine.

Every function reads a round's responses in a fixed number of queries, whatever the
number of respondents, and applies the anonymity threshold before anything leaves.
Who may see which result is decided in :mod:`ritsen.assessments.access`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ritsen.assessments.models import Response, Round
from ritsen.collaborations.models import Party
from ritsen.frameworks.spec import FrameworkSpec, Link

from .scoring import RoundResult, StatementStats, score, statement_stats


def collect_answers(round_: Round, parties: list[Party]) -> dict[int, dict[str, dict]]:
    """``{party_id: {response_id: answers}}`` for the given parties, in one query.

    Every response with answers counts — submitted, or saved before the round closed
    ("nothing is lost").
    """
    answers: dict[int, dict[str, dict]] = {party.pk: {} for party in parties}
    rows = Response.objects.filter(round=round_, party__in=parties).values_list(
        "party_id", "id", "answers"
    )
    for party_id, response_id, response_answers in rows:
        if response_answers:
            answers[party_id][str(response_id)] = response_answers
    return answers


def _comments(round_: Round, parties: list[Party]) -> dict[int, dict[str, list[str]]]:
    """``{party_id: {link_id: [comment, …]}}``, each list sorted so order reveals nothing."""
    result: dict[int, dict[str, list[str]]] = {party.pk: {} for party in parties}
    rows = Response.objects.filter(round=round_, party__in=parties).values_list(
        "party_id", "comments"
    )
    for party_id, comments in rows:
        for link_id, text in (comments or {}).items():
            result[party_id].setdefault(str(link_id), []).append(text)
    for per_link in result.values():
        for texts in per_link.values():
            texts.sort(key=str.casefold)
    return result


@dataclass(frozen=True)
class PartyLinkDetail:
    party: Party
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
    parties: list[Party]
    result: RoundResult
    details: dict[int, list[PartyLinkDetail]]

    def party_cells(self, link_id: int):
        link = self.result.link(link_id)
        return [(party, link.parties[party.pk]) for party in self.parties]

    @property
    def weakest(self) -> Link | None:
        weakest = self.result.zipper.weakest_link
        return self.spec.link(weakest) if weakest is not None else None


def compute(round_: Round, parties: list[Party]) -> Results:
    """Scores and anonymised details of ``round_`` for ``parties`` (and only those)."""
    spec = round_.framework.spec
    min_respondents = spec.thresholds.min_respondents
    answers = collect_answers(round_, parties)
    party_ids = [party.pk for party in parties]
    result = score(spec, answers, parties=party_ids)
    stats = statement_stats(spec, answers, parties=party_ids, min_respondents=min_respondents)
    comments = _comments(round_, parties)

    details: dict[int, list[PartyLinkDetail]] = {}
    for link in spec.links:
        link_result = result.link(link.id)
        rows = []
        for party in parties:
            # The group is the party's respondents with a defined score for this link;
            # below the threshold nothing of it is shown, comments included.
            if link_result.parties[party.pk].n < min_respondents:
                rows.append(PartyLinkDetail(party=party, statements=None, comments=None))
            else:
                rows.append(
                    PartyLinkDetail(
                        party=party,
                        statements={s.id: stats[party.pk][s.id] for s in link.statements},
                        comments=comments[party.pk].get(str(link.id), []),
                    )
                )
        details[link.id] = rows
    return Results(round=round_, spec=spec, parties=parties, result=result, details=details)


def parties_of(round_: Round) -> list[Party]:
    return list(round_.collaboration.parties.select_related("organisation").order_by("pk"))


def released_parties(round_: Round) -> list[Party] | None:
    """The round's parties once it has closed and *every* party released, else ``None``.

    The one rule for everything shared: results, reports, exports and trends.
    """
    from ritsen.assessments.services import released_party_ids

    parties = parties_of(round_)
    if round_.is_open or not parties:
        return None
    if not {party.pk for party in parties} <= released_party_ids(round_):
        return None
    return parties


def shared_results(round_: Round) -> Results | None:
    """Every party's results — only once every party has released them."""
    parties = released_parties(round_)
    return None if parties is None else compute(round_, parties)


def own_results(round_: Round, party: Party) -> Results | None:
    """One party's own results (nothing of any other party), once the round has closed."""
    if round_.is_open:
        return None
    return compute(round_, [party])
