"""What coordinators, facilitators and the shared results may know about respondents:
counts per party, never anything per person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q
from django_scopes import scope

from ritsen.collaborations.models import PartyLike
from ritsen.collaborations.selectors import parties_of

from .models import Channel, RespondentInvitation, RespondentMark, Response, Round


@dataclass(frozen=True)
class Progress:
    """One party's respondents, as counts.

    ``invited`` are personal invitations (not withdrawn) plus anonymous links made;
    ``started`` responses hold at least one answer (submitted or not); ``personal``
    and ``anonymous`` split those by how they came in, so that responses a coordinator
    might make up through anonymous links stay visible; ``links_claimed`` anonymous
    links have been opened by someone.
    """

    party: PartyLike
    invited: int
    started: int
    submitted: int
    personal: int = 0
    anonymous: int = 0
    links_made: int = 0
    links_claimed: int = 0

    def counts(self) -> dict[str, int]:
        """The counts by name (for the snapshot and the API): never more than counts."""
        return {
            "invited": self.invited,
            "started": self.started,
            "submitted": self.submitted,
            "personal": self.personal,
            "anonymous": self.anonymous,
            "links_made": self.links_made,
            "links_claimed": self.links_claimed,
        }

    @property
    def response_rate(self) -> int:
        return round(100 * self.submitted / self.invited) if self.invited else 0


def _counts(rounds: Sequence[Round], party_ids: list[int]) -> dict[tuple[int, int], Counter]:
    """``{(round_id, party_id): counts}`` for ``rounds``, in four queries."""
    counts: dict[tuple[int, int], Counter] = {}

    def add(round_id: int, party_id: int, **values: int) -> None:
        counts.setdefault((round_id, party_id), Counter()).update(values)

    round_ids = [round_.pk for round_ in rounds]
    with scope(party=party_ids):
        for row in (
            RespondentInvitation.objects.filter(round_id__in=round_ids, party_id__in=party_ids)
            .values("round_id", "party_id")
            .annotate(
                personal=Count("pk", filter=~Q(email="") & Q(revoked_at__isnull=True)),
                links=Count("pk", filter=Q(email="")),
            )
        ):
            add(row["round_id"], row["party_id"], invited=row["personal"] + row["links"])
            add(row["round_id"], row["party_id"], links_made=row["links"])
        claims = (
            RespondentMark.objects.filter(
                round_id__in=round_ids, party_id__in=party_ids, kind=RespondentMark.Kind.CLAIMED
            )
            .values("round_id", "party_id")
            .annotate(n=Count("pk"))
        )
        for claim in claims:
            add(claim["round_id"], claim["party_id"], links_claimed=claim["n"])
        responses = Response.objects.filter(round_id__in=round_ids, party_id__in=party_ids).exclude(
            answers={}
        )
        for response in responses.only("id", "round_id", "party_id", "submitted", "channel_tag"):
            personal = response.channel == Channel.PERSONAL
            add(
                response.round_id,
                response.party_id,
                started=1,
                submitted=int(response.submitted),
                personal=int(personal),
                anonymous=int(not personal),
            )
    return counts


def progress(round_: Round, parties: Sequence[PartyLike] | None = None) -> list[Progress]:
    """Per party of the round (or of ``parties``), its counts."""
    parties = list(parties if parties is not None else parties_of(round_.collaboration))
    counts = _counts([round_], [party.pk for party in parties])
    empty = {"invited": 0, "started": 0, "submitted": 0}
    return [
        Progress(party=party, **{**empty, **counts.get((round_.pk, party.pk), {})})
        for party in parties
    ]


def party_progress(round_: Round, party: PartyLike) -> Progress:
    return progress(round_, [party])[0]


def respondent_counts(rounds: Sequence[Round]) -> dict[int, dict[int, dict[str, int]]]:
    """``{round_id: {party_id: {"personal", "anonymous", "claimed_links"}}}`` for the
    transfer file (counts only: per response the channel would join a lone personal
    invitee to their answers). Parties without responses or claims are left out."""
    party_ids = sorted(
        {party.pk for round_ in rounds for party in parties_of(round_.collaboration)}
    )
    result: dict[int, dict[int, dict[str, int]]] = {}
    for (round_id, party_id), counts in _counts(rounds, party_ids).items():
        if counts["personal"] or counts["anonymous"] or counts["links_claimed"]:
            result.setdefault(round_id, {})[party_id] = {
                "personal": counts["personal"],
                "anonymous": counts["anonymous"],
                "claimed_links": counts["links_claimed"],
            }
    return result
