"""Operations on collaborations, parties, invitations and profiles.

Views, commands, the demo (and the coming API) call these; each operation has exactly
one code path, and each takes the acting :class:`~ritsen.collaborations.access.Access`
and checks its permission on its first line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scope

from ritsen.accounts.notifications import Notice, notify
from ritsen.core import mail
from ritsen.core.errors import ServiceError
from ritsen.frameworks.models import Framework

from . import sharing
from .access import Access, Perm
from .constants import PartyRole, Role
from .joining import first_coordinator_invitation, has_coordinator, invitable_parties, may_invite
from .models import (
    Collaboration,
    Invitation,
    Membership,
    MembershipEvent,
    Organisation,
    Party,
    PartyProfile,
    ProfileVersion,
)
from .models.memberships import hash_token
from .models.profiles import PROFILE_FIELDS

if TYPE_CHECKING:
    from ritsen.accounts.models import User

__all__ = ["ServiceError", "has_coordinator", "invitable_parties", "may_invite"]


# --- collaborations and parties ----------------------------------------------------


@transaction.atomic
def create_collaboration(
    *, user: User, name: str, purpose: str, framework: Framework
) -> Collaboration:
    """Anyone with an account may start a collaboration; they become its facilitator."""
    collaboration = Collaboration.objects.create(
        name=name, purpose=purpose, framework=framework, created_by=user
    )
    Membership.objects.create(user=user, collaboration=collaboration, role=Role.FACILITATOR)
    return collaboration


@transaction.atomic
def edit_collaboration(*, access: Access, name: str, purpose: str) -> Collaboration:
    access.require(Perm.EDIT_COLLABORATION)
    collaboration = access.collaboration
    collaboration.name = name
    collaboration.purpose = purpose
    collaboration.save(update_fields=["name", "purpose", "updated_at"])
    return collaboration


def _organisation_named(name: str) -> Organisation:
    """The organisation of that name (organisations exist once), made if it is new."""
    name = " ".join(name.split())
    organisation = Organisation.objects.filter(name__iexact=name).first()
    return organisation or Organisation.objects.create(name=name)


@transaction.atomic
def add_party(
    *,
    access: Access,
    organisation: Organisation | None = None,
    organisation_name: str = "",
    role: str = PartyRole.PARTNER,
) -> Party:
    """Add an existing organisation, or one by name (made if it is new), as a party."""
    access.require(Perm.MANAGE_PARTIES)
    if organisation is None:
        organisation = _organisation_named(organisation_name)
    collaboration = access.collaboration
    if collaboration.parties.filter(organisation=organisation).exists():
        raise ServiceError(
            _("%(organisation)s is already a party in this collaboration.")
            % {"organisation": organisation.name}
        )
    return Party.objects.create(collaboration=collaboration, organisation=organisation, role=role)


def _party(access: Access, party: Party) -> Party:
    access.require(Perm.MANAGE_PARTIES)
    if party.collaboration_id != access.collaboration.pk:
        raise Http404
    return party


@transaction.atomic
def edit_party(party: Party, *, access: Access, name: str, role: str) -> Party:
    """Rename a party (in this collaboration only: it is pointed at the organisation of
    that name, made if new — other collaborations keep theirs) or change its role."""
    party = _party(access, party)
    name = " ".join(name.split())
    if name and name.casefold() != party.organisation.name.casefold():
        organisation = _organisation_named(name)
        if access.collaboration.parties.filter(organisation=organisation).exists():
            raise ServiceError(
                _("%(organisation)s is already a party in this collaboration.")
                % {"organisation": organisation.name}
            )
        party.organisation = organisation
    elif name and name != party.organisation.name and _only_here(party):
        # Only a change of case or spacing, and nobody else uses this organisation.
        party.organisation.name = name
        party.organisation.save(update_fields=["name"])
    party.role = role
    party.save(update_fields=["organisation", "role"])
    return party


def _only_here(party: Party) -> bool:
    return not party.organisation.parties.exclude(pk=party.pk).exists()


#: What apps built on this one hold of a party (the workspace's items), in words: each
#: function is registered in the app's ``ready`` and returns a list (empty: nothing).
EXTRA_HOLDINGS: list[Callable[[Party], list[str]]] = []


def party_holdings(party: Party) -> list[str]:
    """What a party holds, in words; a party that holds nothing can be removed."""
    held = []
    people = party.memberships.count()
    if people:
        held.append(ngettext("%(count)s person", "%(count)s people", people) % {"count": people})
    if party.invitations.pending().exists():
        held.append(_("open invitations"))
    with scope(party=[party.pk]):
        if PartyProfile.objects.filter(party=party).exists():
            held.append(_("a profile"))
    for holding in EXTRA_HOLDINGS:  # what the apps above hold of the party
        held.extend(holding(party))
    # Every round opened since the party joined counts it (respondents, results).
    rounds = party.collaboration.rounds.filter(opened_at__gte=party.created_at).count()
    if rounds:
        held.append(
            ngettext("%(count)s rits-scan round", "%(count)s rits-scan rounds", rounds)
            % {"count": rounds}
        )
    return held


@transaction.atomic
def remove_party(party: Party, *, access: Access) -> None:
    """Remove a party that holds nothing yet (see :func:`party_holdings`)."""
    party = _party(access, party)
    held = party_holdings(party)
    if held:
        raise ServiceError(
            _("%(party)s cannot be removed: it already has %(what)s.")
            % {"party": party.name, "what": ", ".join(held)}
        )
    party.delete()


# --- invitations -------------------------------------------------------------------


@dataclass(frozen=True)
class SentInvitation:
    invitation: Invitation
    url: str


def invitation_url(token: str) -> str:
    return settings.BASE_URL + reverse("collaborations:invitation", args=[token])


def _require_invite(access: Access, *, role: str, party: Party | None) -> None:
    if not may_invite(access, role=role, party=party):
        if party is not None and not access.can(Perm.INVITE_FIRST_COORDINATOR):
            access.require(Perm.INVITE_TO_PARTY, party=party)  # 404 outside the party
        raise PermissionDenied


def _record(membership: Membership, kind: str, *, by: User | None) -> MembershipEvent:
    """Keep the change and tell the party's coordinators (by mail, after commit)."""
    event = MembershipEvent.objects.create(
        collaboration=membership.collaboration,
        party=membership.party,
        kind=kind,
        role=membership.role,
        person=f"{membership.user.display_name} <{membership.user.email}>",
        by=by,
        by_name=by.display_name if by is not None else "",
    )
    if membership.party is not None:
        _tell_coordinators(event, membership.party)
    return event


