"""Compute a round's results from its answers in the database (through the pure engine).

Reads exactly the parties it is given, in a fixed number of queries whatever the
number of respondents, and anonymises before anything is computed: per (party, link)
only the respondents who count for it, and nothing of a group below the threshold
(:func:`ritsen.results.scoring.respondent_sets`).
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
from .scoring import RespondentSets, anonymise, respondent_sets, score, statement_stats


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


def _comments(
    round_: Round, parties: Sequence[PartyLike], sets: RespondentSets
) -> dict[int, dict[str, list[str]]]:
    """``{party_id: {link_id: [comment, …]}}`` of the respondents who count for that
    link (``sets``), each list sorted so that its order reveals nothing."""
    party_ids = [party.pk for party in parties]
    result: dict[int, dict[str, list[str]]] = {party_id: {} for party_id in party_ids}
    with scope(party=party_ids):
        rows = Response.objects.filter(round=round_, party__in=party_ids).values_list(
            "party_id", "id", "comments"
        )
        for party_id, response_id, comments in rows:
            counted = sets.get(party_id, {})
            for link_id, text in (comments or {}).items():
                if str(response_id) in counted.get(_link_id(link_id), frozenset()):
                    result[party_id].setdefault(str(link_id), []).append(text)
    for per_link in result.values():
        for texts in per_link.values():
            texts.sort(key=str.casefold)
    return result


def _link_id(key: str) -> int:
    return int(key) if str(key).isdigit() else -1


def anonymised_answers(spec: FrameworkSpec, answers: Answers) -> tuple[Answers, RespondentSets]:
    """The answers that may be used, with the respondent set of every (party, link):
    the one anonymity rule of :func:`ritsen.results.scoring.respondent_sets`."""
    sets = respondent_sets(spec, answers)
    return anonymise(spec, answers, sets=sets), sets


def compute(round_: Round, parties: Sequence[PartyLike], answers: Answers | None = None) -> Results:
    """Scores and anonymised details of ``round_`` for ``parties`` (and only those).

    Everything is computed from the anonymised answers: per (party, link) only the
    respondents who count for it, and nothing of a group below the threshold.
    """
    spec = round_.framework.spec
    if answers is None:
        answers = collect_answers(round_, parties)
    party_ids = [party.pk for party in parties]
    used, sets = anonymised_answers(
        spec, {party_id: answers.get(party_id, {}) for party_id in party_ids}
    )
    result = score(spec, used, parties=party_ids)
    stats = statement_stats(
        spec, used, parties=party_ids, min_respondents=spec.thresholds.min_respondents
    )
    comments = _comments(round_, parties, sets)

    details: dict[int, list[PartyLinkDetail]] = {}
    for link in spec.links:
        link_result = result.link(link.id)
        rows = []
        for party in parties:
            # Below the threshold nothing of the group is shown, comments included.
            if link_result.parties[party.pk].withheld:
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
