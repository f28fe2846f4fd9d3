"""A shared round's results, stored once as an immutable snapshot.

When the last party releases, :func:`store` computes the round's results (through the
same engine as a party's own results) and keeps them in a
:class:`~ritsen.results.models.ResultSnapshot`, with the framework version and the
version of the scoring rules. Every shared page, report, export and trend reads the
snapshot with :func:`load`; nothing recomputes a shared round from its answers.

A snapshot changes only when the scoring rules change: bump :data:`SCORING_VERSION`
and ``ritsen migrate`` (or ``ritsen snapshots rebuild``) computes the outdated ones
again from the answers.

The stored data is anonymised by construction: it is computed from, and stores, only
the anonymised answers (per party and link the respondents who count for it; nothing
of a group below the threshold, whose cells are stored as withheld without their
size). The answers carry no response ids and are sorted by content, so their order
says nothing about who answered when.
"""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from django.db import transaction

from ritsen.assessments import selectors as respondents
from ritsen.assessments.models import PartyRelease, Round, RoundState
from ritsen.collaborations.models import Collaboration
from ritsen.frameworks.spec import FrameworkSpec

from .compute import anonymised_answers, collect_answers, compute
from .data import Answers, PartyLinkDetail, Results, SharedParty
from .models import ResultSnapshot
from .scoring import (
    LinkResult,
    LinkState,
    PartyLinkResult,
    RoundResult,
    StatementStats,
    ZipperResult,
    ZipperState,
)

#: The version of the scoring rules that produced a snapshot. Bump it whenever
#: ``scoring.py`` or the anonymity rules change what a shared round shows.
SCORING_VERSION = 2  # 2: one respondent set per (party, link); withheld n is 0


# --- encoding (pure) -------------------------------------------------------------------


def _fraction(value: Fraction | None) -> str | None:
    return None if value is None else f"{value.numerator}/{value.denominator}"


def _unfraction(text: str | None) -> Fraction | None:
    return None if text is None else Fraction(text)


def _cell(cell: PartyLinkResult) -> dict[str, Any]:
    return {
        "mean": _fraction(cell.mean),
        "n": cell.n,
        "variance": _fraction(cell.variance),
        "withheld": cell.withheld,
    }


def _statement(stats: StatementStats) -> dict[str, Any]:
    return {
        "mean": _fraction(stats.mean),
        "n": stats.n,
        "dont_know": stats.dont_know,
        "withheld": stats.withheld,
    }


def encode(results: Results, progress: list[respondents.Progress]) -> dict[str, Any]:
    """Everything a shared page needs, as JSON-ready data (exact values as fractions)."""
    result = results.result
    return {
        "parties": [
            {"id": party.pk, "name": party.name, "role": getattr(party, "role", "")}
            for party in results.parties
        ],
        "links": [
            {
                "id": link.link_id,
                "key": link.key,
                "state": str(link.state),
                "gap": _fraction(link.gap),
                "lowest_mean": _fraction(link.lowest_mean),
                "parties": [_cell(link.parties[party.pk]) for party in results.parties],
                "details": [
                    {
                        "statements": None
                        if detail.statements is None
                        else {sid: _statement(s) for sid, s in detail.statements.items()},
                        "comments": detail.comments,
                    }
                    for detail in results.details[link.link_id]
                ],
            }
            for link in result.links
        ],
        "zipper": {
            "state": str(result.zipper.state),
            "weakest_link": result.zipper.weakest_link,
            "jams_at": list(result.zipper.jams_at),
        },
        "agenda": list(result.agenda),
        "progress": [{"party": row.party.pk, **row.counts()} for row in progress],
    }