#: For the operator's admin: the same record and mail as a change made in the app.
record_membership_change = _record


def _tell_coordinators(event: MembershipEvent, party: Party) -> None:
    coordinators = party.memberships.filter(role=Role.COORDINATOR).select_related("user")
    url = settings.BASE_URL + reverse("collaborations:people", args=[party.collaboration_id])
    notify(
        Notice.MEMBERSHIP_CHANGED,
        [coordinator.user for coordinator in coordinators],
        template="collaborations/email/membership_changed.txt",
        subject="collaborations/email/membership_changed_subject.txt",
        context={"event": event, "party": party, "collaboration": party.collaboration, "url": url},
    )


class OpenInvitation(ServiceError):
    """The address already has an open invitation: send it again only if asked."""

    def __init__(self, invitation: Invitation) -> None:
        self.invitation = invitation
        super().__init__(
            _(
                "%(email)s already has an open invitation, sent on %(date)s. Send a new one "
                "to replace it (the earlier link stops working)."
            )
            % {
                "email": invitation.email,
                "date": formats.date_format(timezone.localtime(invitation.created_at)),
            }
        )


@transaction.atomic
def invite(
    *, access: Access, email: str, role: str, party: Party | None, replace: bool = False
) -> SentInvitation:
    """Invite ``email`` to a role. An open invitation for the same address is replaced
    only with ``replace`` (else :class:`OpenInvitation`)."""
    if (role == Role.FACILITATOR) != (party is None):
        raise ServiceError(_("A facilitator has no party; coordinators and members need one."))
    _require_invite(access, role=role, party=party)
    collaboration = access.collaboration
    invited_by = access.user
    email = email.strip().lower()
    if Membership.objects.filter(collaboration=collaboration, user__email__iexact=email).exists():
        raise ServiceError(
            _("%(email)s already has a role in this collaboration.") % {"email": email}
        )
    now = timezone.now()
    pending = list(
        collaboration.invitations.pending().filter(email__iexact=email).select_related("party")
    )
    # Only invitations this person manages are shown or replaced; of anyone else's
    # (another party's) nothing is told — not whose, not when.
    mine = [i for i in pending if may_invite(access, role=i.role, party=i.party)]
    if len(mine) < len(pending):
        raise ServiceError(
            _("%(email)s cannot be invited now: another invitation for this address is open.")
            % {"email": email}
        )
    if mine and not replace:
        raise OpenInvitation(mine[0])
    collaboration.invitations.filter(pk__in=[i.pk for i in mine]).update(revoked_at=now)
    token = Invitation.new_token()
    invitation = Invitation(
        collaboration=collaboration,
        party=party,
        role=role,
        email=email,
        invited_by=invited_by,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.set_token(token)
    invitation.save()
    url = invitation_url(token)
    context = {
        "invitation": invitation,
        "url": url,
        "inviter": invited_by,
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    # The email goes out in the inviter's language.
    language = getattr(invited_by, "language", None) or translation.get_language()
    with translation.override(language):
        subject = _("Invitation to the collaboration “%(name)s”") % {"name": collaboration.name}
        body = render_to_string("collaborations/email/invitation.txt", context)
    mail.send_later([(subject, body, settings.DEFAULT_FROM_EMAIL, [email])])
    return SentInvitation(invitation=invitation, url=url)


def find_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("collaboration", "party__organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, access: Access) -> None:
    if invitation.collaboration_id != access.collaboration.pk:
        raise Http404
    if not may_invite(access, role=invitation.role, party=invitation.party):
        raise Http404
    if invitation.is_pending:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User) -> Membership:
    """The invitee (holder of the link's secret) takes the role they were invited to."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ServiceError(_("This invitation is no longer valid."))
    if user.email.lower() != invitation.email.lower():
        raise ServiceError(
            _("This invitation is for another email address. Log out and open the link again.")
        )
    if (
        invitation.party is not None
        and first_coordinator_invitation(invitation)
        and has_coordinator(invitation.party)
    ):
        raise ServiceError(
            _(
                "This invitation was for the first coordinator of %(party)s, and the party has "
                "a coordinator now. Ask them to invite you."
            )
            % {"party": invitation.party.name}
        )
    membership, created = Membership.objects.get_or_create(
        user=user,
        collaboration=invitation.collaboration,
        defaults={"party": invitation.party, "role": invitation.role},
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if created:
        _record(membership, MembershipEvent.Kind.JOINED, by=invitation.invited_by)
    return membership


@transaction.atomic
def accept_invitation_as_new_user(invitation: Invitation, *, name: str, password: str) -> User:
    user_model = get_user_model()
    if user_model.objects.filter(email__iexact=invitation.email).exists():
        raise ServiceError(_("An account with this email address already exists. Log in first."))
    user = user_model.objects.create_user(
        email=invitation.email, password=password, name=name, language=translation.get_language()
    )
    accept_invitation(invitation, user)
    return user


@transaction.atomic
def remove_membership(membership: Membership, *, access: Access) -> None:
    access.require(Perm.MANAGE_MEMBERSHIPS)
    collaboration = access.collaboration
    if membership.collaboration_id != collaboration.pk:
        raise Http404
    if (
        membership.role == Role.FACILITATOR
        and collaboration.memberships.filter(role=Role.FACILITATOR).count() == 1
    ):
        raise ServiceError(_("A collaboration needs at least one facilitator."))
    _record(membership, MembershipEvent.Kind.REMOVED, by=access.user)
    membership.delete()


# --- preparation: party profiles ---------------------------------------------------


def _add_version(profile: PartyProfile, kind: str, user: User) -> ProfileVersion:
    with scope(party=[profile.party_id]):
        last = profile.versions.aggregate(n=Max("number"))["n"] or 0
        return ProfileVersion.objects.create(
            profile=profile, number=last + 1, kind=kind, content=profile.content, created_by=user
        )


@transaction.atomic
def save_profile(profile: PartyProfile, data: dict[str, str], *, access: Access) -> PartyProfile:
    access.require(Perm.EDIT_PROFILE, party=profile.party)
    user = access.user
    with scope(party=[profile.party_id]):
        # Compare with what is stored: a bound ModelForm already copied the new values
        # onto ``profile`` while validating.
        stored = PartyProfile.objects.filter(pk=profile.pk).values(*PROFILE_FIELDS).first() or {}
    changed = any(stored.get(key, "") != data.get(key, "") for key in PROFILE_FIELDS)
    for key in PROFILE_FIELDS:
        setattr(profile, key, data.get(key, ""))
    profile.updated_by = user
    profile.save()
    if profile.is_shared and changed:
        _add_version(profile, ProfileVersion.Kind.EDITED, user)
    return profile


@transaction.atomic
def share_profile(profile: PartyProfile, *, access: Access) -> PartyProfile:
    access.require(Perm.EDIT_PROFILE, party=profile.party)
    ready = bool(profile.answered_count)
    if sharing.share(
        profile,
        access=access,
        ready=ready,
        not_ready=_("Answer at least one question before you share the profile."),
    ):
        _add_version(profile, ProfileVersion.Kind.SHARED, access.user)
    return profile


@transaction.atomic
def withdraw_profile(profile: PartyProfile, *, access: Access) -> PartyProfile:
    access.require(Perm.EDIT_PROFILE, party=profile.party)
    profile.updated_by = access.user
    if sharing.withdraw(profile, parties=access.parties()):
        _add_version(profile, ProfileVersion.Kind.WITHDRAWN, access.user)
    return profile
