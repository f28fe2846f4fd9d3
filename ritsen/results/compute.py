"""Compute a round's results from its answers in the database (through the pure engine).

Reads exactly the parties it is given, in a fixed number of queries whatever the
number of respondents, and applies the anonymity threshold before anything leaves.
*Which* parties a caller may compute is not decided here: see
:mod:`ritsen.results.selectors` (a party's own results) and
:mod:`ritsen.results.snapshots` (the shared results, computed once).
"""

from __future__ import annotations

from collections.abc import Sequence

from django_scopes import scope

from ritsen.assessments.models import Response, Round
from ritsen.frameworks.spec import FrameworkSpec

from .data import Answers, PartyLike, PartyLinkDetail, Results
from .scoring import score, statement_stats


def collect_answers(round_: Round, parties: Sequence[PartyLike]) -> Answers:
    """``{party_id: {response_id: answers}}`` for the given parties, in one query.

    Every response with answers counts — submitted, or saved before the round closed
    ("nothing is lost"). Reads exactly the given parties' private rows.
    """
    party_ids = [party.pk for party in parties]
    answers: Answers = {party_id: {} for party_id in party_ids}
    with scope(party=party_ids):
        rows = Response.objects.filter(round=round_, party__in=party_ids).values_list(
            "party_id", "id", "answers"
        )
        for party_id, response_id, response_answers in rows:
            if response_answers:
                answers[party_id][str(response_id)] = response_answers
    return answers


def _comments(round_: Round, parties: Sequence[PartyLike]) -> dict[int, dict[str, list[str]]]:
    """``{party_id: {link_id: [comment, …]}}``, each list sorted so order reveals nothing."""
    party_ids = [party.pk for party in parties]
    result: dict[int, dict[str, list[str]]] = {party_id: {} for party_id in party_ids}
    with scope(party=party_ids):
        rows = Response.objects.filter(round=round_, party__in=party_ids).values_list(
            "party_id", "comments"
        )
        for party_id, comments in rows:
            for link_id, text in (comments or {}).items():
                result[party_id].setdefault(str(link_id), []).append(text)
    for per_link in result.values():
        for texts in per_link.values():
            texts.sort(key=str.casefold)
    return result


def compute(round_: Round, parties: Sequence[PartyLike], answers: Answers | None = None) -> Results:
    """Scores and anonymised details of ``round_`` for ``parties`` (and only those)."""
    spec = round_.framework.spec
    min_respondents = spec.thresholds.min_respondents
    if answers is None:
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
    return Results(round=round_, spec=spec, parties=list(parties), result=result, details=details)


def respondent_count(spec: FrameworkSpec, answers: dict[str, dict]) -> int:
    """How many of a party's responses hold at least one real answer (not "don't know")."""
    known = {s.id for s in spec.statements}
    return sum(
        1
        for given in answers.values()
        if any(value is not None for sid, value in given.items() if sid in known)
    )


def exportable_answers(spec: FrameworkSpec, answers: Answers) -> Answers:
    """The parties whose answers may leave as rows: those with at least
    ``min_respondents`` respondents; a smaller group leaves no row at all."""
    minimum = spec.thresholds.min_respondents
    return {
        party_id: given
        for party_id, given in answers.items()
        if respondent_count(spec, given) >= minimum
    }
