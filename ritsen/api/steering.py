"""Steering a round through the API: open and close it, invite respondents or make
anonymous links, follow the counts, read one's own results and release them."""

from django.http import Http404, HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from ritsen.assessments import selectors as respondents
from ritsen.assessments import services as rounds
from ritsen.assessments.models import PartyRelease
from ritsen.collaborations.access import Perm
from ritsen.results.selectors import own_results

from . import schemas
from .common import ERRORS, Id, Pages, access_to, party_out, results_out, round_out

router = Router(tags=["rounds"])
WRITE_ERRORS = ERRORS


@router.get(
    "/collaborations/{collaboration_id}/rounds",
    response={200: list[schemas.RoundOut], **ERRORS},
)
@paginate(Pages)
def list_rounds(request: HttpRequest, collaboration_id: Id) -> list[dict]:
    """The rits-scan rounds, newest first."""
    access = access_to(request, collaboration_id)
    return [round_out(round_) for round_ in access.collaboration.rounds.all()]


@router.get(
    "/collaborations/{collaboration_id}/rounds/{round_id}",
    response={200: schemas.RoundOut, **ERRORS},
)
def get_round(request: HttpRequest, collaboration_id: Id, round_id: Id) -> dict:
    return round_out(access_to(request, collaboration_id).round(round_id))


@router.post(
    "/collaborations/{collaboration_id}/rounds",
    response={201: schemas.RoundOut, **WRITE_ERRORS},
)
def open_round(request: HttpRequest, collaboration_id: Id, payload: schemas.RoundIn) -> Status:
    """Open a round (facilitators); only one round is open at a time."""
    access = access_to(request, collaboration_id)
    round_ = rounds.open_round(
        access=access,
        title=payload.title.strip(),
        closes_at=payload.closes_at,
        language=payload.language,
    )
    return Status(201, round_out(round_))


@router.post(
    "/collaborations/{collaboration_id}/rounds/{round_id}/close",
    response={200: schemas.RoundOut, **WRITE_ERRORS},
)
def close_round(request: HttpRequest, collaboration_id: Id, round_id: Id) -> dict:
    """Close a round now (facilitators): nobody can answer any more."""
    access = access_to(request, collaboration_id)
    return round_out(rounds.close_round(access.round(round_id), access=access))


@router.post(
    "/collaborations/{collaboration_id}/rounds/{round_id}/parties/{party_id}/invitations",
    response={200: schemas.InvitedOut, **WRITE_ERRORS},
    tags=["respondents"],
)
def invite_respondents(
    request: HttpRequest,
    collaboration_id: Id,
    round_id: Id,
    party_id: Id,
    payload: schemas.EmailsIn,
) -> dict:
    """Invite respondents of your party by email (coordinators); each gets a personal
    link. Addresses already invited are left alone and listed."""
    access = access_to(request, collaboration_id)
    valid, invalid = rounds.parse_emails("\n".join(payload.emails))
    outcome = rounds.invite_respondents(
        access.round(round_id), access.get_party(party_id), valid, access=access
    )
    return {
        "invited": outcome.created,
        "already_invited": outcome.already_invited,
        "invalid": invalid,
    }


@router.post(
    "/collaborations/{collaboration_id}/rounds/{round_id}/parties/{party_id}/links",
    response={201: list[schemas.LinkOut], **WRITE_ERRORS},
    tags=["respondents"],
)
def make_links(
    request: HttpRequest,
    collaboration_id: Id,
    round_id: Id,
    party_id: Id,
    payload: schemas.LinksIn,
) -> Status:
    """Anonymous links (coordinators): returned once, never stored. The first person
    to open one claims it (see the respondent operations)."""
    access = access_to(request, collaboration_id)
    links = rounds.generate_links(
        access.round(round_id), access.get_party(party_id), payload.count, access=access
    )
    return Status(
        201, [{"number": link.number, "url": link.url, "secret": link.token} for link in links]
    )


@router.get(
    "/collaborations/{collaboration_id}/rounds/{round_id}/parties/{party_id}/progress",
    response={200: schemas.ProgressOut, **ERRORS},
    tags=["respondents"],
)
def progress(request: HttpRequest, collaboration_id: Id, round_id: Id, party_id: Id) -> dict:
    """Your party's respondents as counts — never who."""
    access = access_to(request, collaboration_id)
    party = access.get_party(party_id)
    access.require(Perm.MANAGE_RESPONDENTS, party=party)
    row = respondents.party_progress(access.round(round_id), party)
    return {"party_id": party.pk, **row.counts()}


@router.get(
    "/collaborations/{collaboration_id}/rounds/{round_id}/parties/{party_id}/results",
    response={200: schemas.SharedResults, **ERRORS},
    tags=["results"],
)
def party_results(request: HttpRequest, collaboration_id: Id, round_id: Id, party_id: int) -> dict:
    """Your party's own results once the round has closed (before anyone releases);
    404 before the round closes, and for other parties."""
    access = access_to(request, collaboration_id)
    party = access.get_party(party_id)
    access.require(Perm.SEE_PARTY_DATA, party=party)
    round_ = access.round(round_id)
    results = own_results(round_, party)
    if results is None:
        raise Http404
    return results_out(round_, results)


@router.post(
    "/collaborations/{collaboration_id}/rounds/{round_id}/parties/{party_id}/release",
    response={200: schemas.ReleaseOut, **WRITE_ERRORS},
    tags=["results"],
)
def release(request: HttpRequest, collaboration_id: Id, round_id: Id, party_id: Id) -> dict:
    """Release your party's results (coordinators); the last release shares the round."""
    access = access_to(request, collaboration_id)
    party = access.get_party(party_id)
    made: PartyRelease = rounds.release(access.round(round_id), party, access=access)
    round_ = access.round(round_id)
    return {"party_id": party.pk, "released_at": made.released_at, "round_state": round_.state}


__all__ = ["party_out", "router"]
