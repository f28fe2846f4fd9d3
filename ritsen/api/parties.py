"""Parties, people and the preparation through the API: add, rename and remove
parties; the members and the open invitations; each party's profile (private to the
party until every party has shared) and the profiles side by side."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django_scopes import scope
from ninja import Router, Status
from ninja.pagination import paginate

from ritsen.collaborations import selectors
from ritsen.collaborations import services as collaborations
from ritsen.collaborations.access import Perm
from ritsen.collaborations.models import PROFILE_QUESTIONS, Invitation, Membership, PartyProfile

from . import schemas
from .common import ERRORS, Id, Pages, access_to, invalid, party_access, party_out

router = Router()


# --- parties ------------------------------------------------------------------------


@router.get(
    "/collaborations/{collaboration_id}/parties",
    response={200: list[schemas.PartyOut], **ERRORS},
    tags=["parties"],
)
@paginate(Pages)
def list_parties(request: HttpRequest, collaboration_id: Id) -> list[dict]:
    access = access_to(request, collaboration_id)
    return [party_out(party) for party in access.parties()]


@router.post(
    "/collaborations/{collaboration_id}/parties",
    response={201: schemas.PartyOut, **ERRORS},
    tags=["parties"],
)
def add_party(request: HttpRequest, collaboration_id: Id, payload: schemas.PartyIn) -> Status:
    """Add an organisation as a party (facilitators), by its name: the organisation of
    that name if Ritsen knows it, else a new one."""
    access = access_to(request, collaboration_id)
    party = collaborations.add_party(
        access=access, organisation_name=payload.organisation_name, role=payload.role
    )
    return Status(201, party_out(party))


@router.get(
    "/collaborations/{collaboration_id}/parties/{party_id}",
    response={200: schemas.PartyOut, **ERRORS},
    tags=["parties"],
)
def get_party(request: HttpRequest, collaboration_id: Id, party_id: Id) -> dict:
    return party_out(access_to(request, collaboration_id).get_party(party_id))


@router.patch(
    "/collaborations/{collaboration_id}/parties/{party_id}",
    response={200: schemas.PartyOut, **ERRORS},
    tags=["parties"],
)
def edit_party(
    request: HttpRequest, collaboration_id: Id, party_id: Id, payload: schemas.PartyPatch
) -> dict:
    """Rename a party (in this collaboration only) or change its role (facilitators)."""
    access = access_to(request, collaboration_id)
    party = access.get_party(party_id)
    party = collaborations.edit_party(
        party,
        access=access,
        name=payload.name if payload.name is not None else party.name,
        role=payload.role if payload.role is not None else party.role,
    )
    return party_out(party)


@router.delete(
    "/collaborations/{collaboration_id}/parties/{party_id}",
    response={204: None, **ERRORS},
    tags=["parties"],
)
def remove_party(request: HttpRequest, collaboration_id: Id, party_id: Id) -> Status:
    """Remove a party that holds nothing yet (facilitators); 400 naming what it holds
    (people, invitations, a profile, rounds) otherwise."""
    access = access_to(request, collaboration_id)
    collaborations.remove_party(access.get_party(party_id), access=access)
    return Status(204, None)


# --- people -------------------------------------------------------------------------


def _member_out(membership: Membership, request: HttpRequest) -> dict:
    return {
        "id": membership.pk,
        "name": membership.user.display_name,
        "role": membership.role,
        "party_id": membership.party_id,
        "you": membership.user_id == request.user.pk,
    }


@router.get(
    "/collaborations/{collaboration_id}/members",
    response={200: list[schemas.MemberOut], **ERRORS},
    tags=["people"],
)
@paginate(Pages)
def list_members(request: HttpRequest, collaboration_id: Id) -> list[dict]:
    """Who has which role: the facilitators, then each party's people (names, as on the
    People page — never email addresses)."""
    facilitators, by_party = selectors.people(access_to(request, collaboration_id))
    members = [*facilitators, *(m for _party, people in by_party for m in people)]
    return [_member_out(membership, request) for membership in members]


def _invitation_out(invitation: Invitation) -> dict:
    return {
        "id": invitation.pk,
        "email": invitation.email,
        "role": invitation.role,
        "party_id": invitation.party_id,
        "created_at": invitation.created_at,
        "expires_at": invitation.expires_at,
    }


@router.get(
    "/collaborations/{collaboration_id}/invitations",
    response={200: list[schemas.InvitationOut], **ERRORS},
    tags=["people"],
)
@paginate(Pages)
def list_invitations(request: HttpRequest, collaboration_id: Id) -> list[dict]:
    """The open invitations you may manage: a facilitator's, and a coordinator's into
    their own party."""
    access = access_to(request, collaboration_id, Perm.INVITE_PEOPLE)
    return [_invitation_out(i) for i in selectors.manageable_invitations(access)]


@router.post(
    "/collaborations/{collaboration_id}/invitations",
    response={201: schemas.InvitationOut, **ERRORS},
    tags=["people"],
)
def invite(request: HttpRequest, collaboration_id: Id, payload: schemas.InvitationIn) -> Status:
    """Invite someone by email: facilitators without a party; coordinators and members
    into a party (its own coordinators do, or the facilitator for a party's first
    coordinator). The link goes by email only. An address with an open invitation
    gets 400 unless ``replace`` is true."""
    access = access_to(request, collaboration_id, Perm.INVITE_PEOPLE)
    try:
        validate_email(payload.email.strip())
    except DjangoValidationError as error:
        raise invalid("email", " ".join(error.messages)) from None
    party = access.get_party(payload.party_id) if payload.party_id is not None else None
    sent = collaborations.invite(
        access=access,
        email=payload.email,
        role=payload.role,
        party=party,
        replace=payload.replace,
    )
    return Status(201, _invitation_out(sent.invitation))


@router.delete(
    "/collaborations/{collaboration_id}/invitations/{invitation_id}",
    response={204: None, **ERRORS},
    tags=["people"],
)
def revoke_invitation(request: HttpRequest, collaboration_id: Id, invitation_id: Id) -> Status:
    """Revoke an open invitation you may manage (404 for any other)."""
    access = access_to(request, collaboration_id, Perm.INVITE_PEOPLE)
    invitation = get_object_or_404(
        access.collaboration.invitations.pending().select_related("party"), pk=invitation_id
    )
    collaborations.revoke_invitation(invitation, access=access)
    return Status(204, None)


# --- preparation: profiles ----------------------------------------------------------


def _profile_out(profile: PartyProfile) -> dict:
    return {
        "party_id": profile.party_id,
        "status": profile.status,
        "shared_at": profile.shared_at,
        "answers": [
            {"key": key, "question": str(question), "answer": getattr(profile, key)}
            for key, question, _help in PROFILE_QUESTIONS
        ],
    }


@router.get(
    "/collaborations/{collaboration_id}/parties/{party_id}/profile",
    response={200: schemas.ProfileOut, **ERRORS},
    tags=["preparation"],
)
def get_profile(request: HttpRequest, collaboration_id: Id, party_id: Id) -> dict:
    """Your party's own profile (404 for another party's, even when shared: the
    profiles are read side by side)."""
    _access, party = party_access(request, collaboration_id, party_id, Perm.SEE_PARTY_DATA)
    with scope(party=[party.pk]):
        return _profile_out(selectors.profile_of(party))


@router.put(
    "/collaborations/{collaboration_id}/parties/{party_id}/profile",
    response={200: schemas.ProfileOut, **ERRORS},
    tags=["preparation"],
)
def save_profile(
    request: HttpRequest,
    collaboration_id: Id,
    party_id: Id,
    payload: schemas.ProfileIn,
) -> dict:
    """Write your party's profile (coordinators). PUT replaces it: a question left out
    is emptied. A shared profile stays shared, and the change is kept in its history."""
    access, party = party_access(request, collaboration_id, party_id, Perm.EDIT_PROFILE)
    with scope(party=[party.pk]):
        profile = selectors.profile_of(party)
        collaborations.save_profile(profile, payload.model_dump(), access=access)
        return _profile_out(profile)


@router.post(
    "/collaborations/{collaboration_id}/parties/{party_id}/profile/share",
    response={200: schemas.ProfileOut, **ERRORS},
    tags=["preparation"],
)
def share_profile(request: HttpRequest, collaboration_id: Id, party_id: Id) -> dict:
    """Share your party's profile (coordinators). The other parties see it once every
    party has shared."""
    access, party = party_access(request, collaboration_id, party_id, Perm.EDIT_PROFILE)
    with scope(party=[party.pk]):
        return _profile_out(
            collaborations.share_profile(selectors.profile_of(party), access=access)
        )


@router.post(
    "/collaborations/{collaboration_id}/parties/{party_id}/profile/withdraw",
    response={200: schemas.ProfileOut, **ERRORS},
    tags=["preparation"],
)
def withdraw_profile(request: HttpRequest, collaboration_id: Id, party_id: Id) -> dict:
    """Make your party's profile private again (coordinators) — until every party has
    shared; after that, 400."""
    access, party = party_access(request, collaboration_id, party_id, Perm.EDIT_PROFILE)
    with scope(party=[party.pk]):
        profile = collaborations.withdraw_profile(selectors.profile_of(party), access=access)
        return _profile_out(profile)


@router.get(
    "/collaborations/{collaboration_id}/profiles",
    response={200: schemas.ProfilesOut, **ERRORS},
    tags=["preparation"],
)
def profiles_side_by_side(request: HttpRequest, collaboration_id: Id) -> dict:
    """Every party's profile, once every party has shared (``profiles`` is empty
    before); and where each party stands (``preparation``), never the content."""
    access = access_to(request, collaboration_id)
    profiles = selectors.profiles_side_by_side(access.collaboration)
    return {
        "all_shared": profiles is not None,
        "preparation": [
            {"party_id": party.pk, "status": status}
            for party, status in selectors.preparation_status(access.collaboration)
        ],
        "profiles": [_profile_out(profile) for profile in profiles or []],
    }