def decode(data: dict[str, Any], round_: Round, spec: FrameworkSpec) -> Results:
    """The inverse of :func:`encode`, bound to its round and framework."""
    parties = [
        SharedParty(pk=row["id"], name=row["name"], role=row["role"]) for row in data["parties"]
    ]
    links = []
    details: dict[int, list[PartyLinkDetail]] = {}
    for row in data["links"]:
        cells = {
            party.pk: PartyLinkResult(
                mean=_unfraction(cell["mean"]),
                n=cell["n"],
                variance=_unfraction(cell["variance"]),
                withheld=cell["withheld"],
            )
            for party, cell in zip(parties, row["parties"], strict=True)
        }
        links.append(
            LinkResult(
                link_id=row["id"],
                key=row["key"],
                parties=cells,
                gap=_unfraction(row["gap"]),
                state=LinkState(row["state"]),
                lowest_mean=_unfraction(row["lowest_mean"]),
            )
        )
        details[row["id"]] = [
            PartyLinkDetail(
                party=party,
                statements=None
                if detail["statements"] is None
                else {
                    sid: StatementStats(
                        mean=_unfraction(s["mean"]),
                        n=s["n"],
                        dont_know=s["dont_know"],
                        withheld=s["withheld"],
                    )
                    for sid, s in detail["statements"].items()
                },
                comments=detail["comments"],
            )
            for party, detail in zip(parties, row["details"], strict=True)
        ]
    zipper = data["zipper"]
    result = RoundResult(
        parties=tuple(party.pk for party in parties),
        links=tuple(links),
        zipper=ZipperResult(
            state=ZipperState(zipper["state"]),
            weakest_link=zipper["weakest_link"],
            jams_at=tuple(zipper["jams_at"]),
        ),
        agenda=tuple(data["agenda"]),
    )
    by_pk = {party.pk: party for party in parties}
    progress = tuple(
        respondents.Progress(
            party=by_pk[row["party"]],
            invited=row["invited"],
            started=row["started"],
            submitted=row["submitted"],
            personal=row.get("personal", 0),
            anonymous=row.get("anonymous", 0),
            links_made=row.get("links_made", 0),
            links_claimed=row.get("links_claimed", 0),
        )
        for row in data["progress"]
        if row["party"] in by_pk
    )
    return Results(
        round=round_, spec=spec, parties=parties, result=result, details=details, progress=progress
    )


def encode_answers(answers: Answers) -> dict[str, list[dict[str, int | None]]]:
    """Exportable answers per party, without response ids, sorted by content; a party
    without a single answer left is not in it at all."""
    return {
        str(party_id): sorted(
            (dict(given) for given in per_party.values()),
            key=lambda given: json.dumps(given, sort_keys=True),
        )
        for party_id, per_party in answers.items()
        if per_party
    }


def decode_answers(data: dict[str, list[dict[str, int | None]]]) -> Answers:
    return {
        int(party_id): {str(index): given for index, given in enumerate(rows)}
        for party_id, rows in data.items()
    }


# --- storing and reading --------------------------------------------------------------


def _shared_parties(round_: Round) -> list[SharedParty]:
    releases = PartyRelease.objects.filter(round=round_).select_related("party__organisation")
    return [
        SharedParty(pk=r.party_id, name=r.party.name, role=r.party.role)
        for r in sorted(releases, key=lambda r: r.party_id)
    ]


def store(round_: Round) -> ResultSnapshot:
    """Compute and store the snapshot of a round that has just become shared."""
    if round_.state != RoundState.SHARED:
        raise ValueError("Only a shared round has a snapshot.")
    parties = _shared_parties(round_)
    spec = round_.framework.spec
    answers = collect_answers(round_, parties)
    results = compute(round_, parties, answers)
    used, _sets = anonymised_answers(spec, answers)
    progress = respondents.progress(round_, parties)
    return ResultSnapshot.objects.create(
        round=round_,
        framework=round_.framework,
        scoring_version=SCORING_VERSION,
        results=encode(results, progress),
        answers=encode_answers(used),
    )


def _bind(snapshot: ResultSnapshot, round_: Round) -> Results:
    return decode(snapshot.results, round_, snapshot.framework.spec)


def load(round_: Round) -> Results:
    snapshot = ResultSnapshot.objects.defer("answers").select_related("framework").get(round=round_)
    return _bind(snapshot, round_)


def load_all(collaboration: Collaboration) -> list[Results]:
    """Every shared round's results, oldest first (two queries, whatever the number)."""
    snapshots = (
        ResultSnapshot.objects.defer("answers")
        .filter(round__collaboration=collaboration, round__state=RoundState.SHARED)
        .select_related("framework", "round__framework", "round__collaboration")
        .order_by("round__opened_at", "round__pk")
    )
    return [_bind(snapshot, snapshot.round) for snapshot in snapshots]


def load_answers(round_: Round) -> Answers:
    """The exportable anonymised answers of a shared round (for the answer export)."""
    data = ResultSnapshot.objects.filter(round=round_).values_list("answers", flat=True).get()
    return decode_answers(data)


@transaction.atomic
def rebuild(round_: Round) -> ResultSnapshot:
    """Compute a shared round's snapshot again from its answers (new scoring rules)."""
    ResultSnapshot.objects.filter(round=round_).delete()
    return store(round_)


def outdated_rounds() -> list[Round]:
    """Shared rounds without a snapshot of the current scoring rules."""
    current = ResultSnapshot.objects.filter(scoring_version=SCORING_VERSION).values("round_id")
    return list(
        Round.objects.filter(state=RoundState.SHARED)
        .exclude(pk__in=current)
        .select_related("framework", "collaboration")
    )


def rebuild_outdated() -> int:
    rebuilt = 0
    for round_ in outdated_rounds():
        rebuild(round_)
        rebuilt += 1
    return rebuilt
